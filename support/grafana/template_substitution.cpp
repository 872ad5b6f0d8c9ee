#include "support/grafana/template_substitution.hpp"

#include "support/grafana/interval.hpp"
#include "support/grafana/variable_format.hpp"
#include "support/base/text.hpp"

namespace shield::grafana {

namespace {

constexpr std::string_view all_marker = "$__all";

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

using base::is_digit;

// Length of the word-character run starting at `at`.
std::size_t word_length(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size() && is_word_char(text[end])) ++end;
  return end - at;
}

// One variable reference found in the text.
struct reference {
  std::size_t length = 0;   // characters it spans; 0 when the text there is no reference
  std::string_view name;    // variable name without sigils
  std::string_view format;  // format after ':'; empty when none
  bool has_format = false;  // a ':' was written
  std::string error;        // a reference that cannot be handled (${var.field}, empty format)
};

// `${name}`, `${name:format}` or `${name.field}` at `at` (which holds '$').
reference braced_reference(std::string_view text, std::size_t at) {
  reference ref;
  const auto close = text.find('}', at + 2);
  if (close == std::string_view::npos) return ref;
  const std::string_view inner = text.substr(at + 2, close - at - 2);
  const std::size_t name_length = word_length(inner, 0);
  if (name_length == 0) return ref;
  ref.name = inner.substr(0, name_length);
  const std::string_view rest = inner.substr(name_length);
  ref.length = close + 1 - at;
  if (rest.empty()) return ref;
  if (rest.front() == '.') {
    ref.error = "field paths like ${" + std::string{inner} + "} are not supported";
  } else if (rest.front() == ':') {
    ref.has_format = true;
    ref.format = rest.substr(1);
    if (ref.format.empty()) ref.error = "empty format in ${" + std::string{inner} + "}";
  } else {
    ref.length = 0;  // not a reference Grafana would recognise either
  }
  return ref;
}

// `[[name]]` or `[[name:format]]` at `at` (which holds "[[").
reference bracket_reference(std::string_view text, std::size_t at) {
  reference ref;
  std::size_t cursor = at + 2;
  const std::size_t name_length = word_length(text, cursor);
  if (name_length == 0) return ref;
  ref.name = text.substr(cursor, name_length);
  cursor += name_length;
  if (cursor < text.size() && text[cursor] == ':') {
    const std::size_t format_length = word_length(text, cursor + 1);
    if (format_length == 0) return reference{};
    ref.has_format = true;
    ref.format = text.substr(cursor + 1, format_length);
    cursor += 1 + format_length;
  }
  if (text.substr(cursor, 2) != "]]") return reference{};
  ref.length = cursor + 2 - at;
  return ref;
}

reference find_reference(std::string_view text, std::size_t at) {
  if (text[at] == '$') {
    if (at + 1 < text.size() && text[at + 1] == '{') return braced_reference(text, at);
    reference ref;
    const std::size_t length = word_length(text, at + 1);
    if (length > 0) {
      ref.name = text.substr(at + 1, length);
      ref.length = length + 1;
    }
    return ref;
  }
  if (text[at] == '[' && text.substr(at, 2) == "[[") return bracket_reference(text, at);
  return {};
}

}  // namespace

template_substituter::template_substituter(std::vector<template_variable> variables, substitution_settings settings)
    : variables_(std::move(variables)), settings_(std::move(settings)) {}

base::result<std::string> template_substituter::substitute(std::string_view text, std::string_view query_name,
                                                           std::string_view min_interval) const {
  std::int64_t min_interval_ms = 0;
  if (!min_interval.empty()) {
    // The min interval may itself be a variable ("$interval").
    const auto expanded = substitute(min_interval, query_name);
    if (!expanded) return expanded.error();
    const auto parsed = parse_duration_ms(*expanded);
    if (!parsed) {
      return base::fail("bad min interval '" + *expanded + "' in " + std::string{query_name} +
                        " (expected a duration such as 30s or 1m30s, at most 292y)");
    }
    min_interval_ms = *parsed;
  }
  const query_times times = compute_query_times(settings_, min_interval_ms);
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const reference ref = find_reference(text, at);
    // Numbered names are label_replace back-references ($1, ${1}), not variables.
    if (ref.length == 0 || is_digit(ref.name.front())) {
      out += text[at];
      ++at;
      continue;
    }
    const std::string_view written = text.substr(at, ref.length);
    if (!ref.error.empty()) return base::fail(ref.error + " in " + std::string{query_name});
    const auto replacement = render(ref.name, ref.format, ref.has_format, times);
    if (!replacement)
      return base::fail(replacement.error().message + " (" + std::string{written} + " in " + std::string{query_name} +
                        ")");
    out += *replacement;
    at += ref.length;
  }
  return out;
}

base::result<std::string> template_substituter::substitute(const dashboard_query& query) const {
  return substitute(query.expr, query.name, query.min_interval);
}

base::result<std::string> template_substituter::render(std::string_view name, std::string_view format, bool has_format,
                                                       const query_times& times) const {
  // Built-ins take precedence, as Grafana's scoped variables do.
  const auto builtin = builtin_value(name, times, variables_, settings_.range_ms);
  if (!builtin) return builtin.error();
  if (const auto& value = *builtin) {
    if (!has_format) return *value;
    if ((name == "__from" || name == "__to") && format.substr(0, 4) == "date")
      return format_date(name == "__from" ? times.from_ms : times.to_ms, format);
    return format_value(format, name, variable_value{{*value}, {}, false, false});
  }
  const auto* variable = find_variable(variables_, name);
  if (variable == nullptr) return base::fail("undefined variable '" + std::string{name} + "'");
  if (variable->type == "adhoc")
    return base::fail("ad hoc filter variable '" + variable->name + "' cannot be substituted into a query");
  variable_value value{variable->values, variable->texts, variable->value_is_list,
                       variable->multi || variable->include_all};
  bool all = variable->is_all;
  if (!variable->has_value) {
    // Grafana selects the first option when nothing was saved.
    if (!variable->options.empty()) {
      value.values = {variable->options.front().value};
      value.texts = {variable->options.front().text};
      value.is_list = false;
    } else if (variable->include_all) {
      all = true;
    } else {
      return base::fail("not checked: variable " + variable->name + " has no value (give --var " + variable->name +
                        "=... or --prometheus)");
    }
  }
  if (all) {
    if (variable->all_value && !variable->all_value->empty())
      return has_format && format == "text" ? (value.texts.empty() ? std::string{"All"} : value.texts.front())
                                            : *variable->all_value;
    if (variable->options.empty()) return settings_.all_fallback;
    value.values.clear();
    value.texts.clear();
    for (const auto& option : variable->options) {
      value.values.push_back(option.value);
      value.texts.push_back(option.text);
    }
    value.is_list = true;
  }
  // A value naming a built-in ($__auto_interval_x for "auto") resolves once.
  if (value.values.size() == 1 && value.values.front().starts_with("$__") && value.values.front() != all_marker) {
    const std::string_view inner = std::string_view{value.values.front()}.substr(1);
    const auto resolved = builtin_value(inner, times, variables_, settings_.range_ms);
    if (!resolved) return resolved.error();
    if (*resolved) value.values.front() = **resolved;
  }
  if (!has_format) return format_prometheus_default(value);
  auto formatted = format_value(format, variable->name, value);
  if (!formatted) return base::fail(formatted.error().message + " for variable '" + variable->name + "'");
  return *formatted;
}

}  // namespace shield::grafana
