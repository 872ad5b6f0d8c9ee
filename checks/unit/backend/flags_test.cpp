// Flag parsing: defaults, every flag's effect, both value syntaxes, and strict errors.
#include <gtest/gtest.h>

#include "fixtures/reference_backend/flags.hpp"
#include "fixtures/reference_backend/pii/pii_kind.hpp"

namespace shield::backend {
namespace {

base::result<parsed_flags> parse(std::vector<std::string_view> args) { return parse_flags(args); }

TEST(Flags, DefaultsMatchTheDocumentation) {
  const auto r = parse({});
  ASSERT_TRUE(r) << r.error();
  const auto& c = r->config;
  EXPECT_EQ(c.host, "127.0.0.1");
  EXPECT_EQ(c.port, 8000);
  EXPECT_EQ(c.threads, 2u);
  EXPECT_FALSE(c.redis.enabled) << "default store is in-memory";
  EXPECT_EQ(c.session_ttl.count(), 3600);
  EXPECT_EQ(c.ttft.count(), 50);
  EXPECT_EQ(c.token_gap.count(), 10);
  EXPECT_EQ(c.tokens, 20u);
  EXPECT_FALSE(c.enable_faults);
  EXPECT_FALSE(c.faults.active());
}

TEST(Flags, EveryFlagLandsInTheConfig) {
  const auto r = parse({"--host=0.0.0.0",
                        "--port=0",
                        "--port_file=/tmp/p",
                        "--threads=4",
                        "--redis=10.1.2.3:6380",
                        "--session_ttl=60",
                        "--redis_timeout_ms=500",
                        "--ttft_ms=5",
                        "--token_ms=1",
                        "--tokens=3",
                        "--idle_timeout_ms=1000",
                        "--shutdown_timeout_ms=2000",
                        "--enable_faults",
                        "--fault_latency_ms=7",
                        "--fault_stall_every=10",
                        "--fault_stall_ms=300",
                        "--fault_error_rate=0.25",
                        "--fault_error_status=502",
                        "--fault_drop_rate=0.1",
                        "--fault_stream_stop_after=4",
                        "--fault_endpoints=/anonymize,/health",
                        "--bug=leak_pii,no_done",
                        "--bug=miscount"});
  ASSERT_TRUE(r) << r.error();
  const auto& c = r->config;
  EXPECT_EQ(c.host, "0.0.0.0");
  EXPECT_EQ(c.port, 0);
  EXPECT_EQ(c.port_file, "/tmp/p");
  EXPECT_EQ(c.threads, 4u);
  EXPECT_TRUE(c.redis.enabled);
  EXPECT_EQ(c.redis.host, "10.1.2.3");
  EXPECT_EQ(c.redis.port, 6380);
  EXPECT_EQ(c.session_ttl.count(), 60);
  EXPECT_EQ(c.redis_timeout.count(), 500);
  EXPECT_EQ(c.ttft.count(), 5);
  EXPECT_EQ(c.token_gap.count(), 1);
  EXPECT_EQ(c.tokens, 3u);
  EXPECT_EQ(c.idle_timeout.count(), 1000);
  EXPECT_EQ(c.shutdown_timeout.count(), 2000);
  EXPECT_TRUE(c.enable_faults);
  EXPECT_EQ(c.faults.latency_ms, 7u);
  EXPECT_EQ(c.faults.stall_every, 10u);
  EXPECT_EQ(c.faults.stall_ms, 300u);
  EXPECT_DOUBLE_EQ(c.faults.error_rate, 0.25);
  EXPECT_EQ(c.faults.error_status, 502u);
  EXPECT_DOUBLE_EQ(c.faults.drop_rate, 0.1);
  EXPECT_EQ(c.faults.stream_stop_after, 4);
  EXPECT_EQ(c.faults.endpoints, (std::vector<std::string>{"/anonymize", "/health"}));
  EXPECT_TRUE(c.bugs.leak_pii);
  EXPECT_TRUE(c.bugs.no_done);
  EXPECT_TRUE(c.bugs.miscount);
  EXPECT_FALSE(c.bugs.json500);
  EXPECT_FALSE(c.bugs.leak);
  EXPECT_FALSE(c.bugs.mix_sessions);
}

TEST(Flags, SpaceSeparatedValuesAndNone) {
  const auto r = parse({"--port", "9000", "--redis", "none"});
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->config.port, 9000);
  EXPECT_FALSE(r->config.redis.enabled);
}

TEST(Flags, HelpIsRecognised) {
  EXPECT_TRUE(parse({"--help"}).value().help);
  EXPECT_TRUE(parse({"--port=1", "-h"}).value().help);
  EXPECT_NE(usage_text().find("--redis"), std::string::npos);
}

struct bad_flag {
  std::vector<std::string_view> args;  // the command line
  std::string_view mention;            // what the message must name
};

class FlagErrors : public ::testing::TestWithParam<bad_flag> {};

TEST_P(FlagErrors, AreReportedNamingTheFlag) {
  const auto r = parse(GetParam().args);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find(GetParam().mention), std::string::npos) << r.error();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FlagErrors,
    ::testing::Values(bad_flag{{"--prot=8000"}, "prot"}, bad_flag{{"--port=abc"}, "port"},
                      bad_flag{{"--port=70000"}, "port"}, bad_flag{{"--port=-1"}, "port"},
                      bad_flag{{"--threads=0"}, "threads"}, bad_flag{{"--threads=2x"}, "threads"},
                      bad_flag{{"--redis=nocolon"}, "redis"}, bad_flag{{"--redis=host:0"}, "redis"},
                      bad_flag{{"--redis=:6379"}, "redis"}, bad_flag{{"--bug=not_a_bug"}, "not_a_bug"},
                      bad_flag{{"--bug=leak,nope"}, "nope"}, bad_flag{{"--port"}, "port"},
                      bad_flag{{"positional"}, "positional"}, bad_flag{{"-p"}, "-p"},
                      bad_flag{{"--enable_faults=maybe"}, "enable_faults"},
                      bad_flag{{"--fault_latency_ms=10"}, "enable_faults"},
                      bad_flag{{"--enable_faults", "--fault_error_rate=1.5"}, "fault_error_rate"},
                      bad_flag{{"--enable_faults", "--fault_error_status=99"}, "fault_error_status"},
                      bad_flag{{"--enable_faults", "--fault_endpoints=anonymize"}, "fault_endpoints"},
                      bad_flag{{"--session_ttl=0"}, "session_ttl"}, bad_flag{{"--tokens=1e3"}, "tokens"},
                      bad_flag{{"--detect=email,passport"}, "passport"}, bad_flag{{"--detect="}, "detect"},
                      bad_flag{{"--die_after_requests=0"}, "die_after_requests"},
                      bad_flag{{"--reject_empty_text=sometimes"}, "reject_empty_text"}));

TEST(Flags, VariantsAndDeathsLandInTheConfig) {
  EXPECT_EQ(parse({}).value().config.variant, variant_switches{});
  const auto r =
      parse({"--reject_empty_text", "--detect=email,PHONE", "--die_after_requests=5", "--hang_after_requests=7"});
  ASSERT_TRUE(r) << r.error();
  const auto& v = r->config.variant;
  EXPECT_TRUE(v.reject_empty_text);
  EXPECT_EQ(v.detect_mask,
            (1u << static_cast<unsigned>(pii_kind::email)) | (1u << static_cast<unsigned>(pii_kind::phone)));
  EXPECT_EQ(v.die_after_requests, 5u);
  EXPECT_EQ(v.hang_after_requests, 7u);
}

TEST(RedisEndpoint, ParsesHostPortAndBracketedIpv6) {
  const auto e = parse_redis_endpoint("localhost:6390");
  ASSERT_TRUE(e) << e.error();
  EXPECT_EQ(e->host, "localhost");
  EXPECT_EQ(e->port, 6390);
  const auto v6 = parse_redis_endpoint("[::1]:7000");
  ASSERT_TRUE(v6) << v6.error();
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 7000);
  const auto bad = parse_redis_endpoint("[::1]7000");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "expects HOST:PORT or none");
}

// The one flag module's rules: a misspelled flag, a repeated one and a malformed value fail naming it.
TEST(Flags, SameRulesAsEveryProgram) {
  EXPECT_EQ(parse({"--prot=8000"}).error().message, "unknown flag --prot (see --help)");
  EXPECT_EQ(parse({"--port=1", "--port", "2"}).error().message, "--port is given twice");
  EXPECT_EQ(parse({"--port=x"}).error().message, "flag --port='x': expects an integer in [0, 65535]");
  EXPECT_EQ(parse({"--port"}).error().message, "--port needs a value");
  EXPECT_EQ(parse({"--enable_faults", "--enable_faults"}).error().message, "--enable_faults is given twice");
  EXPECT_TRUE(parse({"--bug=leak", "--bug", "json500"}).value().config.bugs.json500) << "--bug is repeatable";
}

TEST(Bugs, EveryDocumentedNameIsAccepted) {
  for (const auto* name : {"leak_pii", "mix_sessions", "miscount", "no_done", "json500", "leak"}) {
    bug_switches b;
    EXPECT_TRUE(enable_bug(name, b)) << name;
    EXPECT_NE(b, bug_switches{}) << name;
  }
  bug_switches b;
  EXPECT_FALSE(enable_bug("LEAK", b));
}

}  // namespace
}  // namespace shield::backend
