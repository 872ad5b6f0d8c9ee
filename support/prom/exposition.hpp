#pragma once

// Data model of a parsed Prometheus text 0.0.4 / OpenMetrics 1.0 exposition.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace shield::prom {

// Wire format, chosen by the caller from the scrape's Content-Type.
enum class exposition_format {
  prometheus_text,  // text/plain; version=0.0.4
  openmetrics,      // application/openmetrics-text; version=1.0.0
};

// Metric family type; the OpenMetrics-only types never appear in 0.0.4 input.
enum class metric_type {
  untyped,  // no TYPE line (0.0.4 "untyped", OpenMetrics "unknown")
  counter,
  gauge,
  histogram,
  summary,
  gauge_histogram,  // OpenMetrics "gaugehistogram"
  stateset,         // OpenMetrics only
  info,             // OpenMetrics only
};

// One label pair; both views point into the exposition's storage.
struct label {
  std::string_view name;   // label name as written
  std::string_view value;  // label value with escapes resolved
};

// One sample line.
struct sample {
  std::string_view name;                     // full sample name, e.g. foo_bucket
  std::span<const label> labels;             // labels in input order (le/quantile included)
  double value = 0.0;                        // sample value (NaN and +-Inf allowed)
  std::optional<std::int64_t> timestamp_ms;  // 0.0.4 integer ms; OpenMetrics seconds converted to ms (saturating)
  double timestamp_seconds = 0.0;            // OpenMetrics: the timestamp in seconds at full precision
  std::size_t line = 0;                      // 1-based line number in the input
  std::uint64_t labels_hash = 0;             // hash_labels(labels), filled by the parser (lints rely on it)
};

// A metric family: metadata plus its samples in input order.
struct metric_family {
  std::string_view name;                    // family name (TYPE/HELP name, or the sample name if untyped)
  metric_type type = metric_type::untyped;  // from the TYPE line
  std::string_view help;                    // HELP text with escapes resolved
  bool has_help = false;                    // a HELP line was present (OpenMetrics: and non-empty)
  std::string_view unit;                    // OpenMetrics UNIT value
  bool has_unit = false;                    // a non-empty UNIT line was present
  std::size_t line = 0;                     // line where the family started
  std::vector<sample> samples;              // samples in input order
};

// One violation of the format; rule is a stable id such as "histogram-bucket-not-cumulative".
struct parse_error {
  std::size_t line = 0;   // 1-based line number (0 only for empty input)
  std::string_view rule;  // stable rule id (static storage, see rules namespace)
  std::string message;    // human-readable detail
};

// Memory the string views and label spans of an exposition point into.
struct exposition_storage {
  std::string text;                   // private copy of the input
  std::deque<std::string> unescaped;  // label values / HELP texts that needed unescaping
  std::vector<std::vector<label>>
      label_blocks;  // label pool; a block never grows past its reserve, so spans stay valid
};

// Parse result. Copies share the storage, so views stay valid as long as any copy lives.
struct exposition {
  exposition_format format = exposition_format::prometheus_text;  // format the input was parsed as
  std::vector<metric_family> families;                // families in input order (best effort when errors exist)
  std::vector<parse_error> errors;                    // every violation found, in line order per check pass
  bool errors_truncated = false;                      // more errors existed than parse_options::max_errors
  std::shared_ptr<const exposition_storage> storage;  // backing memory of all views

  // True when the input had no format violation.
  [[nodiscard]] bool ok() const { return errors.empty(); }
  // Family by name, or nullptr.
  [[nodiscard]] const metric_family* find(std::string_view family_name) const;
  // First error carrying the given rule id, or nullptr.
  [[nodiscard]] const parse_error* first_error(std::string_view rule) const;
};

// Order-independent hash of one label pair / a label set: equal sets hash equal, so sums of
// hash_label() over labels can be adjusted by subtracting one label's term.
[[nodiscard]] std::uint64_t hash_label(const label& l);
[[nodiscard]] std::uint64_t hash_labels(std::span<const label> labels);

// Format named by a Content-Type header value; nullopt for anything else.
// "text/plain" without a version is taken as 0.0.4, as Prometheus does.
[[nodiscard]] std::optional<exposition_format> format_from_content_type(std::string_view content_type);

// Type keyword as written in the given format ("untyped" vs "unknown", "gaugehistogram").
[[nodiscard]] std::string_view to_string(metric_type type,
                                         exposition_format format = exposition_format::prometheus_text);

// Stable rule ids carried by parse_error::rule.
namespace rules {
inline constexpr std::string_view invalid_metric_name = "invalid-metric-name";
inline constexpr std::string_view invalid_label_name = "invalid-label-name";
inline constexpr std::string_view reserved_label_name = "reserved-label-name";
inline constexpr std::string_view duplicate_label_name = "duplicate-label-name";
inline constexpr std::string_view invalid_label_syntax = "invalid-label-syntax";
inline constexpr std::string_view unterminated_label_value = "unterminated-label-value";
inline constexpr std::string_view invalid_escape = "invalid-escape";
inline constexpr std::string_view invalid_value = "invalid-value";
inline constexpr std::string_view invalid_timestamp = "invalid-timestamp";
inline constexpr std::string_view trailing_content = "trailing-content";
inline constexpr std::string_view invalid_whitespace = "invalid-whitespace";
inline constexpr std::string_view missing_final_newline = "missing-final-newline";
inline constexpr std::string_view invalid_metadata = "invalid-metadata";
inline constexpr std::string_view invalid_type = "invalid-type";
inline constexpr std::string_view duplicate_help = "duplicate-help";
inline constexpr std::string_view duplicate_type = "duplicate-type";
inline constexpr std::string_view duplicate_unit = "duplicate-unit";
inline constexpr std::string_view type_after_samples = "type-after-samples";
inline constexpr std::string_view metadata_after_samples = "metadata-after-samples";
inline constexpr std::string_view family_not_contiguous = "family-not-contiguous";
inline constexpr std::string_view duplicate_series = "duplicate-series";
inline constexpr std::string_view invalid_sample_name = "invalid-sample-name";
inline constexpr std::string_view counter_missing_total = "counter-missing-total";
inline constexpr std::string_view counter_negative = "counter-negative";
inline constexpr std::string_view histogram_missing_le = "histogram-missing-le";
inline constexpr std::string_view histogram_invalid_le = "histogram-invalid-le";
inline constexpr std::string_view histogram_buckets_not_ascending = "histogram-buckets-not-ascending";
inline constexpr std::string_view histogram_bucket_not_cumulative = "histogram-bucket-not-cumulative";
inline constexpr std::string_view histogram_invalid_bucket_value = "histogram-invalid-bucket-value";
inline constexpr std::string_view histogram_missing_inf_bucket = "histogram-missing-inf-bucket";
inline constexpr std::string_view histogram_count_mismatch = "histogram-count-mismatch";
inline constexpr std::string_view histogram_sum_without_count = "histogram-sum-without-count";
inline constexpr std::string_view summary_missing_quantile = "summary-missing-quantile";
inline constexpr std::string_view summary_invalid_quantile = "summary-invalid-quantile";
inline constexpr std::string_view summary_quantile_out_of_range = "summary-quantile-out-of-range";
inline constexpr std::string_view stateset_invalid = "stateset-invalid";
inline constexpr std::string_view info_invalid = "info-invalid";
inline constexpr std::string_view unit_mismatch = "unit-mismatch";
inline constexpr std::string_view empty_line = "empty-line";
inline constexpr std::string_view invalid_comment = "invalid-comment";
inline constexpr std::string_view missing_eof = "missing-eof";
inline constexpr std::string_view content_after_eof = "content-after-eof";
inline constexpr std::string_view invalid_exemplar = "invalid-exemplar";
inline constexpr std::string_view exemplar_too_long = "exemplar-too-long";
inline constexpr std::string_view exemplar_not_allowed = "exemplar-not-allowed";
inline constexpr std::string_view exemplar_outside_bucket = "exemplar-outside-bucket";
inline constexpr std::string_view invalid_utf8 = "invalid-utf8";
inline constexpr std::string_view summary_invalid_value = "summary-invalid-value";
inline constexpr std::string_view histogram_count_without_sum = "histogram-count-without-sum";
inline constexpr std::string_view histogram_invalid_sum = "histogram-invalid-sum";
inline constexpr std::string_view histogram_sum_with_negative_buckets = "histogram-sum-with-negative-buckets";
inline constexpr std::string_view histogram_non_canonical_le = "histogram-non-canonical-le";
inline constexpr std::string_view metric_interleaved = "metric-interleaved";
inline constexpr std::string_view family_name_clash = "family-name-clash";
}  // namespace rules

}  // namespace shield::prom
