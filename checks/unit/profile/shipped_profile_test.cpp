// The default Shield profile loads and says what DESIGN.md's Shield API table says.

#include "support/profile/dependencies.hpp"
#include "support/profile/json_pointer.hpp"
#include "support/profile/loader.hpp"
#include "support/profile/render.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace shield::profile {
namespace {

class ShippedProfile : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = load_profile(SHIELD_DEFAULT_PROFILE);
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    profile_ = std::move(loaded).value();
  }

  const endpoint& at(std::string_view name) const {
    const endpoint* ep = profile_.find_endpoint(name);
    EXPECT_NE(ep, nullptr) << name;
    static const endpoint missing;
    return ep == nullptr ? missing : *ep;
  }

  target_profile profile_;  // shield.json as loaded
};

TEST_F(ShippedProfile, HasTheFiveShieldEndpointsInOrder) {
  std::vector<std::string> names;
  for (const auto& ep : profile_.endpoints) names.push_back(ep.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"health", "metrics", "anonymize", "chat_streaming", "anonymized_request"}));
  EXPECT_EQ(profile_.name, "shield");
  EXPECT_EQ(profile_.source, SHIELD_DEFAULT_PROFILE);
  EXPECT_TRUE(profile_.headers.empty());
}

TEST_F(ShippedProfile, MethodsPathsStatusesAndKindsMatchTheApi) {
  struct row {
    const char* name;
    const char* method;
    const char* path;
    response_kind kind;
    bool has_body;
  };
  const std::vector<row> expected{
      {"health", "GET", "/health", response_kind::json, false},
      {"metrics", "GET", "/metrics", response_kind::prometheus, false},
      {"anonymize", "POST", "/anonymize", response_kind::json, true},
      {"chat_streaming", "POST", "/chat/streaming", response_kind::sse, true},
      {"anonymized_request", "GET", "/anonymize/session/{session_id}/anonymized-request", response_kind::json, false},
  };
  for (const auto& r : expected) {
    const endpoint& ep = at(r.name);
    EXPECT_EQ(ep.method, r.method) << r.name;
    EXPECT_EQ(ep.path, r.path) << r.name;
    EXPECT_EQ(ep.response, r.kind) << r.name;
    EXPECT_EQ(ep.has_body(), r.has_body) << r.name;
    EXPECT_EQ(ep.expect_status, 200) << r.name;
    EXPECT_TRUE(ep.mixed) << r.name;
    EXPECT_GE(ep.weight, 1u) << r.name;
  }
}

TEST_F(ShippedProfile, BodiesCarryTextAndSessionId) {
  const auto anonymize = boost::json::parse(render_body(at("anonymize"), "s-1", "Call 555-0100"));
  EXPECT_EQ(anonymize, boost::json::parse(R"({"text":"Call 555-0100","session_id":"s-1"})"));
  const auto chat = boost::json::parse(render_body(at("chat_streaming"), "s-2", "hello"));
  EXPECT_EQ(chat, boost::json::parse(R"({"message":"hello","session_id":"s-2"})"));
  EXPECT_EQ(render_path(at("anonymized_request"), "s-3"), "/anonymize/session/s-3/anonymized-request");
}

TEST_F(ShippedProfile, StreamingEndsWithDoneAndReadsTokens) {
  const endpoint& chat = at("chat_streaming");
  ASSERT_TRUE(chat.sse.has_value());
  EXPECT_EQ(chat.sse->end_marker, std::optional<std::string>("[DONE]"));
  EXPECT_EQ(chat.sse->token_pointer, std::optional<std::string>("/token"));
  EXPECT_GT(chat.sse->first_token_ms, 0u);
  EXPECT_GE(profile_.request_timeout_ms(chat), chat.sse->first_token_ms);
  // The token pointer finds the token in an event's data.
  boost::system::error_code ec;
  const auto event = boost::json::parse(R"({"token":"Hola"})");
  const auto* token = find_by_pointer(event, *chat.sse->token_pointer, ec);
  ASSERT_NE(token, nullptr) << ec.message();
  EXPECT_EQ(token->as_string(), "Hola");
}

TEST_F(ShippedProfile, ReadBackRequiresAnonymizeAndComesAfterIt) {
  EXPECT_EQ(at("anonymized_request").dependencies, std::vector<std::string>{"anonymize"});
  const auto order = dependency_order(profile_);
  ASSERT_EQ(order.size(), profile_.endpoints.size());
  std::size_t anonymize = order.size(), read_back = order.size();
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (order[i]->name == "anonymize") anonymize = i;
    if (order[i]->name == "anonymized_request") read_back = i;
  }
  EXPECT_LT(anonymize, read_back);
}

TEST_F(ShippedProfile, FieldPointersReadAnAnonymizeResponse) {
  const auto body = boost::json::parse(R"({"session_id":"s-9","anonymized_text":"Hi [PERSON_1]",
        "entities":[{"type":"PERSON","placeholder":"[PERSON_1]","start":3,"end":7}]})");
  const endpoint& ep = at("anonymize");
  const auto text = read_field(body, ep, "anonymized_text");
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ((*text)->as_string(), "Hi [PERSON_1]");
  const auto entities = read_field(body, ep, "entities");
  ASSERT_TRUE(entities) << entities.error().message;
  ASSERT_TRUE((*entities)->is_array());
  const auto& first = (*entities)->as_array().at(0);
  // entity_* pointers are relative to each entity.
  struct part {
    const char* field;
    boost::json::value expected;
  };
  for (const auto& p : {part{"entity_type", "PERSON"}, part{"entity_placeholder", "[PERSON_1]"},
                        part{"entity_start", 3}, part{"entity_end", 7}}) {
    const auto got = read_field(first, ep, p.field);
    ASSERT_TRUE(got) << got.error().message;
    EXPECT_EQ(**got, p.expected) << p.field;
  }
}

TEST_F(ShippedProfile, FieldReadsReportWhatIsMissing) {
  const auto body = boost::json::parse(R"({"session_id":"s-9"})");
  const auto absent = read_field(body, at("anonymize"), "anonymized_text");
  EXPECT_FALSE(absent);
  EXPECT_NE(absent.error().message.find("anonymized_text"), std::string::npos) << absent.error().message;
  EXPECT_NE(absent.error().message.find("/anonymized_text"), std::string::npos) << absent.error().message;
  const auto undefined = read_field(body, at("metrics"), "mapping");
  EXPECT_FALSE(undefined);
  EXPECT_NE(undefined.error().message.find("no field 'mapping'"), std::string::npos) << undefined.error().message;
  const auto health = boost::json::parse(R"({"status":"healthy","redis":"connected"})");
  const auto status = read_field(health, at("health"), "status");
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_EQ((*status)->as_string(), "healthy");
  const auto mapping = boost::json::parse(R"({"mapping":{"[PERSON_1]":"Ana"}})");
  const auto got = read_field(mapping, at("anonymized_request"), "mapping");
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ((*got)->as_object().at("[PERSON_1]").as_string(), "Ana");
  const auto error_body = boost::json::parse(R"({"error":"malformed_json","detail":"invalid JSON"})");
  const auto error = read_field(error_body, at("anonymize"), "error");
  ASSERT_TRUE(error) << error.error().message;
  EXPECT_EQ((*error)->as_string(), "malformed_json");
}

TEST(ProfileFile, MissingFileNamesThePathAndTheReason) {
  const std::string path = std::string(SHIELD_PROFILES_DIR) + "/does-not-exist.json";
  const auto loaded = load_profile(path);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_TRUE(loaded.error().message.starts_with(path + ": cannot open file")) << loaded.error().message;
}

TEST(ProfileFile, DirectoryIsNotAProfile) {
  const auto loaded = load_profile(SHIELD_PROFILES_DIR);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message.find(SHIELD_PROFILES_DIR), std::string::npos);
}

}  // namespace
}  // namespace shield::profile
