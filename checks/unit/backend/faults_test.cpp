// Fault settings JSON (the /__faults body) and the run-time decisions of fault_state.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "fixtures/reference_backend/fault_settings.hpp"
#include "fixtures/reference_backend/fault_state.hpp"

namespace shield::backend {
namespace {

TEST(FaultSettingsJson, ParsesEveryField) {
  const auto r =
      parse_fault_settings(R"({"latency_ms":20,"stall_every":5,"stall_ms":200,"error_rate":0.5,"error_status":502,)"
                           R"("drop_rate":0.1,"stream_stop_after":3,"endpoints":["/anonymize"]})");
  ASSERT_TRUE(r) << r.error();
  const auto& s = *r;
  EXPECT_EQ(s.latency_ms, 20u);
  EXPECT_EQ(s.stall_every, 5u);
  EXPECT_EQ(s.stall_ms, 200u);
  EXPECT_DOUBLE_EQ(s.error_rate, 0.5);
  EXPECT_EQ(s.error_status, 502u);
  EXPECT_DOUBLE_EQ(s.drop_rate, 0.1);
  EXPECT_EQ(s.stream_stop_after, 3);
  EXPECT_EQ(s.endpoints, std::vector<std::string>{"/anonymize"});
  EXPECT_TRUE(s.active());
}

TEST(FaultSettingsJson, EmptyObjectIsAllOffAndRoundTrips) {
  const auto r = parse_fault_settings("{}");
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->active());
  EXPECT_EQ(*r, fault_settings{});
  fault_settings s;
  s.latency_ms = 3;
  s.error_rate = 0.125;
  s.stream_stop_after = 0;
  s.endpoints = {"/health", "/chat/streaming"};
  const auto back = parse_fault_settings(to_json(s));  // GET output can be POSTed back
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(*back, s);
}

TEST(FaultSettingsJson, ToJsonShowsNullWhenTheStreamCutIsOff) {
  const auto v = boost::json::parse(to_json(fault_settings{}));
  EXPECT_TRUE(v.at("stream_stop_after").is_null());
  EXPECT_EQ(v.at("active"), false);
  EXPECT_EQ(v.at("error_status").to_number<int>(), 503);
}

TEST(FaultSettingsJson, MalformedJsonIsA400Case) {
  const auto r = parse_fault_settings("{\"latency_ms\":");
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().code) << "malformed JSON carries the parser's code (400)";
}

class FaultFieldErrors : public ::testing::TestWithParam<const char*> {};

TEST_P(FaultFieldErrors, AreA422CaseNamingTheProblem) {
  const auto r = parse_fault_settings(GetParam());
  ASSERT_FALSE(r) << GetParam();
  EXPECT_FALSE(r.error().code) << GetParam() << ": a field problem (422), not malformed JSON";
  EXPECT_FALSE(r.error().message.empty());
}

INSTANTIATE_TEST_SUITE_P(Cases, FaultFieldErrors,
                         ::testing::Values("[]", R"({"latency":5})", R"({"latency_ms":-1})", R"({"latency_ms":"5"})",
                                           R"({"error_rate":1.5})", R"({"error_rate":-0.1})", R"({"drop_rate":"half"})",
                                           R"({"error_status":99})", R"({"error_status":600})",
                                           R"({"stream_stop_after":-2})", R"({"stream_stop_after":1.5})",
                                           R"({"endpoints":"/health"})", R"({"endpoints":["health"]})",
                                           R"({"endpoints":[1]})", R"({"latency_ms":700000})"));

TEST(FaultState, PickedSpreadsExactlyFloorNTimesRate) {
  for (const double rate : {0.0, 0.1, 0.25, 1.0 / 3.0, 0.5, 0.9, 1.0}) {
    int picked = 0;
    for (std::uint64_t n = 1; n <= 1000; ++n) picked += fault_state::picked(n, rate) ? 1 : 0;
    EXPECT_EQ(picked, static_cast<int>(std::floor(1000 * rate))) << rate;
  }
}

TEST(FaultState, ErrorRateAndStatusApplyToAffectedRoutesOnly) {
  fault_settings s;
  s.error_rate = 0.5;
  s.error_status = 500;
  fault_state state(s);
  ASSERT_TRUE(state.active());
  int errors = 0;
  for (int i = 0; i < 10; ++i) {
    const auto d = state.decide("/anonymize");
    if (d.error_status != 0) {
      EXPECT_EQ(d.error_status, 500u);
      ++errors;
    }
    EXPECT_FALSE(d.drop);
  }
  EXPECT_EQ(errors, 5);
  // /metrics and /__faults are never touched.
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(state.decide("/metrics").error_status, 0u);
    EXPECT_EQ(state.decide("/__faults").error_status, 0u);
  }
}

TEST(FaultState, LatencyAndPeriodicStall) {
  fault_settings s;
  s.latency_ms = 10;
  s.stall_every = 3;
  s.stall_ms = 100;
  fault_state state(s);
  std::vector<long> delays;
  for (int i = 0; i < 6; ++i) delays.push_back(static_cast<long>(state.decide("/health").delay.count()));
  EXPECT_EQ(delays, (std::vector<long>{10, 10, 110, 10, 10, 110}));
}

TEST(FaultState, DropsAreNotAlsoErrors) {
  fault_settings s;
  s.drop_rate = 0.5;
  s.error_rate = 1.0;
  fault_state state(s);
  int drops = 0;
  int errors = 0;
  for (int i = 0; i < 20; ++i) {
    const auto d = state.decide("/health");
    drops += d.drop ? 1 : 0;
    errors += d.error_status != 0 ? 1 : 0;
    EXPECT_FALSE(d.drop && d.error_status != 0);
  }
  EXPECT_EQ(drops, 10);
  EXPECT_EQ(errors, 10);
}

TEST(FaultState, EndpointFilterAndStreamCut) {
  fault_settings s;
  s.stream_stop_after = 2;
  s.endpoints = {"/chat/streaming"};
  fault_state state(s);
  EXPECT_EQ(state.decide("/chat/streaming").stream_stop_after, 2);
  EXPECT_EQ(state.decide("/anonymize").stream_stop_after, -1);
}

TEST(FaultState, SetReplacesAndClears) {
  fault_state state;
  EXPECT_FALSE(state.active());
  fault_settings s;
  s.latency_ms = 1;
  state.set(s);
  EXPECT_TRUE(state.active());
  EXPECT_EQ(state.get(), s);
  state.set({});
  EXPECT_FALSE(state.active());
  EXPECT_EQ(state.decide("/health").delay.count(), 0);
}

}  // namespace
}  // namespace shield::backend
