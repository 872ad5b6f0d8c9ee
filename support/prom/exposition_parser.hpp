#pragma once

// Strict parser for Prometheus text 0.0.4 and OpenMetrics 1.0 expositions.
//
// 0.0.4 input is accepted exactly where `promtool check metrics` (client_golang's text parser)
// accepts it, plus these stricter rules from the format documentation that the Go parser does
// not enforce: families contiguous, no duplicate series, TYPE must name a type, histogram bucket
// structure (le parses, ascending, cumulative, +Inf present and equal to _count), bare histogram
// samples, summary quantiles within 0..1 and present, non-negative counters.
// OpenMetrics input follows the 1.0 ABNF (single spaces, # EOF last, no other comments, UNIT
// as a name suffix, counter samples as _total/_created); exemplars are skipped after checking
// that they start with "# {".

#include <cstddef>
#include <string>
#include <string_view>

#include "support/prom/exposition.hpp"

namespace shield::prom {

// Parser knobs.
struct parse_options {
  std::size_t max_errors = 1000;  // errors kept; later ones only set exposition::errors_truncated
};

// Parses a whole exposition; all errors are collected (sorted by line), families are best effort.
[[nodiscard]] exposition parse_exposition(std::string_view text, exposition_format format,
                                          const parse_options& options = {});
// Same, taking ownership of the text to skip the copy.
[[nodiscard]] exposition parse_exposition(std::string&& text, exposition_format format,
                                          const parse_options& options = {});
// String literals (otherwise ambiguous between the two above).
[[nodiscard]] inline exposition parse_exposition(const char* text, exposition_format format,
                                                 const parse_options& options = {}) {
  return parse_exposition(std::string_view(text), format, options);
}

}  // namespace shield::prom
