#pragma once

// Character-level scanning shared by the exposition parser and the lints (internal).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shield::prom::detail {

// [a-zA-Z_:] starts a metric name.
[[nodiscard]] constexpr bool is_metric_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}
// [a-zA-Z0-9_:] continues a metric name.
[[nodiscard]] constexpr bool is_metric_name_char(char c) {
  return is_metric_name_start(c) || (c >= '0' && c <= '9');
}
// [a-zA-Z_] starts a label name.
[[nodiscard]] constexpr bool is_label_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
// [a-zA-Z0-9_] continues a label name.
[[nodiscard]] constexpr bool is_label_name_char(char c) {
  return is_label_name_start(c) || (c >= '0' && c <= '9');
}
// Blank or tab: the 0.0.4 token separators.
[[nodiscard]] constexpr bool is_blank(char c) { return c == ' ' || c == '\t'; }

// End of the metric name starting at pos (pos itself when there is none).
[[nodiscard]] std::size_t scan_metric_name(std::string_view s, std::size_t pos);
// End of the label name starting at pos (pos itself when there is none).
[[nodiscard]] std::size_t scan_label_name(std::string_view s, std::size_t pos);
// Whole string is a valid metric / label name.
[[nodiscard]] bool is_valid_metric_name(std::string_view s);
[[nodiscard]] bool is_valid_label_name(std::string_view s);

// Sample value: decimal float, or case-insensitive [+-]inf/infinity and nan. No hex, no '_'.
[[nodiscard]] std::optional<double> parse_value(std::string_view token);
// 0.0.4 timestamp: [+-] decimal digits fitting in int64.
[[nodiscard]] std::optional<std::int64_t> parse_integer(std::string_view token);
// OpenMetrics timestamp: a real number of seconds, converted to milliseconds.
[[nodiscard]] std::optional<std::int64_t> parse_seconds_as_ms(std::string_view token);

// How backslashes are read in a quoted or HELP string.
enum class escape_style {
  label_value_text,  // 0.0.4 label value: \\ \" \n, anything else is an error
  help_text,         // 0.0.4 HELP: \\ \n, anything else is an error
  openmetrics,       // \\ \" \n resolved; any other escaped char kept as written
};

// Outcome of resolving escapes.
struct unescape_status {
  bool ok = true;              // false on a forbidden escape
  std::size_t bad_offset = 0;  // offset of the offending backslash when !ok
};

// True when s holds a backslash (only then does it need unescape()).
[[nodiscard]] bool has_backslash(std::string_view s);
// Resolves the escapes of s into out.
unescape_status unescape(std::string_view s, escape_style style, std::string& out);

}  // namespace shield::prom::detail
