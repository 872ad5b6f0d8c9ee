#pragma once

// Character-level scanning shared by the exposition parser and the lints (internal).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "support/prom/byte_scan.hpp"

namespace shield::prom::detail {

// Character classes of the exposition grammar, one table lookup per byte.
enum char_class : std::uint8_t {
  cc_metric_start = 1,  // [a-zA-Z_:]
  cc_metric = 2,        // [a-zA-Z0-9_:]
  cc_label_start = 4,   // [a-zA-Z_]
  cc_label = 8,         // [a-zA-Z0-9_]
  cc_blank = 16,        // ' ' or '\t'
};

struct char_class_table {
  std::uint8_t bits[256] = {};  // char_class flags per byte value
  constexpr char_class_table() {
    for (int c = 0; c < 256; ++c) {
      const bool lower = c >= 'a' && c <= 'z';
      const bool upper = c >= 'A' && c <= 'Z';
      const bool digit = c >= '0' && c <= '9';
      const bool alpha = lower || upper || c == '_';
      std::uint8_t b = 0;
      b |= (alpha || c == ':') ? cc_metric_start : 0;
      b |= (alpha || digit || c == ':') ? cc_metric : 0;
      b |= alpha ? cc_label_start : 0;
      b |= (alpha || digit) ? cc_label : 0;
      b |= (c == ' ' || c == '\t') ? cc_blank : 0;
      bits[c] = b;
    }
  }
};

inline constexpr char_class_table char_classes{};

[[nodiscard]] constexpr bool has_class(char c, std::uint8_t cls) {
  return (char_classes.bits[static_cast<unsigned char>(c)] & cls) != 0;
}

// [a-zA-Z_:] starts a metric name.
[[nodiscard]] constexpr bool is_metric_name_start(char c) { return has_class(c, cc_metric_start); }
// [a-zA-Z0-9_:] continues a metric name.
[[nodiscard]] constexpr bool is_metric_name_char(char c) { return has_class(c, cc_metric); }
// [a-zA-Z_] starts a label name.
[[nodiscard]] constexpr bool is_label_name_start(char c) { return has_class(c, cc_label_start); }
// [a-zA-Z0-9_] continues a label name.
[[nodiscard]] constexpr bool is_label_name_char(char c) { return has_class(c, cc_label); }
// Blank or tab: the 0.0.4 token separators.
[[nodiscard]] constexpr bool is_blank(char c) { return has_class(c, cc_blank); }

// End of the run of `cls` characters starting at pos, given the first must be `first_cls`.
[[nodiscard]] inline std::size_t scan_class(std::string_view s, std::size_t pos, std::uint8_t first_cls,
                                            std::uint8_t cls) {
  if (pos >= s.size() || !has_class(s[pos], first_cls)) {
    return pos;
  }
  const char* p = s.data() + pos + 1;
  const char* const end = s.data() + s.size();
  while (p < end && has_class(*p, cls)) {
    ++p;
  }
  return static_cast<std::size_t>(p - s.data());
}

// End of the metric name starting at pos (pos itself when there is none).
[[nodiscard]] inline std::size_t scan_metric_name(std::string_view s, std::size_t pos) {
  return scan_class(s, pos, cc_metric_start, cc_metric);
}
// End of the label name starting at pos (pos itself when there is none).
[[nodiscard]] inline std::size_t scan_label_name(std::string_view s, std::size_t pos) {
  return scan_class(s, pos, cc_label_start, cc_label);
}
// End of the run of blanks starting at pos.
[[nodiscard]] inline std::size_t skip_blanks(std::string_view s, std::size_t pos) {
  while (pos < s.size() && is_blank(s[pos])) {
    ++pos;
  }
  return pos;
}

// Number of '\n' in s.
[[nodiscard]] std::size_t count_newlines(std::string_view s);

// Whole string is a valid metric / label name.
[[nodiscard]] bool is_valid_metric_name(std::string_view s);
[[nodiscard]] bool is_valid_label_name(std::string_view s);

// Sample value: decimal float, or case-insensitive [+-]inf/infinity and nan. No hex, no '_'.
[[nodiscard]] std::optional<double> parse_value(std::string_view token);
// 0.0.4 timestamp: [+-] decimal digits fitting in int64.
[[nodiscard]] std::optional<std::int64_t> parse_integer(std::string_view token);
// OpenMetrics timestamp: a real number of seconds (finite, any size).
[[nodiscard]] std::optional<double> parse_seconds(std::string_view token);
// The same in milliseconds, saturating at the int64 range.
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
