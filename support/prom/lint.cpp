#include "support/prom/lint.hpp"

#include <algorithm>
#include <optional>

#include "support/prom/exposition_parser.hpp"
#include "support/prom/family_checks.hpp"
#include "support/prom/scratch.hpp"
#include "support/prom/series_grouper.hpp"
#include "support/prom/series_index.hpp"
#include "support/prom/text_scan.hpp"
#include "support/base/text.hpp"

namespace shield::prom {
namespace {

// promlint's unit table: a name part and the base unit it should be expressed in.
struct unit_entry {
  std::string_view unit;  // name part, e.g. "minutes"
  std::string_view base;  // preferred unit, e.g. "seconds"
};

constexpr unit_entry known_units[] = {
    {"amperes", "amperes"}, {"bytes", "bytes"},     {"celsius", "celsius"}, {"grams", "grams"},
    {"joules", "joules"},   {"kelvin", "kelvin"},   {"meters", "meters"},   {"metres", "metres"},
    {"seconds", "seconds"}, {"volts", "volts"},     {"minutes", "seconds"}, {"hours", "seconds"},
    {"days", "seconds"},    {"weeks", "seconds"},   {"kelvins", "kelvin"},  {"fahrenheit", "celsius"},
    {"rankine", "celsius"}, {"inches", "meters"},   {"yards", "meters"},    {"miles", "meters"},
    {"bits", "bytes"},      {"calories", "joules"}, {"pounds", "grams"},    {"ounces", "grams"},
};

// Prefixes promlint strips before looking a part up (its "mibi" spelling included).
constexpr std::string_view unit_prefixes[] = {"pico", "nano",  "micro", "milli", "centi", "deci",
                                              "deca", "hecto", "kilo",  "kibi",  "mega",  "mibi",
                                              "giga", "gibi",  "tera",  "tebi",  "peta",  "pebi"};

constexpr std::string_view unit_abbreviations[] = {"s",  "ms", "us", "ns", "sec", "b", "kb",
                                                   "mb", "gb", "tb", "pb", "m",   "h", "d"};

// Type names promlint looks for inside metric names (every type but untyped).
constexpr std::string_view type_names[] = {"counter", "gauge", "summary", "histogram", "gauge_histogram"};

std::optional<std::string_view> base_unit_of(std::string_view part) {
  for (const unit_entry& u : known_units) {
    if (u.unit == part) {
      return u.base;
    }
  }
  return std::nullopt;
}

// First unit-looking part of the name and its base unit (promlint's metricUnits).
std::optional<unit_entry> metric_unit(std::string_view name) {
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find('_', start), name.size());
    const std::string_view part = name.substr(start, end - start);
    if (const auto base = base_unit_of(part)) {
      return unit_entry{part, *base};
    }
    for (const std::string_view prefix : unit_prefixes) {
      if (part.starts_with(prefix)) {
        if (const auto base = base_unit_of(part.substr(prefix.size()))) {
          return unit_entry{part, *base};
        }
      }
    }
    start = end + 1;
  }
  return std::nullopt;
}

bool has_camel_case(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] >= 'a' && s[i] <= 'z' && s[i + 1] >= 'A' && s[i + 1] <= 'Z') {
      return true;
    }
  }
  return false;
}

// "_word_" inside the name or "_word" at its end: an occurrence of word with '_' before it and
// '_' or the end after it.
bool has_name_part(std::string_view lower_name, std::string_view word) {
  for (std::size_t at = lower_name.find(word, 1); at != std::string_view::npos; at = lower_name.find(word, at + 1)) {
    const std::size_t after = at + word.size();
    if (lower_name[at - 1] == '_' && (after == lower_name.size() || lower_name[after] == '_')) {
      return true;
    }
  }
  return false;
}

// One "metric" as promlint sees it: a label set, minus the label the type folds away.
struct series_view {
  std::span<const label> labels;  // labels of the first sample of the series
  std::string_view folded;        // "le" / "quantile" to ignore, or empty
};

class family_linter {
 public:
  family_linter(const metric_family& family, exposition_format format, std::vector<lint_problem>& out)
      : family_(family), format_(format), out_(out) {}

  void run() {
    const metric_type t = family_.type;
    const bool untyped = t == metric_type::untyped;
    const bool histogram = t == metric_type::histogram || t == metric_type::gauge_histogram;
    const bool summary = t == metric_type::summary;
    const std::string_view name = family_.name;
    const std::string lower_name = base::to_lower(name);
    // Series matter only to the label lints: skip grouping them when no label would be reported.
    const auto reported = [&](const label& l) {
      return (!untyped && !histogram && l.name == "le") || (!untyped && !summary && l.name == "quantile") ||
             has_camel_case(l.name) || l.name.starts_with("__");
    };
    const std::vector<series_view> series =
        any_label(reported) ? series_of_family(histogram, summary) : std::vector<series_view>{};

    if (!family_.has_help || family_.help.empty()) {
      add(lints::no_help, "no help text");
    }
    if (const auto unit = metric_unit(name); unit && unit->unit != unit->base) {
      add(lints::non_base_unit,
          "use base unit \"" + std::string(unit->base) + "\" instead of \"" + std::string(unit->unit) + "\"");
    }
    const bool has_total = name.ends_with("_total");
    const bool counter = t == metric_type::counter;
    // OpenMetrics counter families are named without _total; their samples carry it.
    if (counter && !has_total && format_ != exposition_format::openmetrics) {
      add(lints::counter_total_suffix, "counter metrics should have \"_total\" suffix");
    } else if (!untyped && !counter && has_total) {
      add(lints::non_counter_total_suffix, "non-counter metrics should not have \"_total\" suffix");
    }
    if (!untyped) {
      if (!histogram && name.ends_with("_bucket")) {
        add(lints::non_histogram_bucket_suffix, "non-histogram metrics should not have \"_bucket\" suffix");
      }
      if (!histogram && !summary && name.ends_with("_count")) {
        add(lints::reserved_count_suffix, "non-histogram and non-summary metrics should not have \"_count\" suffix");
      }
      if (!histogram && !summary && name.ends_with("_sum")) {
        add(lints::reserved_sum_suffix, "non-histogram and non-summary metrics should not have \"_sum\" suffix");
      }
      for_each_label(series, [&](const label& l) {
        if (!histogram && l.name == "le") {
          add(lints::le_label_non_histogram, "non-histogram metrics should not have \"le\" label");
        }
        if (!summary && l.name == "quantile") {
          add(lints::quantile_label_non_summary, "non-summary metrics should not have \"quantile\" label");
        }
      });
    }
    for (const std::string_view type_name : type_names) {
      if (has_name_part(lower_name, type_name)) {
        add(lints::type_in_name, "metric name should not include type '" + std::string(type_name) + "'");
      }
    }
    if (name.find(':') != std::string_view::npos) {
      add(lints::colon_in_name, "metric names should not contain ':'");
    }
    if (has_camel_case(name)) {
      add(lints::camel_case_metric, "metric names should be written in 'snake_case' not 'camelCase'");
    }
    for_each_label(series, [&](const label& l) {
      if (has_camel_case(l.name)) {
        add(lints::camel_case_label, "label names should be written in 'snake_case' not 'camelCase'");
      }
      if (l.name.starts_with("__")) {
        add(lints::reserved_label_prefix, "label names beginning with '__' are reserved for internal use");
      }
    });
    for (const std::string_view abbreviation : unit_abbreviations) {
      if (has_name_part(lower_name, abbreviation)) {
        add(lints::unit_abbreviation, "metric names should not contain abbreviated units");
      }
    }
    lint_duplicates();
  }

 private:
  void add(std::string_view lint, std::string text) {
    out_.push_back(lint_problem{std::string(family_.name), lint, std::move(text)});
  }

  // Histogram and summary samples of one series form one promlint metric; others one each.
  std::vector<series_view> series_of_family(bool histogram, bool summary) const {
    std::vector<series_view> out;
    if (!histogram && !summary) {
      out.reserve(family_.samples.size());
      for (const sample& s : family_.samples) {
        out.push_back({s.labels, {}});
      }
      return out;
    }
    const std::string_view folded = histogram ? "le" : "quantile";
    detail::series_grouper groups(folded, false);  // the exposition may be built by hand
    for (const sample& s : family_.samples) {
      bool is_new = false;
      groups.series_of(s, is_new);
      if (is_new) {
        out.push_back({s.labels, folded});
      }
    }
    return out;
  }

  // Some label of some sample satisfies pred; a label name seen at the same place in the previous
  // sample (labels taken over by the parser share their views) is not looked at again.
  template <typename Pred>
  bool any_label(Pred&& pred) const {
    std::span<const label> previous;
    for (const sample& s : family_.samples) {
      for (std::size_t i = 0; i < s.labels.size(); ++i) {
        const std::string_view name = s.labels[i].name;
        const bool seen =
            i < previous.size() && previous[i].name.data() == name.data() && previous[i].name.size() == name.size();
        if (!seen && pred(s.labels[i])) {
          return true;
        }
      }
      previous = s.labels;
    }
    return false;
  }

  template <typename Visit>
  static void for_each_label(const std::vector<series_view>& series, Visit&& visit) {
    for (const series_view& one : series) {
      for (const label& l : one.labels) {
        if (one.folded.empty() || l.name != one.folded) {
          visit(l);
        }
      }
    }
  }

  void lint_duplicates() {
    detail::scratch<detail::series_index> seen_kept;
    detail::series_index& seen = *seen_kept;
    const auto& samples = family_.samples;
    seen.reserve(samples.size());
    // series_key() of a name, kept while the following samples repeat it.
    std::string_view last_name;
    std::uint64_t last_name_key = detail::series_key({}, 0);
    for (std::uint32_t i = 0; i < samples.size(); ++i) {
      const sample& s = samples[i];
      if (!detail::same_text(s.name, last_name)) {
        last_name = s.name;
        last_name_key = detail::series_key(s.name, 0);
      }
      const auto same = [&](std::uint32_t j) { return detail::same_series(samples[j], s); };
      const auto earlier_hit = seen.find_or_insert(last_name_key + s.labels_hash, i, same);
      if (!earlier_hit) {
        continue;
      }
      const sample& earlier = samples[earlier_hit.value()];
      // OpenMetrics may repeat a series with later timestamps.
      const bool later_point = format_ == exposition_format::openmetrics && earlier.timestamp_ms && s.timestamp_ms &&
                               *s.timestamp_ms > *earlier.timestamp_ms;
      if (!later_point) {
        add(lints::metric_not_unique, "metric not unique");
      }
      earlier_hit.set(i);
    }
  }

  const metric_family& family_;     // family under lint
  exposition_format format_;        // format the family came from
  std::vector<lint_problem>& out_;  // destination
};

}  // namespace

std::vector<lint_problem> lint_exposition(const exposition& parsed) {
  std::vector<lint_problem> problems;
  for (const metric_family& family : parsed.families) {
    if (!family.samples.empty()) {
      family_linter(family, parsed.format, problems).run();
    }
  }
  std::stable_sort(problems.begin(), problems.end(), [](const lint_problem& a, const lint_problem& b) {
    return a.metric != b.metric ? a.metric < b.metric : a.text < b.text;
  });
  return problems;
}

metrics_check check_metrics(std::string_view text, exposition_format format) {
  metrics_check result{parse_exposition(text, format), {}};
  result.problems = lint_exposition(result.parsed);
  return result;
}

std::string format_problems(const std::vector<lint_problem>& problems) {
  std::string out;
  for (const lint_problem& p : problems) {
    out += p.metric;
    out += ' ';
    out += p.text;
    out += '\n';
  }
  return out;
}

}  // namespace shield::prom
