// PromQL selectors, label matchers, grouping lists, ranges and offset/@ modifiers.

#include <algorithm>
#include <utility>

#include "support/prom/promql_parser.hpp"

namespace shield::prom::detail {

node promql_parser::selector(std::string name, name_match match, std::size_t position) {
  metric_reference ref;
  ref.name = std::move(name);
  ref.match = match;
  ref.position = position;
  // A name written before the braces is a non-empty matcher (Prometheus skips the check then).
  bool non_empty = match == name_match::exact || match == name_match::templated;
  if (peek().kind == token_kind::left_brace) {
    take();
    while (peek().kind != token_kind::right_brace) {
      non_empty = matcher(ref) || non_empty;
      if (peek().kind == token_kind::comma) {
        take();
      } else if (peek().kind != token_kind::right_brace) {
        unexpected(peek(), "label matching, expected \",\" or \"}\"");
      }
    }
    take();
  }
  if (!non_empty) {
    fail(position, "vector selector must contain at least one non-empty matcher");
  }
  for (auto it = context_.rbegin(); it != context_.rend(); ++it) {
    ref.enclosing.push_back(*it);
    ref.rate_wrapped = ref.rate_wrapped || is_rate_function(*it);
  }
  out_.metrics.push_back(std::move(ref));
  return node{node_kind::vector_selector, out_.metrics.size() - 1, false, false, value_type::vector, position};
}

bool promql_parser::matcher(metric_reference& ref) {
  const token& t = take();
  if (t.kind != token_kind::identifier && t.kind != token_kind::variable && t.kind != token_kind::string) {
    unexpected(t, "label matching, expected a label name or \"}\"");
  }
  if (t.kind == token_kind::identifier && !t.templated && t.text.find(':') != std::string_view::npos) {
    fail(t.position, "invalid label name \"" + std::string(t.text) + "\"");
  }
  const std::string label = t.kind == token_kind::string ? t.value : std::string(t.text);
  const token_kind op = peek().kind;
  const bool is_op = op == token_kind::assign || op == token_kind::not_equal || op == token_kind::regex_match ||
                     op == token_kind::regex_not;
  if (!is_op) {
    if (t.kind == token_kind::string) {  // {"metric.name"}: a quoted metric name (Prometheus 3)
      set_name(ref, label, name_match::exact, t.position);
      return true;
    }
    unexpected(peek(), "label matching, expected a matching operator");
  }
  const std::string op_text(take().text);
  const token& value = peek();
  if (value.kind != token_kind::string) {
    unexpected(value, "label matching, expected a string");
  }
  take();
  if (op == token_kind::regex_match || op == token_kind::regex_not) {
    if (auto checked = check_regex(value.value); !checked) {
      fail(value.position, std::move(checked.error().message));
    }
  }
  const bool non_empty = !matches_empty(op_text, value.value);
  if (label != "__name__") {
    ref.matchers.push_back(label_matcher{label, op_text, value.value});
    return non_empty;
  }
  const name_match how = op == token_kind::assign        ? name_match::exact
                         : op == token_kind::not_equal   ? name_match::not_equal
                         : op == token_kind::regex_match ? name_match::regex
                                                         : name_match::not_regex;
  set_name(ref, value.value, how, t.position);
  return non_empty;
}

void promql_parser::set_name(metric_reference& ref, const std::string& name, name_match how,
                             std::size_t position) const {
  if (ref.match != name_match::any) {
    fail(position, "metric name must not be set twice: \"" + ref.name + "\" or \"" + name + "\"");
  }
  ref.name = name;
  ref.match = how;
}

std::size_t promql_parser::grouping() {
  expect(token_kind::left_paren, "grouping labels");
  std::size_t count = 0;
  while (peek().kind != token_kind::right_paren) {
    const token& t = take();
    const bool name_ok =
        (t.kind == token_kind::identifier && (t.templated || t.text.find(':') == std::string_view::npos)) ||
        t.kind == token_kind::variable || t.kind == token_kind::string;
    if (!name_ok) {
      unexpected(t, "grouping labels, expected a label name");
    }
    std::string label = t.kind == token_kind::string ? t.value : std::string(t.text);
    ++count;
    if (std::find(out_.grouping_labels.begin(), out_.grouping_labels.end(), label) == out_.grouping_labels.end()) {
      out_.grouping_labels.push_back(std::move(label));
    }
    if (peek().kind == token_kind::comma) {
      take();
    } else if (peek().kind != token_kind::right_paren) {
      unexpected(peek(), "grouping labels, expected \",\" or \")\"");
    }
  }
  take();
  return count;
}

std::string promql_parser::duration_like(std::string_view where) {
  const token& t = peek();
  if (t.kind != token_kind::duration && t.kind != token_kind::number && t.kind != token_kind::variable) {
    unexpected(t, std::string(where) + ", expected a duration");
  }
  take();
  return std::string(t.text);
}

void promql_parser::require_modifiable(const node& n, const token& t) const {
  if (n.kind != node_kind::vector_selector && n.kind != node_kind::matrix_selector && n.kind != node_kind::subquery) {
    fail(t.position, std::string(t.text) +
                         " modifier must follow an instant vector selector, a range vector selector or a subquery");
  }
}

node promql_parser::postfix(node n) {
  while (true) {
    const token& t = peek();
    if (t.kind == token_kind::left_bracket) {
      take();
      const std::string range = duration_like("range");
      if (peek().kind == token_kind::colon) {
        take();
        if (peek().kind != token_kind::right_bracket) {
          duration_like("subquery step");
        }
        expect(token_kind::right_bracket, "subquery");
        if (auto checked = check_subquery(n.type); !checked) {
          fail(t.position, std::move(checked.error().message));
        }
        n = node{node_kind::subquery, 0, false, false, value_type::matrix, n.position};
        continue;
      }
      expect(token_kind::right_bracket, "range (expected \":\" for a subquery)");
      if (n.kind != node_kind::vector_selector) {
        fail(t.position, "ranges only allowed for vector selectors");
      }
      if (n.has_offset || n.has_at) {
        fail(t.position, "no offset or @ modifiers allowed before a range");
      }
      out_.metrics[n.selector].range = range;
      n.kind = node_kind::matrix_selector;
      n.type = value_type::matrix;
    } else if (is_word(t, "offset")) {
      require_modifiable(n, t);
      if (n.has_offset) {
        fail(t.position, "offset may not be set multiple times");
      }
      take();
      std::string sign;
      if (peek().kind == token_kind::minus) {
        take();
        sign = "-";
      }
      const std::string amount = sign + duration_like("offset");
      if (n.kind != node_kind::subquery) {
        out_.metrics[n.selector].offset_modifier = amount;
      }
      n.has_offset = true;
    } else if (t.kind == token_kind::at) {
      require_modifiable(n, t);
      if (n.has_at) {
        fail(t.position, "@ <timestamp> may not be set multiple times");
      }
      take();
      at_timestamp();
      n.has_at = true;
    } else {
      return n;
    }
  }
}

void promql_parser::at_timestamp() {
  if (peek_word("start") || peek_word("end")) {
    take();
    expect(token_kind::left_paren, "@ modifier");
    expect(token_kind::right_paren, "@ modifier");
    return;
  }
  if (peek().kind == token_kind::minus || peek().kind == token_kind::plus) {
    take();
  }
  if (peek().kind != token_kind::number && peek().kind != token_kind::variable) {
    unexpected(peek(), "@ modifier, expected a timestamp or start()/end()");
  }
  take();
}

}  // namespace shield::prom::detail
