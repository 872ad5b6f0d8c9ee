#pragma once

// Finds every metric a PromQL query reads, with how it is read.
//
// The query is parsed with the PromQL grammar (not pattern-matched), so function names,
// aggregation operators, grouping labels (by/without/on/ignoring/group_left/group_right),
// strings, durations, numbers and modifiers are never taken for metrics.
// Keywords as metric names follow Prometheus' grammar: aggregators (sum, avg, count, topk, ...)
// and by, without, and, or, unless, offset, start, end name a metric when they stand where a
// selector may, unless an aggregator is followed by "(" or by/without; `sum` alone or
// `sum{job="x"}` reads metric "sum". bool, on, ignoring, group_left, group_right and atan2 can
// never be metric names. Inf and NaN (any case) are numbers unless followed by "{" or "(".
// Grafana variables are accepted where they stand for a duration, a number, a timestamp, a label
// name or a whole metric name (see promql_lexer.hpp); they need no substitution first.
// Types are checked as Prometheus's parser checks them (promql_types.hpp): unknown functions, arity,
// argument and operand types, invalid regexes and all-empty selectors are errors, as /api/v1/query
// reports them; a range vector is a valid result (an instant query may return one).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/prom/promql_lexer.hpp"
#include "support/prom/promql_types.hpp"

namespace shield::prom {

// How the metric name of a selector is given.
enum class name_match {
  exact,      // foo or {__name__="foo"}
  regex,      // {__name__=~"foo_.*"}: name holds the pattern
  not_equal,  // {__name__!="foo"}: reads every other metric
  not_regex,  // {__name__!~"foo_.*"}
  templated,  // contains a Grafana variable: name holds the raw text
  any,        // no name at all: {job="x"}
};

// One label matcher of a selector (the name matcher excluded).
struct label_matcher {
  std::string name;   // label name (may be a Grafana variable)
  std::string op;     // "=", "!=", "=~" or "!~"
  std::string value;  // matched value, escapes resolved
};

// One vector selector in the query.
struct metric_reference {
  std::string name;                      // metric name, regex pattern or raw templated text
  name_match match = name_match::exact;  // how name is to be read
  std::vector<label_matcher> matchers;   // the other matchers in query order
  std::size_t position = 0;              // byte offset of the selector in the query
  std::string range;                     // "[5m]" range as written ("" for instant selectors)
  std::string offset_modifier;           // "offset 5m" duration as written, with its sign
  std::vector<std::string> enclosing;    // enclosing functions/aggregations, innermost first
  std::string range_function;            // function taking this range vector directly (rate, ...)
  bool rate_wrapped = false;             // some enclosing function is rate-like (see is_rate_function)
};

// One function call or aggregation.
struct function_call {
  std::string name;          // as written (aggregations lower-cased)
  std::size_t position = 0;  // byte offset
  bool aggregation = false;  // sum/avg/count/... rather than a function
  bool known = true;         // a PromQL function or aggregator this analyzer knows
};

// Everything the analyzer found, or the syntax error that stopped it.
struct promql_analysis {
  std::vector<metric_reference> metrics;     // selectors in query order
  std::vector<function_call> functions;      // calls in query order
  std::vector<std::string> grouping_labels;  // labels named in by/without/on/ignoring/group_x lists
  std::optional<promql_error> error;         // syntax or type error; other fields are then partial
  value_type type = value_type::unknown;     // the whole query's value type (unknown after an error)

  [[nodiscard]] bool ok() const { return !error.has_value(); }
  // Distinct exact metric names (patterns and templated names left out), in first-use order.
  [[nodiscard]] std::vector<std::string> metric_names() const;
};

// Deepest nesting of sub-expressions (parentheses, unary signs, call arguments, right-nested ^)
// the parser accepts; a deeper query is a syntax error saying so, never a stack overflow.
inline constexpr std::size_t max_promql_depth = 256;

[[nodiscard]] promql_analysis analyze_promql(std::string_view query);

// rate, irate, increase, delta, idelta, deriv, resets: functions that make a counter (or gauge
// trend) meaningful; a counter read outside all of them is suspicious.
[[nodiscard]] bool is_rate_function(std::string_view name);
// Known PromQL function (not aggregator) names, case-sensitive as Prometheus.
[[nodiscard]] bool is_known_function(std::string_view name);
// Aggregation operator, case-insensitive.
[[nodiscard]] bool is_aggregator(std::string_view name);

}  // namespace shield::prom
