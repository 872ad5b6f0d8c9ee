#pragma once

// Hand-written expositions: one per parser rule and one per lint, with expected verdicts.

#include <cstddef>
#include <ostream>
#include <string_view>
#include <vector>

#include "support/prom/exposition.hpp"

namespace shield::prom::testing {

// What `promtool check metrics` is expected to say about a case.
enum class promtool_view {
  agrees,          // same verdict as ours (and for lints: the same problem lines)
  stricter,        // promtool accepts the input: our rule goes beyond client_golang's parser/promlint
  not_applicable,  // OpenMetrics input: promtool check metrics reads 0.0.4 only
};

// One parser corpus entry.
struct exposition_case {
  std::string_view id;                                            // test name (identifier characters only)
  exposition_format format = exposition_format::prometheus_text;  // how to parse text
  std::string_view text;                                          // the exposition
  std::string_view rule;                                          // rule of the first error; empty for a valid input
  std::size_t line = 0;                                           // line of the first error
  std::size_t error_count = 1;                                    // errors expected in total (0 when valid)
  promtool_view promtool = promtool_view::agrees;                 // expected promtool behaviour
};

// One lint corpus entry (0.0.4 text).
struct lint_case {
  std::string_view id;                             // test name
  std::string_view text;                           // the exposition
  std::string_view lint;                           // the only lint id expected; empty for a clean input
  std::size_t count = 1;                           // how many times it is reported
  bool parses_cleanly = true;                      // false when the input also breaks a parser rule
  promtool_view promtool = promtool_view::agrees;  // expected promtool behaviour
};

// gtest prints parameters by id.
inline void PrintTo(const exposition_case& c, std::ostream* os) { *os << c.id; }
inline void PrintTo(const lint_case& c, std::ostream* os) { *os << c.id; }

[[nodiscard]] const std::vector<exposition_case>& exposition_corpus();
[[nodiscard]] const std::vector<lint_case>& lint_corpus();

}  // namespace shield::prom::testing
