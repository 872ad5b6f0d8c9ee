#pragma once

// OpenMetrics exemplars checked in full (internal): `# {labels} value [timestamp]` after a sample,
// single spaces, a label set in label syntax whose names and values hold at most 128 code points,
// an OpenMetrics number (no hex), and a real-number timestamp (no NaN/Inf). Where exemplars may
// stand (counter _total, histogram and gaugehistogram _bucket) is checked with the family.

#include <optional>
#include <string>
#include <string_view>

namespace shield::prom::detail {

// The first broken rule: its id (rules::invalid_exemplar or rules::exemplar_too_long) and why.
struct exemplar_problem {
  std::string_view rule;  // stable rule id
  std::string message;    // what is wrong
};

// text starts at the '#' of the exemplar and runs to the end of the line; on success value holds
// the exemplar's value (for the bucket range rule, checked with the sample).
[[nodiscard]] std::optional<exemplar_problem> check_exemplar(std::string_view text, double& value);

// Number of UTF-8 code points in s (bytes of a broken sequence count one each).
[[nodiscard]] std::size_t code_points(std::string_view s);
// Byte offset of the first invalid UTF-8 sequence in s, or nullopt when s is valid UTF-8.
[[nodiscard]] std::optional<std::size_t> invalid_utf8_at(std::string_view s);

}  // namespace shield::prom::detail
