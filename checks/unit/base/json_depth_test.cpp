// JSON nesting depth: every parser of untrusted JSON refuses documents nested past the stated
// limit with a message that says so, and accepts documents at the limit.

#include "support/base/json_error.hpp"
#include "support/grafana/dashboard_document.hpp"
#include "support/profile/loader.hpp"
#include "support/report/compare/bench_json.hpp"
#include "support/stats/histogram_json.hpp"

#include <gtest/gtest.h>

#include <string>

namespace shield {
namespace {

// `depth` arrays nested inside one object member: {"a":[[...]]} is depth + 1 deep.
std::string nested(std::size_t depth) { return R"({"a":)" + std::string(depth, '[') + std::string(depth, ']') + "}"; }

const std::string limit_text = "nested more than 32 deep (the limit)";

TEST(JsonDepth, StatedLimitIsBoostDefault) {
  EXPECT_EQ(base::max_json_depth, 32u);
  EXPECT_NE(base::json_error_text(boost::json::error::too_deep).find(limit_text), std::string::npos);
  EXPECT_EQ(base::json_error_text(boost::json::error::syntax),
            boost::system::error_code(boost::json::error::syntax).message());
}

TEST(JsonDepth, EveryParserStatesTheLimit) {
  const std::string deep = nested(100'000);
  const auto dashboard = grafana::parse_document(deep);
  ASSERT_FALSE(dashboard);
  EXPECT_NE(dashboard.error().message.find(limit_text), std::string::npos) << dashboard.error().message;
  const auto profile = profile::parse_profile(deep, "deep.json");
  ASSERT_FALSE(profile);
  EXPECT_NE(profile.error().message.find(limit_text), std::string::npos) << profile.error().message;
  const auto bench = report::parse_bench_json(deep, "deep.json");
  ASSERT_FALSE(bench);
  EXPECT_NE(bench.error().message.find(limit_text), std::string::npos) << bench.error().message;
  const auto histogram = stats::histogram_from_json_text(deep);
  ASSERT_FALSE(histogram);
  EXPECT_NE(histogram.error().message.find(limit_text), std::string::npos) << histogram.error().message;
}

TEST(JsonDepth, DocumentsAtTheLimitParse) {
  EXPECT_TRUE(grafana::parse_document(nested(base::max_json_depth - 1)));
  EXPECT_FALSE(grafana::parse_document(nested(base::max_json_depth)));
}

}  // namespace
}  // namespace shield
