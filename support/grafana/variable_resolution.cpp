#include "support/grafana/variable_resolution.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <utility>

#include "support/base/text.hpp"
#include "support/grafana/template_query.hpp"
#include "support/grafana/template_substitution.hpp"

namespace shield::grafana {
namespace {

constexpr std::string_view all_marker = "$__all";

// Grafana's "/pattern/flags" or a bare pattern, as RE2 with the `i` flag honoured.
std::unique_ptr<RE2> compile_grafana_regex(std::string_view text) {
  std::string pattern(text);
  bool ignore_case = false;
  if (text.size() >= 2 && text.front() == '/') {
    const std::size_t last = text.rfind('/');
    if (last > 0) {
      pattern = std::string(text.substr(1, last - 1));
      ignore_case = text.substr(last + 1).find('i') != std::string_view::npos;
    }
  }
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(!ignore_case);
  return std::make_unique<RE2>(pattern, options);
}

// First number in text (Grafana's numeric sort key); nullopt when none.
std::optional<double> number_in(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (base::is_digit(text[i]) || (text[i] == '-' && i + 1 < text.size() && base::is_digit(text[i + 1]))) {
      return std::strtod(std::string(text.substr(i)).c_str(), nullptr);
    }
  }
  return std::nullopt;
}

// Natural order: digit runs compare as numbers.
bool natural_less(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (base::is_digit(a[i]) && base::is_digit(b[j])) {
      std::size_t ei = i;
      std::size_t ej = j;
      while (ei < a.size() && base::is_digit(a[ei])) ++ei;
      while (ej < b.size() && base::is_digit(b[ej])) ++ej;
      const double x = std::strtod(std::string(a.substr(i, ei - i)).c_str(), nullptr);
      const double y = std::strtod(std::string(b.substr(j, ej - j)).c_str(), nullptr);
      if (x != y) return x < y;
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

void sort_options(std::vector<variable_option>& options, int sort) {
  const auto by = [&](auto less) { std::stable_sort(options.begin(), options.end(), less); };
  switch ((sort + 1) / 2) {
    case 1:
      by([](const variable_option& a, const variable_option& b) { return a.text < b.text; });
      break;
    case 2:
      by([](const variable_option& a, const variable_option& b) {
        return number_in(a.text).value_or(-1e308) < number_in(b.text).value_or(-1e308);
      });
      break;
    case 3:
      by([](const variable_option& a, const variable_option& b) {
        return base::to_lower(a.text) < base::to_lower(b.text);
      });
      break;
    case 4:
      by([](const variable_option& a, const variable_option& b) { return natural_less(a.text, b.text); });
      break;
    default:
      return;
  }
  if (sort % 2 == 0) std::reverse(options.begin(), options.end());
}

// Raw values of one query variable from the source.
base::result<std::vector<std::string>> run_query(const variable_query& q, variable_source& source) {
  switch (q.function) {
    case variable_function::label_values:
      return source.label_values(q.expr, q.label);
    case variable_function::label_names:
      return source.label_names(q.expr);
    case variable_function::metrics: {
      auto names = source.label_values("", "__name__");
      if (!names) return names;
      const auto filter = compile_grafana_regex(q.metric_regex);
      if (!filter->ok()) return base::fail("metrics(" + q.metric_regex + "): " + filter->error());
      std::vector<std::string> out;
      for (auto& name : *names) {
        if (RE2::PartialMatch(name, *filter)) out.push_back(std::move(name));
      }
      return out;
    }
    case variable_function::query_result:
      return source.query_result(q.expr);
    case variable_function::series:
    case variable_function::none: {
      // A bare selector lists its series (name and labels, without value and time).
      auto rows = source.query_result(q.expr);
      if (!rows) return rows;
      for (auto& row : *rows) row = row.substr(0, row.find(' '));
      return rows;
    }
  }
  return std::vector<std::string>{};
}

void apply_override(template_variable& v, const variable_override& o) {
  v.has_value = true;
  v.is_all = o.values.size() == 1 && o.values.front() == all_marker;
  v.values = o.values;
  v.texts = o.values;
  v.value_is_list = o.values.size() > 1;
  if (v.value_is_list) v.multi = true;
}

// Keeps the saved selection when Grafana would, else selects as Grafana does on load.
void select_current(template_variable& v) {
  if (v.has_value && v.is_all && v.include_all) return;
  const auto offered = [&](const std::string& value) {
    return std::any_of(v.options.begin(), v.options.end(), [&](const variable_option& o) { return o.value == value; });
  };
  if (v.has_value && !v.is_all && !v.values.empty() && std::all_of(v.values.begin(), v.values.end(), offered)) return;
  if (v.include_all) {
    v.has_value = true;
    v.is_all = true;
    v.values = {std::string(all_marker)};
    v.texts = {"All"};
    v.value_is_list = v.multi;
    return;
  }
  v.has_value = true;
  v.is_all = false;
  v.values = {v.options.front().value};
  v.texts = {v.options.front().text};
  v.value_is_list = false;
}

}  // namespace

base::result<variable_override> parse_variable_override(std::string_view text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    return base::fail("--var=" + std::string(text) + ": expected NAME=VALUE[,VALUE...]");
  }
  variable_override out;
  out.name = std::string(text.substr(0, eq));
  if (out.name.front() == '$') out.name.erase(0, 1);
  std::string item;
  const std::string_view rest = text.substr(eq + 1);
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '\\' && i + 1 < rest.size() && rest[i + 1] == ',') {
      item += ',';
      ++i;
    } else if (rest[i] == ',') {
      out.values.push_back(std::move(item));
      item.clear();
    } else {
      item += rest[i];
    }
  }
  out.values.push_back(std::move(item));
  return out;
}

base::result<std::vector<variable_option>> derive_options(const std::vector<std::string>& raw, std::string_view regex,
                                                          int sort) {
  std::vector<variable_option> options;
  std::unique_ptr<RE2> filter;
  if (!regex.empty()) {
    filter = compile_grafana_regex(regex);
    if (!filter->ok()) return base::fail("regex " + std::string(regex) + ": " + filter->error());
  }
  for (const std::string& value : raw) {
    variable_option option{value, value};
    if (filter) {
      const int groups = filter->NumberOfCapturingGroups();
      std::vector<std::string> captured(static_cast<std::size_t>(groups));
      std::vector<RE2::Arg> args(captured.size());
      std::vector<const RE2::Arg*> pointers;
      for (std::size_t i = 0; i < captured.size(); ++i) {
        args[i] = &captured[i];
        pointers.push_back(&args[i]);
      }
      if (!RE2::PartialMatchN(value, *filter, pointers.data(), groups)) continue;
      const auto& named = filter->NamedCapturingGroups();
      const auto text_group = named.find("text");
      const auto value_group = named.find("value");
      if (text_group != named.end() || value_group != named.end()) {
        if (value_group != named.end()) option.value = captured[static_cast<std::size_t>(value_group->second - 1)];
        option.text =
            text_group != named.end() ? captured[static_cast<std::size_t>(text_group->second - 1)] : option.value;
        if (value_group == named.end()) option.value = option.text;
      } else if (groups > 0) {
        option = {captured[0], captured[0]};
      }
    }
    const bool seen =
        std::any_of(options.begin(), options.end(), [&](const variable_option& o) { return o.value == option.value; });
    if (!seen) options.push_back(std::move(option));
  }
  sort_options(options, sort);
  return options;
}

resolution_result resolve_variables(std::vector<template_variable> variables,
                                    std::span<const variable_override> overrides, variable_source* source,
                                    const substitution_settings& settings) {
  resolution_result out;
  for (const variable_override& o : overrides) {
    if (find_variable(variables, o.name) == nullptr) {
      out.unresolved.push_back({o.name, "--var " + o.name + "=...: the dashboard has no variable " + o.name});
    }
  }
  for (std::size_t i = 0; i < variables.size(); ++i) {
    template_variable& v = variables[i];
    const auto given =
        std::find_if(overrides.begin(), overrides.end(), [&](const variable_override& o) { return o.name == v.name; });
    if (given != overrides.end()) {
      apply_override(v, *given);
      continue;
    }
    if (v.type != "query" || source == nullptr) {
      if (v.type == "query" && !v.has_value && v.options.empty() && !v.include_all) {
        out.unresolved.push_back({v.name, "has no value (give --var " + v.name + "=... or --prometheus)"});
      }
      continue;
    }
    // Chained: the query may use the variables resolved before it.
    const template_substituter before(
        std::vector<template_variable>(variables.begin(), variables.begin() + static_cast<std::ptrdiff_t>(i)),
        settings);
    const auto text = before.substitute(v.query, "variable " + v.name);
    if (!text) {
      out.unresolved.push_back({v.name, "could not run its query: " + text.error().message});
      v.has_value = false;
      v.options.clear();
      v.include_all = false;  // nothing to choose from, not even All
      continue;
    }
    const auto parsed = parse_variable_query(*text);
    auto raw = parsed ? run_query(*parsed, *source) : base::result<std::vector<std::string>>(parsed.error());
    if (!raw && (v.has_value || !v.options.empty() || v.include_all)) {
      // The source did not answer: the saved selection stands, as Grafana keeps it on a failed refresh.
      out.notes.push_back("variable " + v.name + ": `" + *text + "` failed (" + raw.error().message +
                          "); the saved value is used");
      continue;
    }
    auto options =
        raw ? derive_options(*raw, v.regex, v.sort) : base::result<std::vector<variable_option>>(raw.error());
    if (options && options->empty() && (v.has_value || !v.options.empty())) {
      // Nothing offered (yet): a saved selection stands; only a variable without one is left empty.
      out.notes.push_back("variable " + v.name + ": `" + *text + "` returned no values; the saved value is used");
      continue;
    }
    if (!options || options->empty()) {
      out.unresolved.push_back({v.name, options
                                            ? "got no values from its query `" + *text + "`"
                                            : "could not run its query `" + *text + "`: " + options.error().message});
      v.has_value = false;
      v.options.clear();
      v.include_all = false;
      continue;
    }
    v.options = std::move(*options);
    select_current(v);
    out.notes.push_back("variable " + v.name + ": " + std::to_string(v.options.size()) + " option(s) from `" + *text +
                        "`, using " + (v.is_all ? std::string("All") : v.values.front()));
  }
  out.variables = std::move(variables);
  return out;
}

}  // namespace shield::grafana
