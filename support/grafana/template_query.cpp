#include "support/grafana/template_query.hpp"

#include "support/base/text.hpp"

#include <vector>

namespace shield::grafana {

namespace {

using base::trim;

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

// Index just past the quote closing the string opened at `open`; npos when unterminated.
std::size_t skip_string(std::string_view text, std::size_t open) {
  const char quote = text[open];
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (text[i] == '\\' && quote != '`') {
      ++i;
      continue;
    }
    if (text[i] == quote) return i + 1;
  }
  return std::string_view::npos;
}

// Splits the text between a call's parentheses at top-level commas; fails on imbalance.
base::result<std::vector<std::string_view>> split_arguments(std::string_view inner) {
  std::vector<std::string_view> args;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < inner.size(); ++i) {
    const char c = inner[i];
    if (c == '"' || c == '\'' || c == '`') {
      const auto end = skip_string(inner, i);
      if (end == std::string_view::npos) {
        return base::fail("unterminated string in the arguments");
      }
      i = end - 1;
    } else if (c == '(' || c == '{' || c == '[') {
      ++depth;
    } else if (c == ')' || c == '}' || c == ']') {
      if (--depth < 0) {
        return base::fail(std::string{"unbalanced '"} + c + "' in the arguments");
      }
    } else if (c == ',' && depth == 0) {
      args.push_back(trim(inner.substr(start, i - start)));
      start = i + 1;
    }
  }
  if (depth != 0) {
    return base::fail("unbalanced brackets in the arguments");
  }
  args.push_back(trim(inner.substr(start)));
  if (args.size() == 1 && args.front().empty()) args.clear();
  return args;
}

// A label name, or a template variable standing for one (`$label`, `${label}`).
bool is_label_argument(std::string_view text) {
  if (text.empty()) return false;
  if (text.front() == '$') return text.size() > 1;
  if (!is_name_start(text.front())) return false;
  for (const char c : text)
    if (!is_name_char(c)) return false;
  return true;
}

variable_function function_of(std::string_view name) {
  if (name == "label_values") return variable_function::label_values;
  if (name == "label_names") return variable_function::label_names;
  if (name == "query_result") return variable_function::query_result;
  if (name == "metrics") return variable_function::metrics;
  return variable_function::series;
}

// Quotes a regex as a PromQL double-quoted string body.
std::string promql_string_body(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string leading_metric_name(std::string_view selector) {
  selector = trim(selector);
  std::size_t end = 0;
  while (end < selector.size() && (is_name_char(selector[end]) || selector[end] == ':')) ++end;
  if (end == 0 || !(is_name_start(selector[0]) || selector[0] == ':')) return {};
  return std::string{selector.substr(0, end)};
}

base::result<variable_query> parse_variable_query(std::string_view text) {
  variable_query out;
  const std::string_view body = trim(text);
  std::size_t name_end = 0;
  while (name_end < body.size() && is_name_char(body[name_end])) ++name_end;
  std::size_t open = name_end;
  while (open < body.size() && (body[open] == ' ' || body[open] == '\t')) ++open;
  const variable_function function = function_of(body.substr(0, name_end));
  if (function == variable_function::series || open >= body.size() || body[open] != '(') {
    // Not one of the wrapping functions: Grafana sends it to the series API as a selector.
    out.expr = std::string{body};
    out.metric = leading_metric_name(body);
    return out;
  }
  out.function = function;
  const std::string name{body.substr(0, name_end)};
  if (body.back() != ')') return base::fail(name + "(...) must end with ')'");
  const std::string_view inner = body.substr(open + 1, body.size() - open - 2);
  // metrics() holds a regex, whose brackets need not balance; the others hold PromQL.
  const auto split = function == variable_function::metrics ? std::vector<std::string_view>{} : split_arguments(inner);
  if (!split) return base::fail(name + "(...): " + split.error().message);
  const std::vector<std::string_view>& args = *split;
  switch (function) {
    case variable_function::label_values:
      if (args.empty() || args.size() > 2)
        return base::fail("label_values takes (label) or (metric, label), got " + std::to_string(args.size()) +
                          " arguments");
      if (!is_label_argument(args.back()))
        return base::fail("label_values: '" + std::string{args.back()} + "' is not a label name");
      out.label = args.back();
      if (args.size() == 2) {
        if (args.front().empty()) return base::fail("label_values: empty metric argument");
        out.expr = args.front();
        out.metric = leading_metric_name(args.front());
      }
      return out;
    case variable_function::label_names:
      if (args.size() > 1)
        return base::fail("label_names takes () or (metric), got " + std::to_string(args.size()) + " arguments");
      if (args.size() == 1) {
        out.expr = args.front();
        out.metric = leading_metric_name(args.front());
      }
      return out;
    case variable_function::query_result:
      // The whole inside is one expression: its own commas belong to it.
      out.expr = trim(inner);
      if (out.expr.empty()) return base::fail("query_result: empty expression");
      return out;
    case variable_function::metrics:
      out.metric_regex = trim(inner);
      if (out.metric_regex.empty()) return base::fail("metrics: empty regex");
      out.expr = "{__name__=~\"" + promql_string_body(out.metric_regex) + "\"}";
      return out;
    default:
      return out;
  }
}

}  // namespace shield::grafana
