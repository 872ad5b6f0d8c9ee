// PromQL function table and type rules (after Prometheus's promql/parser functions.go and checkAST).

#include "support/prom/promql_types.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <string>

namespace shield::prom {
namespace {

constexpr value_type S = value_type::scalar;
constexpr value_type V = value_type::vector;
constexpr value_type M = value_type::matrix;
constexpr value_type T = value_type::string;

constexpr function_signature f0(std::string_view name, value_type result = V) { return {name, {}, 0, 0, result}; }
constexpr function_signature f1(std::string_view name, value_type a, int variadic = 0) {
  return {name, {a}, 1, variadic, V};
}
constexpr function_signature f2(std::string_view name, value_type a, value_type b, int variadic = 0) {
  return {name, {a, b}, 2, variadic, V};
}
constexpr function_signature f3(std::string_view name, value_type a, value_type b, value_type c, int variadic = 0) {
  return {name, {a, b, c}, 3, variadic, V};
}

// Sorted by name (binary search). 2.x functions plus the 3.x ones (experimental included).
constexpr function_signature functions[] = {
    f1("abs", V),
    f1("absent", V),
    f1("absent_over_time", M),
    f1("acos", V),
    f1("acosh", V),
    f1("asin", V),
    f1("asinh", V),
    f1("atan", V),
    f1("atanh", V),
    f1("avg_over_time", M),
    f1("ceil", V),
    f1("changes", M),
    f3("clamp", V, S, S),
    f2("clamp_max", V, S),
    f2("clamp_min", V, S),
    f1("cos", V),
    f1("cosh", V),
    f1("count_over_time", M),
    f1("day_of_month", V, 1),
    f1("day_of_week", V, 1),
    f1("day_of_year", V, 1),
    f1("days_in_month", V, 1),
    f1("deg", V),
    f1("delta", M),
    f1("deriv", M),
    f3("double_exponential_smoothing", M, S, S),
    f1("exp", V),
    f1("first_over_time", M),
    f1("floor", V),
    f1("histogram_avg", V),
    f1("histogram_count", V),
    f3("histogram_fraction", S, S, V),
    f2("histogram_quantile", S, V),
    f1("histogram_stddev", V),
    f1("histogram_stdvar", V),
    f1("histogram_sum", V),
    f3("holt_winters", M, S, S),
    f1("hour", V, 1),
    f1("idelta", M),
    f1("increase", M),
    f2("info", V, V, 1),
    f1("irate", M),
    {"label_join", {V, T, T, T}, 4, -1, V},
    {"label_replace", {V, T, T, T, T}, 5, 0, V},
    f1("last_over_time", M),
    f1("ln", V),
    f1("log10", V),
    f1("log2", V),
    f1("mad_over_time", M),
    f1("max_over_time", M),
    f1("min_over_time", M),
    f1("minute", V, 1),
    f1("month", V, 1),
    f0("pi", S),
    f2("predict_linear", M, S),
    f1("present_over_time", M),
    f2("quantile_over_time", S, M),
    f1("rad", V),
    f1("rate", M),
    f1("resets", M),
    f2("round", V, S, 1),
    {"scalar", {V}, 1, 0, S},
    f1("sgn", V),
    f1("sin", V),
    f1("sinh", V),
    f1("sort", V),
    f2("sort_by_label", V, T, -1),
    f2("sort_by_label_desc", V, T, -1),
    f1("sort_desc", V),
    f1("sqrt", V),
    f1("stddev_over_time", M),
    f1("stdvar_over_time", M),
    f1("sum_over_time", M),
    f1("tan", V),
    f1("tanh", V),
    f0("time", S),
    f1("timestamp", V),
    f1("ts_of_first_over_time", M),
    f1("ts_of_last_over_time", M),
    f1("ts_of_max_over_time", M),
    f1("ts_of_min_over_time", M),
    f1("vector", S),
    f1("year", V, 1),
};

bool fits(value_type got, value_type want) { return got == want || got == value_type::unknown; }

std::string expected(value_type want, std::string_view where, value_type got) {
  return "expected type " + std::string(documented_name(want)) + " in " + std::string(where) + ", got " +
         std::string(documented_name(got));
}

// A Grafana variable ($x, ${x}, [[x]]) inside a string value.
bool holds_variable(std::string_view text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const char next = text[i + 1];
    const bool word = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '_';
    if ((text[i] == '$' && (word || next == '{')) || (text[i] == '[' && next == '[')) {
      return true;
    }
  }
  return false;
}

// Prometheus compiles "^(?:" + value + ")$" with Go's regexp (RE2 syntax).
RE2::Options regex_options() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_dot_nl(true);  // Prometheus 2.x sets (?s)
  return options;
}

}  // namespace

std::string_view documented_name(value_type type) {
  switch (type) {
    case value_type::scalar:
      return "scalar";
    case value_type::vector:
      return "instant vector";
    case value_type::matrix:
      return "range vector";
    case value_type::string:
      return "string";
    case value_type::unknown:
      break;
  }
  return "unknown";
}

const function_signature* find_function(std::string_view name) {
  const auto* it = std::lower_bound(std::begin(functions), std::end(functions), name,
                                    [](const function_signature& f, std::string_view n) { return f.name < n; });
  return it != std::end(functions) && it->name == name ? it : nullptr;
}

std::optional<type_problem> check_call(const function_signature& function, std::span<const value_type> arguments) {
  const std::string quoted = "\"" + std::string(function.name) + "\"";
  const std::size_t given = arguments.size();
  if (function.variadic == 0 && given != function.count) {
    return type_problem{std::nullopt, "expected " + std::to_string(function.count) + " argument(s) in call to " +
                                          quoted + ", got " + std::to_string(given)};
  }
  if (function.variadic != 0) {
    const std::size_t least = function.count - 1;
    if (given < least) {
      return type_problem{std::nullopt, "expected at least " + std::to_string(least) + " argument(s) in call to " +
                                            quoted + ", got " + std::to_string(given)};
    }
    const std::size_t most = least + static_cast<std::size_t>(std::max(function.variadic, 0));
    if (function.variadic > 0 && given > most) {
      return type_problem{std::nullopt, "expected at most " + std::to_string(most) + " argument(s) in call to " +
                                            quoted + ", got " + std::to_string(given)};
    }
  }
  for (std::size_t i = 0; i < given; ++i) {
    const value_type want = function.arguments[std::min(i, function.count - 1)];
    if (!fits(arguments[i], want)) {
      return type_problem{i, expected(want, "call to function " + quoted, arguments[i])};
    }
  }
  return std::nullopt;
}

std::optional<type_problem> check_aggregation(std::string_view lower_operator, std::span<const value_type> arguments) {
  if (arguments.empty()) {
    return std::nullopt;  // the parser reports the count
  }
  const std::size_t expr = arguments.size() - 1;
  if (arguments.size() == 2) {
    const value_type want = lower_operator == "count_values" ? value_type::string : value_type::scalar;
    if (!fits(arguments[0], want)) {
      return type_problem{0, expected(want, "aggregation parameter", arguments[0])};
    }
  }
  if (!fits(arguments[expr], value_type::vector)) {
    return type_problem{expr, expected(value_type::vector, "aggregation expression", arguments[expr])};
  }
  return std::nullopt;
}

base::result<void> check_binary(const binary_operands& o, std::string_view op) {
  if (o.return_bool && !o.comparison) {
    return base::fail("bool modifier can only be used on comparison operators");
  }
  if (o.comparison && !o.return_bool && o.lhs == value_type::scalar && o.rhs == value_type::scalar) {
    return base::fail("comparisons between scalars must use BOOL modifier");
  }
  const auto operand = [](value_type t) { return fits(t, value_type::scalar) || t == value_type::vector; };
  if (!operand(o.lhs) || !operand(o.rhs)) {
    return base::fail("binary expression must contain only scalar and instant vector types");
  }
  if ((o.lhs == value_type::scalar || o.rhs == value_type::scalar) && o.matching_labels) {
    return base::fail("vector matching only allowed between instant vectors");
  }
  if ((o.lhs == value_type::scalar || o.rhs == value_type::scalar) && o.set_operator) {
    return base::fail("set operator \"" + std::string(op) + "\" not allowed in binary scalar expression");
  }
  return {};
}

value_type binary_result(value_type lhs, value_type rhs) {
  if (lhs == value_type::vector || rhs == value_type::vector) {
    return value_type::vector;
  }
  if (lhs == value_type::scalar && rhs == value_type::scalar) {
    return value_type::scalar;
  }
  return value_type::unknown;
}

base::result<void> check_unary(value_type operand) {
  if (fits(operand, value_type::scalar) || operand == value_type::vector) {
    return {};
  }
  return base::fail("unary expression only allowed on expressions of type scalar or instant vector, got \"" +
                    std::string(documented_name(operand)) + "\"");
}

base::result<void> check_subquery(value_type operand) {
  if (fits(operand, value_type::vector)) {
    return {};
  }
  return base::fail("subquery is only allowed on instant vector, got " + std::string(documented_name(operand)) +
                    " instead");
}

base::result<void> check_regex(std::string_view pattern) {
  if (holds_variable(pattern)) {
    return {};
  }
  const RE2 re("^(?:" + std::string(pattern) + ")$", regex_options());
  if (re.ok()) {
    return {};
  }
  return base::fail("invalid regular expression \"" + std::string(pattern) + "\": " + re.error());
}

bool matches_empty(std::string_view op, std::string_view value) {
  if (holds_variable(value)) {
    return false;
  }
  if (op == "=") return value.empty();
  if (op == "!=") return !value.empty();
  const RE2 re("^(?:" + std::string(value) + ")$", regex_options());
  const bool empty_matches = re.ok() && RE2::FullMatch("", re);
  return op == "=~" ? empty_matches : !empty_matches;
}

}  // namespace shield::prom
