// The target's /metrics: valid and lint-clean, the expected metrics with their types, labels and
// value rules, and no forbidden (node_*) family.
#include <gtest/gtest.h>

#include "checks/metrics/exposition_verdict.hpp"
#include "checks/metrics/metrics_run.hpp"

namespace shield::metrics {
namespace {

// Findings of verify_exposition on the target, computed once.
const std::vector<finding>& exposition_findings() {
  static const std::vector<finding> findings =
      verify_exposition(target_exposition().checked, *expected_metrics_file().metrics);
  return findings;
}

class MetricsExposition : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(expected_metrics_file().ok()) << expected_metrics_file().error_text();
    ASSERT_GT(sample_traffic().answered, 0u)
        << "no request of the sample traffic was answered: " << sample_traffic().first_error;
    ASSERT_TRUE(target_exposition().ok()) << target_exposition().error;
  }
};

TEST_F(MetricsExposition, ValidAndLintClean) {
  report(select(exposition_findings(), {finding_kind::format_error, finding_kind::lint_problem}));
}

TEST_F(MetricsExposition, ExpectedMetricsWithTypesLabelsAndValues) {
  report(select(exposition_findings(), {finding_kind::missing_metric, finding_kind::wrong_type,
                                        finding_kind::missing_label, finding_kind::value_out_of_range}));
}

TEST_F(MetricsExposition, NoForbiddenFamilies) {
  report(select(exposition_findings(), {finding_kind::forbidden_metric, finding_kind::unexpected_metric}));
}

}  // namespace
}  // namespace shield::metrics
