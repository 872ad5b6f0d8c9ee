// Prometheus text 0.0.4 corpus: valid inputs and one invalid input per parser rule.

#include "checks/unit/prom/corpus.hpp"

namespace shield::prom::testing {

std::vector<exposition_case> openmetrics_cases();

namespace {

using enum promtool_view;
constexpr auto text = exposition_format::prometheus_text;

std::vector<exposition_case> text_cases() {
  return {
      // Valid inputs.
      {"text_valid_all_types",
       text,
       "# HELP http_requests_total Requests.\n"
       "# TYPE http_requests_total counter\n"
       "http_requests_total{method=\"GET\",code=\"200\"} 1027 1395066363000\n"
       "http_requests_total{method=\"POST\",code=\"400\"} 3 1395066363000\n"
       "# HELP temperature_celsius Odd values.\n"
       "# TYPE temperature_celsius gauge\n"
       "temperature_celsius{sensor=\"a\"} NaN\n"
       "temperature_celsius{sensor=\"b\"} +Inf\n"
       "temperature_celsius{sensor=\"c\"} -Inf\n"
       "temperature_celsius{sensor=\"d\"} -1.5e-3\n"
       "# HELP request_seconds A histogram.\n"
       "# TYPE request_seconds histogram\n"
       "request_seconds_bucket{le=\"0.05\"} 24054\n"
       "request_seconds_bucket{le=\"0.1\"} 33444\n"
       "request_seconds_bucket{le=\"+Inf\"} 144320\n"
       "request_seconds_sum 53423\n"
       "request_seconds_count 144320\n"
       "# HELP rpc_seconds A summary.\n"
       "# TYPE rpc_seconds summary\n"
       "rpc_seconds{quantile=\"0.5\"} 4773\n"
       "rpc_seconds{quantile=\"0.99\"} 76656\n"
       "rpc_seconds_sum 1.7560473e+07\n"
       "rpc_seconds_count 2693\n",
       {},
       0,
       0,
       agrees},
      {"text_valid_tolerant_whitespace",
       text,
       "# A plain comment\n"
       "   # TYPE foo gauge\n"
       "# HELP foo Escapes: \\\\ and \\n in help.\n"
       "foo{ path = \"C:\\\\dir\" , msg = \"say \\\"hi\\\"\\nbye\" , } 1\n"
       "foo{path=\"x\"}2\n"
       "\n"
       "foo { path = \"y\" }\t3\t-17\n",
       {},
       0,
       0,
       agrees},
      {"text_valid_empty", text, "", {}, 0, 0, agrees},
      // Go's ParseFloat (promtool) reads an underflow as zero (or the nearest denormal).
      {"text_valid_underflow",
       text,
       "# HELP tiny Underflowing values.\n"
       "# TYPE tiny gauge\n"
       "tiny{v=\"a\"} 1e-400\n"
       "tiny{v=\"b\"} -1e-400\n"
       "tiny{v=\"c\"} 2e-324\n"
       "tiny{v=\"d\"} 4.9e-324\n"
       "tiny{v=\"e\"} 1e-99999999999999999999\n"
       "tiny{v=\"f\"} 0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
       "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
       "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001\n",
       {},
       0,
       0,
       agrees},
      {"text_valid_untyped_with_help", text, "# HELP job_up Up.\njob_up 1\n", {}, 0, 0, agrees},

      // One case per rule.
      {"text_invalid_metric_name", text, "# HELP foo Foo.\n# TYPE foo gauge\n1foo 1\n", rules::invalid_metric_name, 3,
       1, agrees},
      {"text_invalid_metric_name_character", text, "# HELP foo Foo.\n# TYPE foo gauge\nfo-o 1\n",
       rules::invalid_metric_name, 3, 1, agrees},
      {"text_invalid_label_name", text, "# HELP foo Foo.\n# TYPE foo gauge\nfoo{1a=\"x\"} 1\n",
       rules::invalid_label_name, 3, 1, agrees},
      {"text_reserved_label_name", text, "# HELP foo Foo.\n# TYPE foo gauge\nfoo{__name__=\"x\"} 1\n",
       rules::reserved_label_name, 3, 1, agrees},
      {"text_duplicate_label_name", text, "# HELP foo Foo.\n# TYPE foo gauge\nfoo{a=\"1\",a=\"2\"} 1\n",
       rules::duplicate_label_name, 3, 1, agrees},
      {"text_invalid_label_syntax", text, "# HELP foo Foo.\n# TYPE foo gauge\nfoo{a=x} 1\n",
       rules::invalid_label_syntax, 3, 1, agrees},
      {"text_unterminated_label_value", text, "# HELP foo Foo.\n# TYPE foo gauge\nfoo{a=\"x} 1\n",
       rules::unterminated_label_value, 3, 1, agrees},
      {"text_invalid_escape_in_label", text, "# HELP foo Foo.\n# TYPE foo gauge\nfoo{a=\"\\q\"} 1\n",
       rules::invalid_escape, 3, 1, agrees},
      {"text_invalid_escape_in_help", text, "# HELP foo a\\\"b\n# TYPE foo gauge\nfoo 1\n", rules::invalid_escape, 1, 1,
       agrees},
      {"text_invalid_value", text, "# HELP foo Foo.\n# TYPE foo gauge\nfoo abc\n", rules::invalid_value, 3, 1, agrees},
      {"text_invalid_value_hex", text, "# HELP foo Foo.\n# TYPE foo gauge\nfoo 0x1p3\n", rules::invalid_value, 3, 1,
       agrees},
      // ... and an overflow as an error ("expected float as value").
      {"text_invalid_value_overflow", text, "# HELP foo Foo.\n# TYPE foo gauge\nfoo 1e400\n", rules::invalid_value, 3,
       1, agrees},
      {"text_invalid_value_negative_overflow", text, "# HELP foo Foo.\n# TYPE foo gauge\nfoo -1.8e309\n",
       rules::invalid_value, 3, 1, agrees},
      {"text_invalid_value_huge_exponent", text, "# HELP foo Foo.\n# TYPE foo gauge\nfoo 1e+99999999999999999999\n",
       rules::invalid_value, 3, 1, agrees},
      {"text_invalid_timestamp", text, "# HELP foo Foo.\n# TYPE foo gauge\nfoo 1 1.5\n", rules::invalid_timestamp, 3, 1,
       agrees},
      {"text_trailing_content", text, "# HELP foo Foo.\n# TYPE foo gauge\nfoo 1 2 3\n", rules::trailing_content, 3, 1,
       agrees},
      {"text_trailing_whitespace", text, "# HELP foo Foo.\n# TYPE foo gauge\nfoo 1 \n", rules::invalid_whitespace, 3, 1,
       agrees},
      {"text_missing_final_newline", text, "# HELP foo Foo.\n# TYPE foo gauge\nfoo 1", rules::missing_final_newline, 3,
       1, agrees},
      {"text_invalid_metadata_name", text, "# HELP foo Foo.\n# TYPE foo gauge\n# HELP 1foo x\nfoo 1\n",
       rules::invalid_metadata, 3, 1, agrees},
      {"text_invalid_type", text, "# HELP foo Foo.\n# TYPE foo blah\nfoo 1\n", rules::invalid_type, 2, 1, agrees},
      {"text_type_without_type", text, "# HELP foo Foo.\n# TYPE foo\nfoo 1\n", rules::invalid_type, 2, 1, stricter},
      {"text_duplicate_help", text, "# HELP foo Foo.\n# TYPE foo gauge\nfoo 1\n# HELP foo Again.\n",
       rules::duplicate_help, 4, 1, agrees},
      {"text_duplicate_type", text, "# HELP foo Foo.\n# TYPE foo gauge\n# TYPE foo gauge\nfoo 1\n",
       rules::duplicate_type, 3, 1, agrees},
      {"text_type_after_samples", text, "# HELP foo Foo.\nfoo 1\n# TYPE foo gauge\n", rules::type_after_samples, 3, 1,
       agrees},
      {"text_family_not_contiguous", text,
       "# HELP a A.\n# TYPE a gauge\na{x=\"1\"} 1\n# HELP b B.\n# TYPE b gauge\nb 1\na{x=\"2\"} 2\n",
       rules::family_not_contiguous, 7, 1, stricter},
      {"text_duplicate_series", text, "# HELP foo Foo.\n# TYPE foo gauge\nfoo{a=\"1\"} 1\nfoo{a=\"1\"} 2\n",
       rules::duplicate_series, 4, 1, stricter},
      {"text_duplicate_series_label_order", text,
       "# HELP foo Foo.\n# TYPE foo gauge\nfoo{a=\"1\",b=\"2\"} 1\nfoo{b=\"2\",a=\"1\"} 2\n", rules::duplicate_series,
       4, 1, stricter},
      {"text_histogram_bare_sample", text, "# HELP foo_seconds Foo.\n# TYPE foo_seconds histogram\nfoo_seconds 1\n",
       rules::invalid_sample_name, 3, 1, stricter},
      {"text_counter_negative", text, "# HELP foo_total Foo.\n# TYPE foo_total counter\nfoo_total -1\n",
       rules::counter_negative, 3, 1, stricter},
      {"text_histogram_missing_le", text,
       "# HELP foo_seconds Foo.\n# TYPE foo_seconds histogram\nfoo_seconds_bucket 1\n"
       "foo_seconds_bucket{le=\"+Inf\"} 1\nfoo_seconds_count 1\n",
       rules::histogram_missing_le, 3, 1, stricter},
      {"text_histogram_invalid_le", text,
       "# HELP foo_seconds Foo.\n# TYPE foo_seconds histogram\nfoo_seconds_bucket{le=\"abc\"} 1\n"
       "foo_seconds_bucket{le=\"+Inf\"} 1\n",
       rules::histogram_invalid_le, 3, 1, agrees},
      {"text_histogram_buckets_not_ascending", text,
       "# HELP foo_seconds Foo.\n# TYPE foo_seconds histogram\nfoo_seconds_bucket{le=\"2\"} 1\n"
       "foo_seconds_bucket{le=\"1\"} 1\nfoo_seconds_bucket{le=\"+Inf\"} 1\nfoo_seconds_count 1\n",
       rules::histogram_buckets_not_ascending, 4, 1, stricter},
      {"text_histogram_bucket_not_cumulative", text,
       "# HELP foo_seconds Foo.\n# TYPE foo_seconds histogram\nfoo_seconds_bucket{le=\"1\"} 5\n"
       "foo_seconds_bucket{le=\"2\"} 3\nfoo_seconds_bucket{le=\"+Inf\"} 5\nfoo_seconds_count 5\n",
       rules::histogram_bucket_not_cumulative, 4, 1, stricter},
      {"text_histogram_negative_bucket", text,
       "# HELP foo_seconds Foo.\n# TYPE foo_seconds histogram\nfoo_seconds_bucket{le=\"1\"} -1\n"
       "foo_seconds_bucket{le=\"+Inf\"} 0\nfoo_seconds_count 0\n",
       rules::histogram_invalid_bucket_value, 3, 1, stricter},
      {"text_histogram_missing_inf_bucket", text,
       "# HELP foo_seconds Foo.\n# TYPE foo_seconds histogram\nfoo_seconds_bucket{le=\"1\"} 1\n"
       "foo_seconds_sum 1\nfoo_seconds_count 1\n",
       rules::histogram_missing_inf_bucket, 3, 1, stricter},
      {"text_histogram_count_mismatch", text,
       "# HELP foo_seconds Foo.\n# TYPE foo_seconds histogram\nfoo_seconds_bucket{le=\"1\"} 1\n"
       "foo_seconds_bucket{le=\"+Inf\"} 2\nfoo_seconds_count 3\n",
       rules::histogram_count_mismatch, 5, 1, stricter},
      {"text_histogram_series_checked_apart", text,
       "# HELP foo_seconds Foo.\n# TYPE foo_seconds histogram\n"
       "foo_seconds_bucket{path=\"/a\",le=\"1\"} 4\nfoo_seconds_bucket{path=\"/b\",le=\"1\"} 1\n"
       "foo_seconds_bucket{path=\"/a\",le=\"+Inf\"} 4\nfoo_seconds_bucket{path=\"/b\",le=\"+Inf\"} 2\n"
       "foo_seconds_count{path=\"/a\"} 4\nfoo_seconds_count{path=\"/b\"} 3\n",
       rules::histogram_count_mismatch, 8, 1, stricter},
      {"text_summary_missing_quantile", text, "# HELP foo_seconds Foo.\n# TYPE foo_seconds summary\nfoo_seconds 1\n",
       rules::summary_missing_quantile, 3, 1, stricter},
      {"text_summary_invalid_quantile", text,
       "# HELP foo_seconds Foo.\n# TYPE foo_seconds summary\nfoo_seconds{quantile=\"x\"} 1\n",
       rules::summary_invalid_quantile, 3, 1, agrees},
      {"text_summary_quantile_out_of_range", text,
       "# HELP foo_seconds Foo.\n# TYPE foo_seconds summary\nfoo_seconds{quantile=\"1.5\"} 1\n",
       rules::summary_quantile_out_of_range, 3, 1, stricter},
  };
}

}  // namespace

const std::vector<exposition_case>& exposition_corpus() {
  static const std::vector<exposition_case> corpus = [] {
    std::vector<exposition_case> all = text_cases();
    for (exposition_case& c : openmetrics_cases()) {
      all.push_back(c);
    }
    return all;
  }();
  return corpus;
}

}  // namespace shield::prom::testing
