#pragma once

// PromQL value types and the type rules of Prometheus's parser (promql/parser checkAST), kept apart
// from the grammar so the parser only asks "is this allowed?" at each node.
//
// The function table is Prometheus 2.x's (promql/parser/functions.go) plus the 3.x functions
// dashboards already use; arity and argument types follow it exactly. `unknown` is the type of a
// Grafana variable standing for an expression: it satisfies every rule.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "support/base/result.hpp"

namespace shield::prom {

// The value type of a PromQL expression.
enum class value_type {
  unknown,  // a Grafana placeholder: accepted wherever any type is
  scalar,   // number literal, scalar(), time(), scalar arithmetic
  vector,   // instant vector
  matrix,   // range vector (a range selector or a subquery)
  string,   // string literal
};

// Prometheus's documented names: "scalar", "instant vector", "range vector", "string".
[[nodiscard]] std::string_view documented_name(value_type type);

// One PromQL function's signature.
struct function_signature {
  std::string_view name;                   // as Prometheus spells it (case-sensitive)
  value_type arguments[5] = {};            // argument types, `count` of them used
  std::size_t count = 0;                   // number of typed arguments
  int variadic = 0;                        // 0 fixed; n > 0: the last argument may be left out or repeated up to n
                                           // times in all; -1: the last argument repeats without limit
  value_type result = value_type::vector;  // what the call returns
};

// The function named `name`, or nullptr when PromQL has none (names are case-sensitive).
[[nodiscard]] const function_signature* find_function(std::string_view name);

// Arity and argument types of a call; the first problem as Prometheus words it, with the index of
// the argument at fault (or nullopt index for arity).
struct type_problem {
  std::optional<std::size_t> argument;  // offending argument, nullopt when the count is wrong
  std::string message;  // e.g. `expected type range vector in call to function "rate", got instant vector`
};
[[nodiscard]] std::optional<type_problem> check_call(const function_signature& function,
                                                     std::span<const value_type> arguments);

// Aggregation: the parameter's type (topk/bottomk/quantile/limitk/limit_ratio scalar, count_values
// string) and the aggregated expression (instant vector).
[[nodiscard]] std::optional<type_problem> check_aggregation(std::string_view lower_operator,
                                                            std::span<const value_type> arguments);

// A binary operation's operands and modifiers.
struct binary_operands {
  value_type lhs = value_type::unknown;  // left operand's type
  value_type rhs = value_type::unknown;  // right operand's type
  bool comparison = false;               // == != > < >= <=
  bool set_operator = false;             // and or unless
  bool return_bool = false;              // `bool` modifier given
  bool matching_labels = false;          // on(...)/ignoring(...) with at least one label
};
// Fails with the first broken rule, worded as Prometheus.
[[nodiscard]] base::result<void> check_binary(const binary_operands& operands, std::string_view op);
// Result type of a well-typed binary operation.
[[nodiscard]] value_type binary_result(value_type lhs, value_type rhs);

// Unary +/- needs a scalar or an instant vector.
[[nodiscard]] base::result<void> check_unary(value_type operand);
// A subquery needs an instant vector.
[[nodiscard]] base::result<void> check_subquery(value_type operand);

// RE2 (Go regexp) syntax of a =~/!~ value, anchored as Prometheus anchors it; fails with the
// parser's error. Values holding a Grafana variable are not checked (the variable is not a regex yet).
[[nodiscard]] base::result<void> check_regex(std::string_view pattern);
// Whether a matcher accepts the empty string (Prometheus wants one matcher that does not).
// A value holding a Grafana variable counts as non-empty.
[[nodiscard]] bool matches_empty(std::string_view op, std::string_view value);

}  // namespace shield::prom
