// Lint corpus: one 0.0.4 exposition per lint, each triggering only that lint.

#include "checks/unit/prom/corpus.hpp"
#include "support/prom/lint.hpp"

namespace shield::prom::testing {

const std::vector<lint_case>& lint_corpus() {
  using enum promtool_view;
  static const std::vector<lint_case> corpus = {
      {"lint_clean",
       "# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\n"
       "http_requests_total{method=\"GET\"} 3\n"
       "# HELP http_request_duration_seconds Latency.\n# TYPE http_request_duration_seconds histogram\n"
       "http_request_duration_seconds_bucket{le=\"0.1\"} 1\n"
       "http_request_duration_seconds_bucket{le=\"+Inf\"} 2\n"
       "http_request_duration_seconds_sum 0.3\nhttp_request_duration_seconds_count 2\n",
       {},
       0,
       true,
       agrees},
      {"lint_no_help", "# TYPE foo gauge\nfoo 1\n", lints::no_help, 1, true, agrees},
      {"lint_empty_help", "# HELP foo\n# TYPE foo gauge\nfoo 1\n", lints::no_help, 1, true, agrees},
      {"lint_counter_total_suffix", "# HELP foo Foo.\n# TYPE foo counter\nfoo 1\n", lints::counter_total_suffix, 1,
       true, agrees},
      {"lint_non_counter_total_suffix", "# HELP foo_total Foo.\n# TYPE foo_total gauge\nfoo_total 1\n",
       lints::non_counter_total_suffix, 1, true, agrees},
      {"lint_non_histogram_bucket_suffix", "# HELP foo_bucket Foo.\n# TYPE foo_bucket gauge\nfoo_bucket 1\n",
       lints::non_histogram_bucket_suffix, 1, true, agrees},
      {"lint_reserved_count_suffix", "# HELP foo_count Foo.\n# TYPE foo_count gauge\nfoo_count 1\n",
       lints::reserved_count_suffix, 1, true, agrees},
      {"lint_reserved_sum_suffix", "# HELP foo_sum Foo.\n# TYPE foo_sum gauge\nfoo_sum 1\n", lints::reserved_sum_suffix,
       1, true, agrees},
      {"lint_le_label_non_histogram", "# HELP foo Foo.\n# TYPE foo gauge\nfoo{le=\"1\"} 1\nfoo{le=\"2\"} 1\n",
       lints::le_label_non_histogram, 2, true, agrees},
      {"lint_quantile_label_non_summary", "# HELP foo Foo.\n# TYPE foo gauge\nfoo{quantile=\"0.5\"} 1\n",
       lints::quantile_label_non_summary, 1, true, agrees},
      {"lint_non_base_unit", "# HELP foo_milliseconds Foo.\n# TYPE foo_milliseconds gauge\nfoo_milliseconds 1\n",
       lints::non_base_unit, 1, true, agrees},
      {"lint_non_base_unit_prefixed", "# HELP disk_kilobytes Foo.\n# TYPE disk_kilobytes gauge\ndisk_kilobytes 1\n",
       lints::non_base_unit, 1, true, agrees},
      {"lint_unit_abbreviation", "# HELP foo_ms Foo.\n# TYPE foo_ms gauge\nfoo_ms 1\n", lints::unit_abbreviation, 1,
       true, agrees},
      {"lint_type_in_name", "# HELP foo_gauge Foo.\n# TYPE foo_gauge gauge\nfoo_gauge 1\n", lints::type_in_name, 1,
       true, agrees},
      {"lint_colon_in_name", "# HELP job:foo:rate5m Foo.\n# TYPE job:foo:rate5m gauge\njob:foo:rate5m 1\n",
       lints::colon_in_name, 1, true, agrees},
      {"lint_camel_case_metric", "# HELP fooBar Foo.\n# TYPE fooBar gauge\nfooBar 1\n", lints::camel_case_metric, 1,
       true, agrees},
      // One problem per series: the histogram's buckets, sum and count share their labels.
      {"lint_camel_case_label",
       "# HELP foo_seconds Foo.\n# TYPE foo_seconds histogram\n"
       "foo_seconds_bucket{userId=\"1\",le=\"+Inf\"} 1\nfoo_seconds_sum{userId=\"1\"} 1\n"
       "foo_seconds_count{userId=\"1\"} 1\nfoo_seconds_bucket{userId=\"2\",le=\"+Inf\"} 1\n"
       "foo_seconds_sum{userId=\"2\"} 1\nfoo_seconds_count{userId=\"2\"} 1\n",
       lints::camel_case_label, 2, true, agrees},
      {"lint_metric_not_unique", "# HELP foo Foo.\n# TYPE foo gauge\nfoo{a=\"1\"} 1\nfoo{a=\"1\"} 2\n",
       lints::metric_not_unique, 1, false, stricter},
      {"lint_reserved_label_prefix", "# HELP foo Foo.\n# TYPE foo gauge\nfoo{__tenant=\"1\"} 1\n",
       lints::reserved_label_prefix, 1, true, stricter},
  };
  return corpus;
}

}  // namespace shield::prom::testing
