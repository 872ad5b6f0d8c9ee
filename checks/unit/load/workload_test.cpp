// Workloads from the shipped Shield profile: rendering, the weighted mix, session set-up stages.

#include "support/load/workload_builder.hpp"
#include "support/profile/loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include <map>

namespace shield::load::test {
namespace {

profile::target_profile shield_profile() {
  auto loaded = profile::load_profile(SHIELD_DEFAULT_PROFILE);
  EXPECT_TRUE(loaded.has_value()) << loaded.error().message;
  return loaded.value();
}

workload_inputs inputs(std::size_t sessions = 3) {
  workload_inputs in;
  in.texts = {"Soy \"Ana\", mi correo es ana@example.com", "IBAN ES91 2100 0418 4502 0005 1332"};
  in.prompts = {"Hola, soy Luis"};
  for (std::size_t i = 0; i < sessions; ++i) in.session_ids.push_back("s-" + std::to_string(i));
  in.headers = {{"X-Test", "1"}};
  in.pool_size = 8;
  return in;
}

TEST(Workload, RendersBodiesSessionsAndExpectations) {
  const auto p = shield_profile();
  auto built = build_endpoint_workload(p, "anonymize", inputs());
  ASSERT_TRUE(built) << built.error();
  const workload& w = *built;
  ASSERT_EQ(w.pool.size(), 8u);
  EXPECT_EQ(w.endpoints.size(), 1u);
  EXPECT_FALSE(w.has_stream());
  const http::request& first = w.pool[0].request;
  EXPECT_EQ(first.method, "POST");
  EXPECT_EQ(first.target, "/anonymize");
  EXPECT_EQ(first.body, R"({"text":"Soy \"Ana\", mi correo es ana@example.com","session_id":"s-0"})");
  EXPECT_EQ(first.expected_status, 200);
  EXPECT_EQ(first.headers.size(), 1u);
  EXPECT_FALSE(first.keep_body);
  EXPECT_NE(w.pool[1].request.body.find("\"session_id\":\"s-1\""), std::string::npos);
  EXPECT_NE(w.pool[3].request.body.find("\"session_id\":\"s-0\""), std::string::npos) << "sessions cycle";
  EXPECT_EQ(&w.pick(8), &w.pool[0]);
  EXPECT_TRUE(w.check());
}

TEST(Workload, StreamEndpointUsesPromptsAndItsOwnTimeout) {
  const auto p = shield_profile();
  auto built = build_endpoint_workload(p, "chat_streaming", inputs());
  ASSERT_TRUE(built) << built.error();
  const workload& w = *built;
  ASSERT_TRUE(w.has_stream());
  EXPECT_EQ(w.endpoints[0].end_marker, std::optional<std::string>("[DONE]"));
  EXPECT_EQ(w.endpoints[0].token_pointer, std::optional<std::string>("/token"));
  EXPECT_NE(w.pool[0].request.body.find("Hola, soy Luis"), std::string::npos);
  EXPECT_EQ(w.pool[0].request.timeout, std::chrono::milliseconds(60000));
  auto in = inputs();
  in.timeout = std::chrono::milliseconds(1234);
  EXPECT_EQ(build_endpoint_workload(p, "chat_streaming", in)->pool[0].request.timeout, std::chrono::milliseconds(1234))
      << "an explicit --timeout wins over the profile's";
}

TEST(Workload, PathPlaceholderIsPercentEncoded) {
  const auto p = shield_profile();
  auto in = inputs();
  in.session_ids = {"a b/c"};
  auto built = build_endpoint_workload(p, "anonymized_request", in);
  ASSERT_TRUE(built) << built.error();
  EXPECT_EQ(built->pool[0].request.target, "/anonymize/session/a%20b%2Fc/anonymized-request");
}

TEST(Workload, UnknownEndpointAndMissingInputsAreErrors) {
  const auto p = shield_profile();
  EXPECT_NE(build_endpoint_workload(p, "nope", inputs()).error().message.find("no endpoint 'nope'"), std::string::npos);
  workload_inputs empty;
  EXPECT_NE(build_endpoint_workload(p, "health", empty).error().message.find("no texts"), std::string::npos);
}

TEST(Workload, MixedFollowsTheWeights) {
  const auto p = shield_profile();
  auto in = inputs();
  in.pool_size = 100;
  auto built = build_mixed_workload(p, in);
  ASSERT_TRUE(built) << built.error();
  const workload& w = *built;
  EXPECT_EQ(w.name, "mixed");
  std::map<std::string, std::size_t> counts;
  for (const auto& r : w.pool) ++counts[w.endpoints.at(r.endpoint).name];
  // Weights 1, 1, 4, 2, 2 (sum 10); 100 requests rounded up to whole rounds.
  EXPECT_EQ(w.pool.size(), 100u);
  EXPECT_EQ(counts["health"], 10u);
  EXPECT_EQ(counts["metrics"], 10u);
  EXPECT_EQ(counts["anonymize"], 40u);
  EXPECT_EQ(counts["chat_streaming"], 20u);
  EXPECT_EQ(counts["anonymized_request"], 20u);
  EXPECT_TRUE(w.has_stream());
}

TEST(Workload, WeightedDeckIsSmoothAndExact) {
  const auto deck = weighted_deck({1, 4});
  ASSERT_EQ(deck.size(), 5u);
  EXPECT_EQ(std::count(deck.begin(), deck.end(), 1u), 4);
  EXPECT_EQ(weighted_deck({2, 2}), (std::vector<std::uint32_t>{0, 1}));  // reduced by the gcd
  const auto big = weighted_deck({1000000, 1}, 1000);
  EXPECT_LE(big.size(), 1001u);
  EXPECT_EQ(std::count(big.begin(), big.end(), 1u), 1) << "every endpoint keeps a slot";
  // Smooth: no endpoint of weight 4 out of 8 runs more than twice in a row.
  const auto half = weighted_deck({4, 2, 2});
  for (std::size_t i = 2; i < half.size(); ++i) {
    EXPECT_FALSE(half[i] == half[i - 1] && half[i] == half[i - 2]);
  }
}

TEST(Workload, SetupCreatesEverySessionBeforeItIsReadBack) {
  const auto p = shield_profile();
  auto in = inputs(5);
  const auto stages = build_setup_stages(p, {"anonymized_request"}, in);
  ASSERT_EQ(stages.size(), 1u);
  EXPECT_EQ(stages[0].name, "anonymize");
  ASSERT_EQ(stages[0].pool.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_NE(stages[0].pool[i].request.body.find("\"session_id\":\"s-" + std::to_string(i) + "\""), std::string::npos);
  }
  EXPECT_TRUE(build_setup_stages(p, {"anonymize", "health"}, in).empty());
}

TEST(Workload, SetupFollowsTransitiveDependenciesInOrder) {
  auto parsed = profile::parse_profile(R"({"name":"chain","endpoints":[
      {"name":"read","method":"GET","path":"/r/{session_id}","requires":"fill"},
      {"name":"fill","method":"POST","path":"/f","body":{"s":"{session_id}"},"requires":"create"},
      {"name":"create","method":"POST","path":"/c","body":{"s":"{session_id}","t":"{text}"}}]})",
                                       "chain.json");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  const auto stages = build_setup_stages(parsed.value(), {"read"}, inputs(2));
  ASSERT_EQ(stages.size(), 2u);
  EXPECT_EQ(stages[0].name, "create");
  EXPECT_EQ(stages[1].name, "fill");
}

}  // namespace
}  // namespace shield::load::test
