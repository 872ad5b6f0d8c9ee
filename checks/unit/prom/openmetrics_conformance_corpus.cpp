// OpenMetrics 1.0 rules beyond the grammar, written from the specification: each rule once valid
// (accepted) and once broken (rejected with its own rule id). Exemplars in full, summary and
// histogram values and structure, UTF-8, timestamps as real numbers, family name clashes.

#include "checks/unit/prom/corpus.hpp"

namespace shield::prom::testing {

std::vector<exposition_case> openmetrics_conformance_cases() {
  using enum promtool_view;
  constexpr auto om = exposition_format::openmetrics;
  constexpr auto na = not_applicable;
  return {
      // Exemplars: syntax (single spaces, a label set, a number, an optional real timestamp).
      {"om_exemplar_valid_forms",
       om,
       "# TYPE c counter\nc_total 1 # {} NaN\n# TYPE h histogram\n"
       "h_bucket{le=\"1\"} 1 # {id=\"x\",span=\"# y\"} 0.5 1700000000.5\nh_bucket{le=\"+Inf\"} 1 # {a=\"b\"} +Inf\n"
       "h_count 1\nh_sum 0.5\n# EOF\n",
       {},
       0,
       0,
       na},
      {"om_exemplar_without_label_set", om, "# TYPE c counter\nc_total 1 # 2\n# EOF\n", rules::invalid_exemplar, 2, 1,
       na},
      {"om_exemplar_glued_value", om, "# TYPE c counter\nc_total 1 # {}2\n# EOF\n", rules::invalid_exemplar, 2, 1, na},
      {"om_exemplar_two_spaces", om, "# TYPE c counter\nc_total 1 # {}  2\n# EOF\n", rules::invalid_exemplar, 2, 1, na},
      {"om_exemplar_trailing_space", om, "# TYPE c counter\nc_total 1 # {} 2 \n# EOF\n", rules::invalid_exemplar, 2, 1,
       na},
      {"om_exemplar_without_value", om, "# TYPE c counter\nc_total 1 # {a=\"b\"}\n# EOF\n", rules::invalid_exemplar, 2,
       1, na},
      {"om_exemplar_hex_value", om, "# TYPE c counter\nc_total 1 # {} 0x1A\n# EOF\n", rules::invalid_exemplar, 2, 1,
       na},
      {"om_exemplar_hex_timestamp", om, "# TYPE c counter\nc_total 1 # {} 1 0x10\n# EOF\n", rules::invalid_exemplar, 2,
       1, na},
      {"om_exemplar_nan_timestamp", om, "# TYPE c counter\nc_total 1 # {} 1 NaN\n# EOF\n", rules::invalid_exemplar, 2,
       1, na},
      {"om_exemplar_infinite_timestamp", om, "# TYPE c counter\nc_total 1 # {} 1 +Inf\n# EOF\n",
       rules::invalid_exemplar, 2, 1, na},
      {"om_exemplar_bad_label", om, "# TYPE c counter\nc_total 1 # {a=b} 1\n# EOF\n", rules::invalid_exemplar, 2, 1,
       na},
      // 128 code points of names and values: 1 + 127 fits (multi-byte characters count once) ...
      {"om_exemplar_128_code_points",
       om,
       "# TYPE c counter\nc_total 1 # {a=\"\xe2\x98\x83"
       "23456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678"
       "9012345678901234567\"} 1\n# EOF\n",
       {},
       0,
       0,
       na},
      // ... 1 + 128 does not.
      {"om_exemplar_129_code_points", om,
       "# TYPE c counter\nc_total 1 # {a=\"\xe2\x98\x83"
       "23456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678"
       "90123456789012345678\"} 1\n# EOF\n",
       rules::exemplar_too_long, 2, 1, na},
      // Where exemplars may stand: counter totals and (gauge) histogram buckets only.
      {"om_exemplar_on_gauge", om, "# TYPE g gauge\ng 1 # {} 1\n# EOF\n", rules::exemplar_not_allowed, 2, 1, na},
      {"om_exemplar_on_histogram_sum", om,
       "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1 # {} 1\n# EOF\n", rules::exemplar_not_allowed,
       4, 1, na},
      {"om_exemplar_on_counter_created", om, "# TYPE c counter\nc_total 1\nc_created 1 # {} 1\n# EOF\n",
       rules::exemplar_not_allowed, 3, 1, na},
      {"om_exemplar_on_gaugehistogram_bucket",
       om,
       "# TYPE q gaugehistogram\nq_bucket{le=\"+Inf\"} 1 # {} 1\nq_gcount 1\nq_gsum 1\n# EOF\n",
       {},
       0,
       0,
       na},
      // A bucket covers the values up to its le (cumulative): its exemplar's value must not exceed it.
      {"om_exemplar_within_bucket",
       om,
       "# TYPE h histogram\nh_bucket{le=\"-1\"} 0 # {} -5\nh_bucket{le=\"1\"} 0 # {} 1\n"
       "h_bucket{le=\"2\"} 2 # {} 0.5\nh_bucket{le=\"+Inf\"} 3 # {} 1e300\n# TYPE q gaugehistogram\n"
       "q_bucket{le=\"1\"} 1 # {} -0.5\nq_bucket{le=\"+Inf\"} 1 # {} +Inf\n# EOF\n",
       {},
       0,
       0,
       na},
      {"om_exemplar_above_bucket", om,
       "# TYPE h histogram\nh_bucket{le=\"0.5\"} 1 # {} 0.5\nh_bucket{le=\"1\"} 1 # {} 1.5\nh_bucket{le=\"+Inf\"} 1\n"
       "# EOF\n",
       rules::exemplar_outside_bucket, 3, 1, na},
      {"om_exemplar_above_gaugehistogram_bucket", om,
       "# TYPE q gaugehistogram\nq_bucket{le=\"-1\"} 1 # {} 0\nq_bucket{le=\"+Inf\"} 1\n# EOF\n",
       rules::exemplar_outside_bucket, 2, 1, na},
      {"om_exemplar_nan_in_bucket", om, "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1 # {} NaN\n# EOF\n",
       rules::exemplar_outside_bucket, 2, 1, na},
      // Summary: count and sum are counters (not NaN, not negative); quantile values not negative.
      {"om_summary_valid_values",
       om,
       "# TYPE s summary\ns{quantile=\"0.5\"} NaN\ns_sum 0\ns_count 0\n# EOF\n",
       {},
       0,
       0,
       na},
      {"om_summary_nan_sum", om, "# TYPE s summary\ns_sum NaN\ns_count 1\n# EOF\n", rules::summary_invalid_value, 2, 1,
       na},
      {"om_summary_negative_count", om, "# TYPE s summary\ns_sum 1\ns_count -1\n# EOF\n", rules::summary_invalid_value,
       3, 1, na},
      {"om_summary_negative_quantile_value", om, "# TYPE s summary\ns{quantile=\"0.9\"} -1\n# EOF\n",
       rules::summary_invalid_value, 2, 1, na},
      // Histogram: count if and only if sum; no sum beside negative buckets; sum a counter.
      {"om_histogram_negative_buckets_without_sum",
       om,
       "# TYPE h histogram\nh_bucket{le=\"-1\"} 0\nh_bucket{le=\"+Inf\"} 1\n# EOF\n",
       {},
       0,
       0,
       na},
      {"om_histogram_count_without_sum", om, "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n# EOF\n",
       rules::histogram_count_without_sum, 3, 1, na},
      {"om_gaugehistogram_gcount_without_gsum", om,
       "# TYPE q gaugehistogram\nq_bucket{le=\"+Inf\"} 1\nq_gcount 1\n# EOF\n", rules::histogram_count_without_sum, 3,
       1, na},
      {"om_histogram_sum_with_negative_bucket", om,
       "# TYPE h histogram\nh_bucket{le=\"-1\"} 0\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\n# EOF\n",
       rules::histogram_sum_with_negative_buckets, 5, 1, na},
      {"om_histogram_negative_sum", om, "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum -1\n# EOF\n",
       rules::histogram_invalid_sum, 4, 1, na},
      {"om_gaugehistogram_negative_gsum_with_negative_bucket",
       om,
       "# TYPE q gaugehistogram\nq_bucket{le=\"-1\"} 1\nq_bucket{le=\"+Inf\"} 1\nq_gcount 1\nq_gsum -3\n# EOF\n",
       {},
       0,
       0,
       na},
      {"om_gaugehistogram_negative_gsum", om,
       "# TYPE q gaugehistogram\nq_bucket{le=\"+Inf\"} 1\nq_gcount 1\nq_gsum -3\n# EOF\n", rules::histogram_invalid_sum,
       4, 1, na},
      {"om_histogram_non_canonical_inf", om, "# TYPE h histogram\nh_bucket{le=\"+INF\"} 1\n# EOF\n",
       rules::histogram_non_canonical_le, 2, 1, na},
      {"om_histogram_metrics_interleaved", om,
       "# TYPE h histogram\nh_bucket{a=\"1\",le=\"+Inf\"} 1\nh_bucket{a=\"2\",le=\"+Inf\"} 1\nh_count{a=\"1\"} 1\n"
       "h_sum{a=\"1\"} 1\nh_count{a=\"2\"} 1\nh_sum{a=\"2\"} 1\n# EOF\n",
       rules::metric_interleaved, 4, 1, na},
      // UTF-8 in label values.
      {"om_utf8_label_value", om, "# TYPE g gauge\ng{a=\"\xc3\xa9\xe2\x98\x83\"} 1\n# EOF\n", {}, 0, 0, na},
      {"om_invalid_utf8_label_value", om, "# TYPE g gauge\ng{a=\"\xc3\x28\"} 1\n# EOF\n", rules::invalid_utf8, 2, 1,
       na},
      {"text_invalid_utf8_label_value", exposition_format::prometheus_text, "g{a=\"\xff\"} 1\n", rules::invalid_utf8, 1,
       1, agrees},
      // Timestamps: any real number (beyond int64 milliseconds too); repeats of a series in order.
      {"om_huge_timestamp", om, "# TYPE g gauge\ng 1 12345678901234567890.5\n# EOF\n", {}, 0, 0, na},
      {"om_series_repeated_with_increasing_timestamps",
       om,
       "# TYPE g gauge\ng 1 0.0000000001\ng 2 0.0000000002\ng 3 0.0000000002\n# EOF\n",
       {},
       0,
       0,
       na},
      {"om_series_repeated_with_older_timestamp", om, "# TYPE g gauge\ng 1 0.0000000002\ng 2 0.0000000001\n# EOF\n",
       rules::duplicate_series, 3, 1, na},
      // Family names whose samples would clash, in either order.
      {"om_created_gauge_before_counter", om, "# TYPE a_created gauge\n# TYPE a counter\n# EOF\n",
       rules::family_name_clash, 2, 1, na},
      {"om_created_gauge_after_counter", om, "# TYPE a counter\n# TYPE a_created gauge\n# EOF\n",
       rules::family_name_clash, 2, 1, na},
      {"om_unrelated_created_gauge", om, "# TYPE a_created gauge\n# TYPE b counter\n# EOF\n", {}, 0, 0, na},
  };
}

}  // namespace shield::prom::testing
