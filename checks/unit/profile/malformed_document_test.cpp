// Malformed profiles, document level: invalid JSON, unknown or missing keys, wrong types.

#include "support/profile/loader.hpp"
#include "checks/unit/profile/profile_test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace shield::profile {
namespace {

using test::endpoint_at;
using test::expect_rejected;
using test::mutated;
namespace json = boost::json;

TEST(MalformedProfileDocument, TheUnmutatedTestProfileIsAccepted) {
  const auto loaded = parse_profile(mutated([](auto&) {}), test::bad_source);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(loaded->endpoints.size(), 3u);
  EXPECT_EQ(loaded->timeouts.request_ms, 2000u);
  EXPECT_EQ(loaded->endpoints[0].expect_status, 201);
  EXPECT_FALSE(loaded->endpoints[1].mixed);
}

TEST(MalformedProfileDocument, InvalidJsonGivesLineAndColumn) {
  const std::string text = "{\n  \"name\": \"t\",\n  \"endpoints\": [\n    {\"name\": \"a\",}\n  ]\n}";
  expect_rejected(text, "", "invalid JSON at line 4, column 18");
  expect_rejected("{\"name\": \"t\"", "", "invalid JSON at line 1, column 13");
  expect_rejected("{\"name\": \"t\", \"endpoints\": []} trailing", "", "extra data");
  expect_rejected("", "", "invalid JSON at line 1, column 1");
  expect_rejected("{\"name\": 'single'}", "", "invalid JSON at line 1, column 10");
}

TEST(MalformedProfileDocument, DuplicateJsonKeyIsNotSilentlyDropped) {
  const std::string text = R"({"name":"t","endpoints":[{"name":"a","method":"GET","path":"/a"},
        {"name":"b","method":"GET","method":"POST","path":"/b"}]})";
  expect_rejected(text, "endpoints[1].method", "duplicate key");
  expect_rejected(R"({"name":"t","name":"u","endpoints":[]})", "name", "duplicate key");
}

TEST(MalformedProfileDocument, RootMustBeAnObject) { expect_rejected("[]", "", "expected an object, got array"); }

TEST(MalformedProfileDocument, UnknownKeysAnywhereAreErrors) {
  expect_rejected(mutated([](auto& d) { d["endpoint"] = json::array{}; }), "endpoint",
                  "unknown key (did you mean 'endpoints'?)");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["methd"] = "GET"; }), "endpoints[0].methd",
                  "unknown key (did you mean 'method'?)");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 2)["sse"].as_object()["end_mark"] = "x"; }),
                  "endpoints[2].sse.end_mark", "unknown key");
  expect_rejected(mutated([](auto& d) { d["timeouts"].as_object()["connect"] = 5; }), "timeouts.connect",
                  "unknown key (did you mean 'connect_ms'?)");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["fields"].as_object()["anonymised_text"] = "/t"; }),
                  "endpoints[0].fields.anonymised_text", "unknown field name");
}

TEST(MalformedProfileDocument, MissingRequiredKeys) {
  expect_rejected(mutated([](auto& d) { d.erase("name"); }), "name", "required key is missing");
  expect_rejected(mutated([](auto& d) { d.erase("endpoints"); }), "endpoints", "required key is missing");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0).erase("name"); }), "endpoints[0].name",
                  "required key is missing");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0).erase("method"); }), "endpoints[0].method",
                  "required key is missing");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 1).erase("path"); }), "endpoints[1].path",
                  "required key is missing");
}

TEST(MalformedProfileDocument, WrongTypes) {
  expect_rejected(mutated([](auto& d) { d["name"] = 5; }), "name", "expected a string, got integer");
  expect_rejected(mutated([](auto& d) { d["description"] = json::array{}; }), "description",
                  "expected a string, got array");
  expect_rejected(mutated([](auto& d) { d["endpoints"] = json::object{}; }), "endpoints",
                  "expected an array, got object");
  expect_rejected(mutated([](auto& d) { d["endpoints"].as_array()[1] = "read"; }), "endpoints[1]",
                  "expected an object, got string");
  expect_rejected(mutated([](auto& d) { d["timeouts"] = 30; }), "timeouts", "expected an object, got integer");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 1)["mixed"] = "yes"; }), "endpoints[1].mixed",
                  "expected a boolean, got string");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["weight"] = "2"; }), "endpoints[0].weight",
                  "expected an integer, got string");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["weight"] = 1.5; }), "endpoints[0].weight",
                  "expected an integer, got number");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["expect_status"] = "200"; }), "endpoints[0].expect_status",
                  "expected an integer, got string");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["requires"] = 5; }), "endpoints[0].requires",
                  "expected a string or an array of strings, got integer");
  expect_rejected(mutated([](auto& d) {
                    endpoint_at(d, 1)["requires"] = json::array{"create", 1};
                  }),
                  "endpoints[1].requires[1]", "expected a string, got integer");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["fields"] = "x"; }), "endpoints[0].fields",
                  "expected an object, got string");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["fields"].as_object()["entities"] = 3; }),
                  "endpoints[0].fields.entities", "expected a string, got integer");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 2)["sse"] = "[DONE]"; }), "endpoints[2].sse",
                  "expected an object, got string");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 2)["response"] = true; }), "endpoints[2].response",
                  "expected a string, got boolean");
}

TEST(MalformedProfileDocument, NumbersOutOfRange) {
  expect_rejected(mutated([](auto& d) { d["timeouts"].as_object()["request_ms"] = -1; }), "timeouts.request_ms",
                  "out of range");
  expect_rejected(mutated([](auto& d) { d["timeouts"].as_object()["connect_ms"] = 0; }), "timeouts.connect_ms",
                  "out of range");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["weight"] = 0; }), "endpoints[0].weight", "out of range");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["timeout_ms"] = 0; }), "endpoints[0].timeout_ms",
                  "out of range");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 2)["sse"].as_object()["first_token_ms"] = -5; }),
                  "endpoints[2].sse.first_token_ms", "out of range");
  expect_rejected(R"({"name":"t","endpoints":[{"name":"a","method":"GET","path":"/a","weight":18446744073709551615}]})",
                  "endpoints[0].weight", "out of range");
}

TEST(MalformedProfileDocument, StatusOutside100To599) {
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["expect_status"] = 99; }), "endpoints[0].expect_status",
                  "value 99 is out of range (allowed: 100-599)");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["expect_status"] = 600; }), "endpoints[0].expect_status",
                  "value 600 is out of range (allowed: 100-599)");
  const auto edge = parse_profile(mutated([](auto& d) { endpoint_at(d, 0)["expect_status"] = 599; }), "ok.json");
  ASSERT_TRUE(edge.has_value()) << edge.error().message;
  EXPECT_EQ(edge->endpoints[0].expect_status, 599);
}

TEST(MalformedProfileDocument, NamesAndEndpointList) {
  expect_rejected(mutated([](auto& d) { d["name"] = "has space"; }), "name", "profile name must match");
  expect_rejected(mutated([](auto& d) { d["endpoints"] = json::array{}; }), "endpoints", "at least one endpoint");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["name"] = "Create"; }), "endpoints[0].name",
                  "must match [a-z0-9_]+");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["name"] = ""; }), "endpoints[0].name",
                  "must match [a-z0-9_]+");
  expect_rejected(mutated([](auto& d) { endpoint_at(d, 0)["name"] = "mixed"; }), "endpoints[0].name", "reserved");
}

TEST(MalformedProfileDocument, RandomByteEditsAreAcceptedOrExplained) {
  std::ifstream in(SHIELD_DEFAULT_PROFILE, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string original = buffer.str();
  ASSERT_FALSE(original.empty());
  std::mt19937 rng(20240601u);  // fixed seed: the same edits every run
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  int rejected = 0;
  for (int i = 0; i < 3000 && std::chrono::steady_clock::now() < deadline; ++i) {
    std::string text = original;
    const std::size_t at = rng() % text.size();
    switch (rng() % 3) {
      case 0:
        text[at] = static_cast<char>(rng() % 256);
        break;
      case 1:
        text.erase(at, 1 + rng() % 8);
        break;
      default: {
        static constexpr std::string_view inserts = "{}[]\",:~/ 0a";
        text.insert(at, 1, inserts[rng() % inserts.size()]);
        break;
      }
    }
    const auto loaded = parse_profile(text, "edited.json");
    if (loaded) continue;
    ++rejected;
    const std::string message = loaded.error().message;
    ASSERT_EQ(message.rfind("edited.json: ", 0), 0u) << message;
    ASSERT_GT(message.size(), std::string_view("edited.json: ").size()) << "a reason follows the source";
  }
  EXPECT_GT(rejected, 100);
}

}  // namespace
}  // namespace shield::profile

namespace shield::profile {
namespace {

TEST(MalformedProfileDocument, HealthEndpointMustNameAPlainGet) {
  const auto ok = parse_profile(test::mutated([](auto& d) {
                                  test::endpoint_at(d, 1)["path"] = "/ready";
                                  d["health_endpoint"] = "read";
                                }),
                                test::bad_source);
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(ok->health_endpoint, "read");
  test::expect_rejected(test::mutated([](auto& d) { d["health_endpoint"] = "nope"; }), "health_endpoint",
                        "names no endpoint of this profile: 'nope'");
  test::expect_rejected(test::mutated([](auto& d) { d["health_endpoint"] = "create"; }), "health_endpoint",
                        "must be a GET without path placeholders");
  test::expect_rejected(test::mutated([](auto& d) { d["health_endpoint"] = "read"; }), "health_endpoint",
                        "must be a GET without path placeholders");
  test::expect_rejected(test::mutated([](auto& d) { d["health_endpoint"] = 3; }), "health_endpoint",
                        "expected a string");
}

}  // namespace
}  // namespace shield::profile
