// Extra headers: literal values, values from the environment, and secrets kept out of messages.

#include "support/profile/headers.hpp"
#include "support/profile/loader.hpp"
#include "checks/unit/profile/profile_test_support.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace shield::profile {
namespace {

using test::expect_rejected;
using test::mutated;

constexpr const char* secret = "s3cr3t-value-XYZ";

// An environment made of the given variables only.
env_lookup fake_env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

target_profile valid_profile() {
  auto loaded = parse_profile(boost::json::serialize(test::valid_document()), "tiny.json");
  EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().message);
  return loaded ? std::move(loaded).value() : target_profile{};
}

TEST(ProfileHeaders, LiteralAndEnvironmentValuesResolve) {
  const auto p = valid_profile();
  const auto resolved = resolve_headers(p, fake_env({{"TINY_TOKEN", secret}}));
  ASSERT_TRUE(resolved.has_value()) << resolved.error().message;
  ASSERT_EQ(resolved->size(), 2u);
  const auto& client = resolved->at(0);
  const auto& auth = resolved->at(1);
  EXPECT_EQ(client.name, "X-Client");
  EXPECT_EQ(client.value, "tests");
  EXPECT_FALSE(client.secret);
  EXPECT_EQ(client.description, "X-Client: tests");
  EXPECT_EQ(auth.name, "Authorization");
  EXPECT_EQ(auth.value, std::string("Bearer ") + secret);
  EXPECT_TRUE(auth.secret);
}

TEST(ProfileHeaders, DescriptionsNeverShowEnvironmentValues) {
  const auto p = valid_profile();
  const auto resolved = resolve_headers(p, fake_env({{"TINY_TOKEN", secret}}));
  ASSERT_TRUE(resolved.has_value());
  const auto& auth = resolved->at(1);
  EXPECT_EQ(auth.description.find(secret), std::string::npos) << auth.description;
  EXPECT_NE(auth.description.find("$TINY_TOKEN"), std::string::npos) << auth.description;
  EXPECT_EQ(auth.description.rfind("Authorization: Bearer ", 0), 0u) << auth.description;
  EXPECT_EQ(p.headers.at(1).describe(), auth.description);
}

TEST(ProfileHeaders, UnsetVariableIsAnErrorNamingIt) {
  const auto p = valid_profile();
  const auto resolved = resolve_headers(p, fake_env({{"OTHER", secret}}));
  ASSERT_FALSE(resolved.has_value());
  const std::string message = resolved.error().message;
  EXPECT_TRUE(message.starts_with("tiny.json: headers.Authorization: ")) << message;
  EXPECT_NE(message.find("tiny.json"), std::string::npos) << message;
  EXPECT_NE(message.find("TINY_TOKEN is not set"), std::string::npos) << message;
  EXPECT_EQ(message.find(secret), std::string::npos) << message;
}

TEST(ProfileHeaders, EmptyOrInjectingValuesAreRejectedWithoutShowingThem) {
  const auto p = valid_profile();
  const auto empty = resolve_headers(p, fake_env({{"TINY_TOKEN", ""}}));
  ASSERT_FALSE(empty.has_value());
  EXPECT_NE(empty.error().message.find("TINY_TOKEN is empty"), std::string::npos) << empty.error().message;
  const std::string injected = std::string(secret) + "\r\nX-Evil: 1";
  const auto bad = resolve_headers(p, fake_env({{"TINY_TOKEN", injected}}));
  ASSERT_FALSE(bad.has_value());
  const std::string message = bad.error().message;
  EXPECT_NE(message.find("TINY_TOKEN contains a control character"), std::string::npos) << message;
  EXPECT_EQ(message.find(secret), std::string::npos) << message;
}

TEST(ProfileHeaders, ProcessEnvironmentIsTheDefault) {
  const auto p = valid_profile();
  ::unsetenv("TINY_TOKEN");
  const auto unset = resolve_headers(p);
  ASSERT_FALSE(unset.has_value());
  EXPECT_NE(unset.error().message.find("TINY_TOKEN"), std::string::npos);
  ASSERT_EQ(::setenv("TINY_TOKEN", secret, 1), 0);
  const auto set = resolve_headers(p);
  ::unsetenv("TINY_TOKEN");
  ASSERT_TRUE(set.has_value()) << set.error().message;
  EXPECT_EQ(set->at(1).value, std::string("Bearer ") + secret);
}

TEST(ProfileHeaderSpec, Rejections) {
  expect_rejected(mutated([](auto& d) { d["headers"] = "Authorization: x"; }), "headers", "expected an object");
  expect_rejected(mutated([](auto& d) { d["headers"].as_object()["Bad Name"] = "x"; }), R"(headers["Bad Name"])",
                  "invalid header name");
  expect_rejected(mutated([](auto& d) { d["headers"].as_object()["X-Num"] = 5; }), "headers.X-Num",
                  "expected a string or an object");
  expect_rejected(mutated([](auto& d) { d["headers"].as_object()["X-Line"] = "a\nb"; }), "headers.X-Line",
                  "control character");
  expect_rejected(mutated([](auto& d) { d["headers"].as_object()["host"] = "x"; }), "headers.host",
                  "managed by the HTTP client");
  expect_rejected(mutated([](auto& d) { d["headers"].as_object()["x-client"] = "again"; }), "headers.x-client",
                  "given twice");
  expect_rejected(mutated([](auto& d) {
                    d["headers"].as_object()["X-T"] = boost::json::object{{"format", "{}"}};
                  }),
                  "headers.X-T.env", "required key is missing");
  expect_rejected(mutated([](auto& d) {
                    d["headers"].as_object()["X-T"] = boost::json::object{{"env", "1BAD"}};
                  }),
                  "headers.X-T.env", "environment variable name");
  expect_rejected(mutated([](auto& d) {
                    d["headers"].as_object()["X-T"] = boost::json::object{{"env", "T"}, {"format", "Bearer"}};
                  }),
                  "headers.X-T.format", "exactly once");
  expect_rejected(mutated([](auto& d) {
                    d["headers"].as_object()["X-T"] = boost::json::object{{"env", "T"}, {"fromat", "{}"}};
                  }),
                  "headers.X-T.fromat", "unknown key (did you mean 'format'?)");
}

}  // namespace
}  // namespace shield::profile
