// PromQL expressions: operators, calls and aggregations.

#include <algorithm>
#include <utility>

#include "support/prom/promql_parser.hpp"

namespace shield::prom::detail {

void promql_parser::run() {
  if (peek().kind == token_kind::end) {
    fail(peek().position, "no expression found in input");
  }
  const value_type type = expression(0).type;
  if (peek().kind != token_kind::end) {
    unexpected(peek(), "expression");
  }
  out_.type = type;
}

void promql_parser::fail(std::size_t position, std::string message) const {
  throw syntax_failure{position, std::move(message)};
}

void promql_parser::unexpected(const token& t, std::string_view where) const {
  std::string what(describe(t.kind));
  if (t.kind != token_kind::end && t.text.size() > 1) {
    what += " \"" + std::string(t.text) + "\"";
  }
  fail(t.position, "unexpected " + what + " in " + std::string(where));
}

const token& promql_parser::expect(token_kind kind, std::string_view where) {
  if (peek().kind != kind) {
    unexpected(peek(), std::string(where) + ", expected " + std::string(describe(kind)));
  }
  return take();
}

std::optional<binary_op> promql_parser::peek_binary_op() const { return operator_of(peek()); }

std::optional<binary_op> promql_parser::operator_of(const token& t) const {
  switch (t.kind) {
    case token_kind::plus:
    case token_kind::minus:
      return binary_op{4, false, false, false, t.text};
    case token_kind::star:
    case token_kind::slash:
    case token_kind::percent:
      return binary_op{5, false, false, false, t.text};
    case token_kind::caret:
      return binary_op{6, true, false, false, t.text};
    case token_kind::equal_equal:
    case token_kind::not_equal:
    case token_kind::greater:
    case token_kind::less:
    case token_kind::greater_equal:
    case token_kind::less_equal:
      return binary_op{3, false, true, false, t.text};
    default:
      break;
  }
  if (is_word(t, "or")) return binary_op{1, false, false, true, t.text};
  if (is_word(t, "and") || is_word(t, "unless")) return binary_op{2, false, false, true, t.text};
  if (is_word(t, "atan2")) return binary_op{5, false, false, false, t.text};
  return std::nullopt;
}

node promql_parser::expression(int min_precedence) {
  // Every nesting level is a recursion here; refused past the limit rather than overflowing the stack.
  if (depth_ == max_promql_depth) {
    fail(peek().position, "expression nested more than " + std::to_string(max_promql_depth) +
                              " levels deep (parentheses, signs, arguments or ^), the parser's limit");
  }
  ++depth_;
  node lhs = unary();
  for (auto op = peek_binary_op(); op && op->precedence >= min_precedence; op = peek_binary_op()) {
    const std::size_t at = take().position;
    const binary_modifiers_seen seen = binary_modifiers(*op);
    const node rhs = expression(op->right_assoc ? op->precedence : op->precedence + 1);
    const binary_operands operands{lhs.type,   rhs.type,         op->comparison,
                                   op->set_op, seen.return_bool, seen.matching_labels};
    if (auto checked = check_binary(operands, base::to_lower(op->text)); !checked) {
      fail(at, std::move(checked.error().message));
    }
    const value_type result =
        op->comparison && seen.return_bool && lhs.type == value_type::scalar && rhs.type == value_type::scalar
            ? value_type::scalar
            : binary_result(lhs.type, rhs.type);
    lhs = node{node_kind::other, 0, false, false, result, lhs.position};
  }
  --depth_;
  return lhs;
}

binary_modifiers_seen promql_parser::binary_modifiers(const binary_op& op) {
  binary_modifiers_seen seen;
  if (peek_word("bool")) {
    if (!op.comparison) {
      fail(peek().position, "bool modifier can only be used on comparison operators");
    }
    take();
    seen.return_bool = true;
  }
  if (peek_word("on") || peek_word("ignoring")) {
    take();
    seen.matching_labels = grouping() > 0;
    if (peek_word("group_left") || peek_word("group_right")) {
      const token& g = take();
      if (op.set_op) {
        fail(g.position, "no grouping allowed for set operations (and, or, unless)");
      }
      if (peek().kind == token_kind::left_paren) {
        grouping();
      }
    }
  }
  return seen;
}

node promql_parser::unary() {
  if (peek().kind == token_kind::plus || peek().kind == token_kind::minus) {
    const std::size_t at = take().position;
    const node operand = expression(6);  // unary binds like '*': only '^' is tighter
    if (auto checked = check_unary(operand.type); !checked) {
      fail(at, std::move(checked.error().message));
    }
    return node{node_kind::other, 0, false, false, operand.type, at};
  }
  return postfix(primary());
}

node promql_parser::primary() {
  const token& t = peek();
  switch (t.kind) {
    case token_kind::number:
    case token_kind::duration:
    case token_kind::string:
      take();
      return node{
          node_kind::literal, 0, false, false, t.kind == token_kind::string ? value_type::string : value_type::scalar,
          t.position};
    case token_kind::variable:
      take();
      if (peek().kind == token_kind::left_brace) {
        return selector(std::string(t.text), name_match::templated, t.position);
      }
      return node{node_kind::other, 0, false, false, value_type::unknown, t.position};  // a Grafana placeholder
    case token_kind::left_paren: {
      take();
      const node inner = expression(0);
      expect(token_kind::right_paren, "parenthesized expression");
      return node{node_kind::other, 0, false, false, inner.type, t.position};
    }
    case token_kind::left_brace:
      return selector({}, name_match::any, t.position);
    case token_kind::identifier:
      return identifier();
    default:
      unexpected(t, "expression");
  }
}

node promql_parser::identifier() {
  const token& t = peek();
  if (t.templated) {
    take();
    return selector(std::string(t.text), name_match::templated, t.position);
  }
  const std::string lower = base::to_lower(t.text);
  const token& next = peek(1);
  if ((lower == "inf" || lower == "nan") && next.kind != token_kind::left_brace &&
      next.kind != token_kind::left_paren) {
    take();
    return node{node_kind::literal, 0, false, false, value_type::scalar, t.position};
  }
  if (is_aggregator(lower) &&
      (next.kind == token_kind::left_paren || is_word(next, "by") || is_word(next, "without"))) {
    return aggregation();
  }
  if (is_reserved_keyword(lower)) {
    fail(t.position, "unexpected keyword \"" + std::string(t.text) + "\"");
  }
  if (next.kind == token_kind::left_paren && !is_metric_keyword(lower)) {
    return call();
  }
  take();
  return selector(std::string(t.text), name_match::exact, t.position);
}

node promql_parser::call() {
  const token& name = take();
  take();  // '('
  const function_signature* signature = find_function(name.text);
  out_.functions.push_back(function_call{std::string(name.text), name.position, false, signature != nullptr});
  if (signature == nullptr) {
    fail(name.position, "unknown function with name \"" + std::string(name.text) + "\"");
  }
  context_.emplace_back(name.text);
  const std::vector<node> args = arguments("function call");
  context_.pop_back();
  for (const node& arg : args) {
    if (arg.kind == node_kind::matrix_selector) {
      out_.metrics[arg.selector].range_function = std::string(name.text);
    }
  }
  check_arguments(args, name.position,
                  [&](std::span<const value_type> types) { return check_call(*signature, types); });
  return node{node_kind::call, 0, false, false, signature->result, name.position};
}

std::vector<node> promql_parser::arguments(std::string_view where) {
  std::vector<node> args;
  if (peek().kind != token_kind::right_paren) {
    while (true) {
      const std::size_t at = peek().position;
      args.push_back(expression(0));
      args.back().position = at;
      if (peek().kind != token_kind::comma) {
        break;
      }
      const token& comma = take();
      if (peek().kind == token_kind::right_paren) {
        fail(comma.position, "trailing commas not allowed in " + std::string(where) + " arguments");
      }
    }
  }
  if (peek().kind != token_kind::right_paren) {
    unexpected(peek(), std::string(where) + ", expected \",\" or \")\"");
  }
  take();
  return args;
}

node promql_parser::aggregation() {
  const token& op = take();
  const std::string lower = base::to_lower(op.text);
  out_.functions.push_back(function_call{lower, op.position, true, true});
  bool grouped = false;
  if (peek_word("by") || peek_word("without")) {
    take();
    grouping();
    grouped = true;
  }
  expect(token_kind::left_paren, "aggregation");
  context_.push_back(lower);
  const std::vector<node> args = arguments("aggregation");
  const std::size_t count = args.size();
  context_.pop_back();
  const std::size_t wanted = takes_parameter(lower) ? 2 : 1;
  if (args.size() != wanted) {
    fail(op.position, "wrong number of arguments for aggregation " + lower + ": expected " + std::to_string(wanted) +
                          ", got " + std::to_string(count));
  }
  check_arguments(args, op.position,
                  [&](std::span<const value_type> types) { return check_aggregation(lower, types); });
  if (!grouped && (peek_word("by") || peek_word("without"))) {
    take();
    grouping();
  }
  return node{node_kind::aggregation, 0, false, false, value_type::vector, op.position};
}

}  // namespace shield::prom::detail
