// Runs the parser over every corpus case: rule id and line of the first error, error count.

#include <gtest/gtest.h>

#include <sstream>

#include "checks/unit/prom/corpus.hpp"
#include "support/prom/exposition_parser.hpp"

namespace shield::prom::testing {
namespace {

std::string describe_errors(const exposition& parsed) {
  std::ostringstream out;
  for (const parse_error& e : parsed.errors) {
    out << "  line " << e.line << " [" << e.rule << "] " << e.message << "\n";
  }
  return out.str();
}

class PromExpositionCorpus : public ::testing::TestWithParam<exposition_case> {};

TEST_P(PromExpositionCorpus, ReportsExpectedRuleAndLine) {
  const exposition_case& c = GetParam();
  const exposition parsed = parse_exposition(c.text, c.format);
  SCOPED_TRACE(describe_errors(parsed));
  if (c.rule.empty()) {
    EXPECT_TRUE(parsed.ok());
    EXPECT_EQ(parsed.errors.size(), 0U);
    return;
  }
  ASSERT_FALSE(parsed.errors.empty());
  EXPECT_EQ(parsed.errors.size(), c.error_count);
  EXPECT_EQ(parsed.errors.front().rule, c.rule);
  EXPECT_EQ(parsed.errors.front().line, c.line);
  EXPECT_FALSE(parsed.errors.front().message.empty());
  // Errors come back sorted by line.
  for (std::size_t i = 1; i < parsed.errors.size(); ++i) {
    EXPECT_LE(parsed.errors[i - 1].line, parsed.errors[i].line);
  }
}

// Every rule the parser defines has at least one corpus case.
TEST(PromExpositionCorpusCoverage, EveryRuleHasACase) {
  const std::string_view all_rules[] = {rules::invalid_metric_name,
                                        rules::invalid_label_name,
                                        rules::reserved_label_name,
                                        rules::duplicate_label_name,
                                        rules::invalid_label_syntax,
                                        rules::unterminated_label_value,
                                        rules::invalid_escape,
                                        rules::invalid_value,
                                        rules::invalid_timestamp,
                                        rules::trailing_content,
                                        rules::invalid_whitespace,
                                        rules::missing_final_newline,
                                        rules::invalid_metadata,
                                        rules::invalid_type,
                                        rules::duplicate_help,
                                        rules::duplicate_type,
                                        rules::duplicate_unit,
                                        rules::type_after_samples,
                                        rules::metadata_after_samples,
                                        rules::family_not_contiguous,
                                        rules::duplicate_series,
                                        rules::invalid_sample_name,
                                        rules::counter_missing_total,
                                        rules::counter_negative,
                                        rules::histogram_missing_le,
                                        rules::histogram_invalid_le,
                                        rules::histogram_buckets_not_ascending,
                                        rules::histogram_bucket_not_cumulative,
                                        rules::histogram_invalid_bucket_value,
                                        rules::histogram_missing_inf_bucket,
                                        rules::histogram_count_mismatch,
                                        rules::histogram_sum_without_count,
                                        rules::summary_missing_quantile,
                                        rules::summary_invalid_quantile,
                                        rules::summary_quantile_out_of_range,
                                        rules::stateset_invalid,
                                        rules::info_invalid,
                                        rules::unit_mismatch,
                                        rules::empty_line,
                                        rules::invalid_comment,
                                        rules::missing_eof,
                                        rules::content_after_eof};
  for (const std::string_view rule : all_rules) {
    bool covered = false;
    for (const exposition_case& c : exposition_corpus()) {
      covered = covered || c.rule == rule;
    }
    EXPECT_TRUE(covered) << "no corpus case for rule " << rule;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, PromExpositionCorpus, ::testing::ValuesIn(exposition_corpus()),
                         [](const ::testing::TestParamInfo<exposition_case>& param_info) {
                           return std::string(param_info.param.id);
                         });

}  // namespace
}  // namespace shield::prom::testing
