// Malformed profiles, endpoint level: pointers, requires, names, methods, kinds, templates, paths.

#include "support/profile/loader.hpp"
#include "checks/unit/profile/profile_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace shield::profile {
namespace {

using test::endpoint_at;
using test::expect_rejected;
using test::mutated;
namespace json = boost::json;

TEST(MalformedProfileEndpoint, BadJsonPointers) {
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["fields"].as_object()["entities"] = "entities"; }),
                  "endpoints[0].fields.entities", "must be \"\" or start with '/'");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["fields"].as_object()["session_id"] = "/a~2b"; }),
                  "endpoints[0].fields.session_id", "invalid escape in JSON pointer at offset 2");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["fields"].as_object()["session_id"] = "/a~"; }),
                  "endpoints[0].fields.session_id", "'~' must be followed by 0 or 1");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 2)["sse"].as_object()["token"] = "token"; }),
                  "endpoints[2].sse.token", "must be \"\" or start with '/'");
  // Valid escapes and the whole-document pointer are accepted.
  const auto ok = parse_profile(mutated([](auto& d) {
                                  auto& fields = endpoint_at(d, 0)["fields"].as_object();
                                  fields["session_id"] = "/a~0b/c~1d";
                                  fields["status"] = "";
                                }),
                                "ok.json");
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(*ok->endpoints[0].field("session_id"), "/a~0b/c~1d");
}

TEST(MalformedProfileEndpoint, RequiresUnknownEndpoint) {
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 1)["requires"] = "crate"; }), "endpoints[1].requires",
                  "requires endpoint 'crate', which does not exist");
  expect_rejected(mutated([](auto& d) {
                    endpoint_at(d, 2)["requires"] = json::array{"create", "nope"};
                  }),
                  "endpoints[2].requires", "requires endpoint 'nope', which does not exist");
}

TEST(MalformedProfileEndpoint, DependencyCycles) {
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["requires"] = "read"; }), "endpoints[0].requires",
                  "dependency cycle: create -> read -> create");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 2)["requires"] = "stream"; }), "endpoints[2].requires",
                  "dependency cycle: stream -> stream");
  expect_rejected(mutated([](auto& d) {
                    endpoint_at(d, 0)["requires"] = "stream";
                    endpoint_at(d, 2)["requires"] = "read";
                  }),
                  "endpoints[0].requires", "dependency cycle: create -> stream -> read -> create");
}

TEST(MalformedProfileEndpoint, DuplicateEndpointNames) {
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 2)["name"] = "create"; }), "endpoints[2].name",
                  "duplicate endpoint name 'create' (also endpoints[0])");
}

TEST(MalformedProfileEndpoint, InvalidMethod) {
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["method"] = "FETCH"; }), "endpoints[0].method",
                  "invalid HTTP method 'FETCH'");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 1)["method"] = "get"; }), "endpoints[1].method",
                  "invalid HTTP method 'get'");
}

TEST(MalformedProfileEndpoint, UnknownResponseKind) {
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 1)["response"] = "xml"; }), "endpoints[1].response",
                  "unknown response kind 'xml'");
}

TEST(MalformedProfileEndpoint, UnknownPlaceholderInBody) {
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["body"].as_object()["text"] = "{txt}"; }),
                  "endpoints[0].body.text", "unknown placeholder {txt}");
  expect_rejected(mutated([](auto& d) {
                    endpoint_at(d, 0)["body"].as_object()["list"] = json::array{"ok {text}", "bad {user}"};
                  }),
                  "endpoints[0].body.list[1]", "unknown placeholder {user}");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["body"].as_object()["text"] = "{text"; }),
                  "endpoints[0].body.text", "unterminated placeholder");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["body"].as_object()["text"] = "a } b"; }),
                  "endpoints[0].body.text", "unbalanced '}'");
}

TEST(MalformedProfileEndpoint, UnknownOrDisallowedPlaceholderInPath) {
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 1)["path"] = "/items/{id}"; }), "endpoints[1].path",
                  "unknown placeholder {id}");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 1)["path"] = "/items/{text}"; }), "endpoints[1].path",
                  "placeholder {text} is not allowed here");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 1)["path"] = "/items/{{x}}"; }), "endpoints[1].path",
                  "must be percent-encoded (%7B, %7D)");
}

TEST(MalformedProfileEndpoint, PathMustStartWithSlashAndBeUriText) {
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["path"] = "items"; }), "endpoints[0].path",
                  "path must start with '/'");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["path"] = ""; }), "endpoints[0].path",
                  "path must start with '/'");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["path"] = "/my items"; }), "endpoints[0].path",
                  "must be percent-encoded at offset 3");
}

TEST(MalformedProfileEndpoint, InconsistentEndpointSettings) {
  expect_rejected(mutated([](auto& d) {
                    endpoint_at(d, 1)["body"] = json::object{{"a", 1}};
                  }),
                  "endpoints[1].body", "a GET request cannot have a body");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["sse"] = json::object{}; }), "endpoints[0].sse",
                  "sse is only allowed when response is \"sse\"");
  expect_rejected(mutated([](auto& d) {
                    endpoint_at(d, 2)["fields"] = json::object{{"status", "/s"}};
                  }),
                  "endpoints[2].fields", "fields are only allowed when response is \"json\"");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["fields"].as_object().erase("entities"); }),
                  "endpoints[0].fields", "'entities', which is missing");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 2)["sse"].as_object()["end_marker"] = ""; }),
                  "endpoints[2].sse.end_marker", "must not be empty");
}

TEST(MalformedProfileEndpoint, SseDefaultsWhenKeysAreOmitted) {
  const auto loaded = parse_profile(mutated([](auto& d) { endpoint_at(d, 2).erase("sse"); }), "ok.json");
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  const auto& sse = loaded->endpoints[2].sse;
  ASSERT_TRUE(sse.has_value());
  EXPECT_FALSE(sse->end_marker.has_value());
  EXPECT_FALSE(sse->token_pointer.has_value());
  EXPECT_EQ(sse->first_token_ms, 0u);
}

}  // namespace
}  // namespace shield::profile
