#pragma once

// Recursive-descent PromQL parser that records selectors (internal; see promql_analyzer.hpp).

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/prom/promql_analyzer.hpp"
#include "support/prom/promql_lexer.hpp"
#include "support/prom/promql_types.hpp"
#include "support/prom/promql_vocabulary.hpp"
#include "support/base/text.hpp"

namespace shield::prom::detail {

// Shape of a parsed sub-expression, as far as modifiers and ranges care.
enum class node_kind { literal, vector_selector, matrix_selector, subquery, call, aggregation, other };

struct node {
  node_kind kind = node_kind::other;      // what the expression is
  std::size_t selector = 0;               // index in metrics for vector/matrix selectors
  bool has_offset = false;                // offset already applied
  bool has_at = false;                    // @ already applied
  value_type type = value_type::unknown;  // PromQL value type (promql_types.hpp)
  std::size_t position = 0;               // byte offset of its first token
};

// Binary operator properties (Prometheus precedence, low to high).
struct binary_op {
  int precedence = 0;        // 1 (or) .. 6 (^)
  bool right_assoc = false;  // only ^
  bool comparison = false;   // == != > < >= <= (bool allowed)
  bool set_op = false;       // and or unless (no group_left/right)
  std::string_view text;     // the operator as written
};

// Modifiers written after a binary operator.
struct binary_modifiers_seen {
  bool return_bool = false;      // `bool`
  bool matching_labels = false;  // on(...)/ignoring(...) naming at least one label
};

// Internal unwinding on the first syntax error; caught in analyze_promql.
struct syntax_failure {
  std::size_t position = 0;  // byte offset
  std::string message;       // what is wrong
};

class promql_parser {
 public:
  promql_parser(const std::vector<token>& tokens, promql_analysis& out) : t_(tokens), out_(out) {}

  // Parses the whole token stream; throws syntax_failure.
  void run();

 private:
  const token& peek(std::size_t ahead = 0) const { return t_[std::min(i_ + ahead, t_.size() - 1)]; }
  const token& take() { return t_[i_ < t_.size() - 1 ? i_++ : i_]; }
  bool is_word(const token& t, std::string_view lower) const {
    return t.kind == token_kind::identifier && !t.templated && base::iequals(t.text, lower);
  }
  bool peek_word(std::string_view lower) const { return is_word(peek(), lower); }

  [[noreturn]] void fail(std::size_t position, std::string message) const;
  [[noreturn]] void unexpected(const token& t, std::string_view where) const;
  const token& expect(token_kind kind, std::string_view where);

  // Expressions (promql_parser.cpp).
  std::optional<binary_op> peek_binary_op() const;
  std::optional<binary_op> operator_of(const token& t) const;
  node expression(int min_precedence);
  binary_modifiers_seen binary_modifiers(const binary_op& op);
  node unary();
  node primary();
  node identifier();
  node call();
  std::vector<node> arguments(std::string_view where);
  node aggregation();
  // Argument types checked by `rule`; fails at the argument at fault, else at call_position.
  template <typename Rule>
  void check_arguments(const std::vector<node>& args, std::size_t call_position, Rule rule) const {
    std::vector<value_type> types;
    types.reserve(args.size());
    for (const node& arg : args) {
      types.push_back(arg.type);
    }
    if (std::optional<type_problem> problem = rule(std::span<const value_type>(types))) {
      fail(problem->argument ? args[*problem->argument].position : call_position, std::move(problem->message));
    }
  }

  // Selectors, label lists and modifiers (promql_selectors.cpp).
  node selector(std::string name, name_match match, std::size_t position);
  bool matcher(metric_reference& ref);  // true when the matcher rejects the empty string
  void set_name(metric_reference& ref, const std::string& name, name_match how, std::size_t position) const;
  std::size_t grouping();  // number of labels listed
  std::string duration_like(std::string_view where);
  void require_modifiable(const node& n, const token& t) const;
  node postfix(node n);
  void at_timestamp();

  const std::vector<token>& t_;       // token stream ending with `end`
  std::size_t i_ = 0;                 // next token
  promql_analysis& out_;              // findings
  std::vector<std::string> context_;  // enclosing calls and aggregations, outermost first
  std::size_t depth_ = 0;             // expressions open around the current one (max_promql_depth)
};

}  // namespace shield::prom::detail
