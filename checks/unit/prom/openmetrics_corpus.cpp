// OpenMetrics 1.0 corpus: a valid exposition of every type and one invalid input per rule.

#include "checks/unit/prom/corpus.hpp"

namespace shield::prom::testing {

std::vector<exposition_case> openmetrics_conformance_cases();

std::vector<exposition_case> openmetrics_cases() {
  using enum promtool_view;
  constexpr auto om = exposition_format::openmetrics;
  std::vector<exposition_case> cases{
      {"om_valid_all_types",
       om,
       "# TYPE acme_http_router_request_seconds summary\n"
       "# UNIT acme_http_router_request_seconds seconds\n"
       "# HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.\n"
       "acme_http_router_request_seconds_sum{path=\"/api/v1\",method=\"GET\"} 9036.32\n"
       "acme_http_router_request_seconds_count{path=\"/api/v1\",method=\"GET\"} 807283.0\n"
       "acme_http_router_request_seconds_created{path=\"/api/v1\",method=\"GET\"} 1605281325.0\n"
       "# TYPE go_goroutines gauge\n"
       "# HELP go_goroutines Number of goroutines that currently exist.\n"
       "go_goroutines 69\n"
       "# TYPE process_cpu_seconds counter\n"
       "# UNIT process_cpu_seconds seconds\n"
       "# HELP process_cpu_seconds Total user and system CPU time spent in seconds.\n"
       "process_cpu_seconds_total 4.20072246e+06\n"
       "# TYPE foo histogram\n"
       "foo_bucket{le=\"0.01\"} 0\n"
       "foo_bucket{le=\"0.1\"} 8 # {} 0.054\n"
       "foo_bucket{le=\"1\"} 11 # {trace_id=\"KOO5S4vxi0o\"} 0.67\n"
       "foo_bucket{le=\"10\"} 17 # {trace_id=\"oHg5SJYRHA0\"} 9.8 1520879607.789\n"
       "foo_bucket{le=\"+Inf\"} 17\n"
       "foo_count 17\n"
       "foo_sum 324789.3\n"
       "foo_created 1520430000.123\n"
       "# TYPE queue gaugehistogram\n"
       "queue_bucket{le=\"0.01\"} 20.0\n"
       "queue_bucket{le=\"+Inf\"} 42.0\n"
       "queue_gcount 42.0\n"
       "queue_gsum 3289.3\n"
       "# TYPE state stateset\n"
       "state{state=\"a\"} 0\n"
       "state{state=\"bb\"} 1\n"
       "# TYPE build info\n"
       "build_info{version=\"8.2.7\"} 1\n"
       "# TYPE points gauge\n"
       "points 17.0 123\n"
       "points 18.0 456\n"
       "# EOF\n",
       {},
       0,
       0,
       not_applicable},
      {"om_valid_eof_without_newline", om, "# TYPE foo gauge\nfoo 1\n# EOF", {}, 0, 0, not_applicable},
      {"om_valid_undefined_escape_kept", om, "# TYPE foo gauge\nfoo{a=\"x\\qy\"} 1\n# EOF\n", {}, 0, 0, not_applicable},

      {"om_missing_eof", om, "# TYPE foo gauge\nfoo 1\n", rules::missing_eof, 3, 1, not_applicable},
      {"om_content_after_eof", om, "# TYPE foo gauge\nfoo 1\n# EOF\nfoo 2\n", rules::content_after_eof, 4, 1,
       not_applicable},
      {"om_empty_line", om, "# TYPE foo gauge\n\nfoo 1\n# EOF\n", rules::empty_line, 2, 1, not_applicable},
      {"om_invalid_comment", om, "# TYPE foo gauge\n# just a comment\nfoo 1\n# EOF\n", rules::invalid_comment, 2, 1,
       not_applicable},
      {"om_double_space", om, "foo  1\n# EOF\n", rules::invalid_whitespace, 1, 1, not_applicable},
      {"om_leading_space", om, " foo 1\n# EOF\n", rules::invalid_whitespace, 1, 1, not_applicable},
      {"om_metadata_without_value", om, "# HELP foo\nfoo 1\n# EOF\n", rules::invalid_metadata, 1, 1, not_applicable},
      {"om_counter_missing_total", om, "# TYPE foo counter\nfoo 1\n# EOF\n", rules::counter_missing_total, 2, 1,
       not_applicable},
      {"om_unit_mismatch", om, "# TYPE foo gauge\n# UNIT foo seconds\nfoo 1\n# EOF\n", rules::unit_mismatch, 2, 1,
       not_applicable},
      {"om_metadata_after_samples", om, "# TYPE foo gauge\nfoo 1\n# HELP foo late\n# EOF\n",
       rules::metadata_after_samples, 3, 1, not_applicable},
      {"om_type_after_samples", om, "foo 1\n# TYPE foo gauge\n# EOF\n", rules::type_after_samples, 2, 1,
       not_applicable},
      {"om_duplicate_unit", om,
       "# TYPE foo_seconds gauge\n# UNIT foo_seconds seconds\n# UNIT foo_seconds seconds\nfoo_seconds 1\n# EOF\n",
       rules::duplicate_unit, 3, 1, not_applicable},
      {"om_invalid_timestamp", om, "foo 1 abc\n# EOF\n", rules::invalid_timestamp, 1, 1, not_applicable},
      {"om_bad_exemplar", om, "# TYPE foo counter\nfoo_total 1 # trace\n# EOF\n", rules::invalid_exemplar, 2, 1,
       not_applicable},
      {"om_trailing_comma", om, "foo{a=\"1\",} 1\n# EOF\n", rules::invalid_label_syntax, 1, 1, not_applicable},
      {"om_reserved_label_name", om, "foo{_a=\"1\"} 1\n# EOF\n", rules::reserved_label_name, 1, 1, not_applicable},
      {"om_sum_without_count", om, "# TYPE foo histogram\nfoo_bucket{le=\"+Inf\"} 1\nfoo_sum 2\n# EOF\n",
       rules::histogram_sum_without_count, 3, 1, not_applicable},
      {"om_gaugehistogram_count_mismatch", om,
       "# TYPE q gaugehistogram\nq_bucket{le=\"+Inf\"} 5\nq_gcount 4\nq_gsum 1\n# EOF\n",
       rules::histogram_count_mismatch, 3, 1, not_applicable},
      {"om_stateset_value", om, "# TYPE foo stateset\nfoo{foo=\"a\"} 2\n# EOF\n", rules::stateset_invalid, 2, 1,
       not_applicable},
      {"om_stateset_label", om, "# TYPE foo stateset\nfoo{bar=\"a\"} 1\n# EOF\n", rules::stateset_invalid, 2, 1,
       not_applicable},
      {"om_info_value", om, "# TYPE foo info\nfoo_info{v=\"1\"} 2\n# EOF\n", rules::info_invalid, 2, 1, not_applicable},
      {"om_info_with_unit", om, "# TYPE foo_bytes info\n# UNIT foo_bytes bytes\nfoo_bytes_info 1\n# EOF\n",
       rules::unit_mismatch, 1, 1, not_applicable},
      {"om_type_is_case_sensitive", om, "# TYPE foo Counter\nfoo_total 1\n# EOF\n", rules::invalid_type, 1, 1,
       not_applicable},
      {"om_help_unescaped_quote", om, "# TYPE foo gauge\n# HELP foo say \"hi\"\nfoo 1\n# EOF\n", rules::invalid_escape,
       2, 1, not_applicable},
      {"om_duplicate_series_older_timestamp", om, "# TYPE foo gauge\nfoo 1 200\nfoo 2 100\n# EOF\n",
       rules::duplicate_series, 3, 1, not_applicable},
      {"om_counter_nan", om, "# TYPE foo counter\nfoo_total NaN\n# EOF\n", rules::counter_negative, 2, 1,
       not_applicable},
      {"om_histogram_bare_sample", om, "# TYPE foo histogram\nfoo 1\n# EOF\n", rules::invalid_sample_name, 2, 1,
       not_applicable},
      {"om_family_not_contiguous", om, "# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\n# HELP a late\n# EOF\n",
       rules::family_not_contiguous, 5, 1, not_applicable},
  };
  for (exposition_case& c : openmetrics_conformance_cases()) cases.push_back(c);
  return cases;
}

}  // namespace shield::prom::testing
