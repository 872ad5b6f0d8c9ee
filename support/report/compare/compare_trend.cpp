#include "support/report/compare/compare_trend.hpp"

#include "support/report/compare/compare_format.hpp"
#include "support/report/compare/compare_table.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace shield::report {

namespace {

std::string column_header(const trend_table& t, std::size_t i) {
  const std::string number = "#" + std::to_string(i + 1);
  const std::string& commit = t.runs[i].commit;
  return commit.empty() ? number : number + " " + commit.substr(0, 8);
}

// Change from the first to the last run that has a value; "-" with fewer than two values.
std::string span_change(const std::vector<std::optional<double>>& values) {
  std::vector<double> present;
  for (const auto& v : values)
    if (v) present.push_back(*v);
  if (present.size() < 2) return "-";
  const double first = present.front();
  const double last = present.back();
  if (first == last) return format_change(0.0);
  if (first == 0.0)
    return format_change(last > 0.0 ? std::numeric_limits<double>::infinity()
                                    : -std::numeric_limits<double>::infinity());
  return format_change((last - first) / std::fabs(first) * 100.0);
}

text_table table_of(const trend_table& t) {
  text_table out;
  out.headers.push_back("case");
  out.aligns.push_back(column_align::left);
  for (std::size_t i = 0; i < t.runs.size(); ++i) {
    out.headers.push_back(column_header(t, i));
    out.aligns.push_back(column_align::right);
  }
  out.headers.push_back("last vs first");
  out.aligns.push_back(column_align::right);
  for (std::size_t c = 0; c < t.cases.size(); ++c) {
    std::vector<std::string> row{t.cases[c]};
    for (const auto& v : t.values[c]) row.push_back(v ? format_value(*v) : "-");
    row.push_back(span_change(t.values[c]));
    out.rows.push_back(std::move(row));
  }
  return out;
}

std::string legend(const trend_table& t, bool markdown) {
  std::string out;
  for (std::size_t i = 0; i < t.runs.size(); ++i) {
    const auto& run = t.runs[i];
    std::string line = "#" + std::to_string(i + 1) + " = " + (markdown ? markdown_code(run.source) : run.source);
    if (!run.commit.empty()) line += ", commit " + run.commit;
    if (!run.date.empty()) line += ", " + run.date;
    out += (markdown ? "- " : "  ") + line + "\n";
  }
  return out;
}

}  // namespace

base::result<trend_report> build_trend(std::span<const bench_run> runs, std::span<const std::string> counters) {
  trend_report result;
  if (runs.empty()) return base::fail("trend needs at least one benchmark JSON file");
  std::vector<std::string> cases;
  std::set<std::string, std::less<>> seen_counters;
  for (const auto& run : runs) {
    for (const auto& c : run.cases) {
      if (std::find(cases.begin(), cases.end(), c.run_name) == cases.end()) cases.push_back(c.run_name);
      for (const auto& rep : c.repetitions)
        for (const auto& [key, value] : rep.counters) seen_counters.insert(key);
      for (const auto& [name, values] : c.aggregates)
        for (const auto& [key, value] : values) seen_counters.insert(key);
    }
  }
  for (const auto& counter : counters) {
    if (!seen_counters.contains(counter)) {
      std::string message = "counter '" + counter + "' appears in none of the files (counters present: ";
      for (const auto& k : seen_counters) message.append(message.ends_with(": ") ? "" : ", ").append(k);
      return base::fail(message.append(")"));
    }
    trend_table t;
    t.counter = counter;
    for (const auto& run : runs) t.runs.push_back({run.source, run.context.shield_git_commit, run.context.date});
    t.cases = cases;
    for (const auto& name : cases) {
      std::vector<std::optional<double>> row;
      for (const auto& run : runs) {
        const bench_case* c = run.find(name);
        row.push_back(c ? median_of(counter_samples(*c, counter)) : std::nullopt);
      }
      t.values.push_back(std::move(row));
    }
    result.tables.push_back(std::move(t));
  }
  return result;
}

std::string render_trend_console(const trend_report& trend) {
  std::string out;
  for (const auto& t : trend.tables) {
    if (!out.empty()) out += "\n";
    out += t.counter + " (median over repetitions) by run:\n" + legend(t, false) + "\n";
    out += render_console_table(table_of(t));
  }
  return out;
}

std::string render_trend_markdown(const trend_report& trend) {
  std::string out;
  for (const auto& t : trend.tables) {
    if (!out.empty()) out += "\n";
    out += "### " + t.counter + " by run\n\n" + legend(t, true) + "\n";
    text_table table = table_of(t);
    for (auto& row : table.rows) row[0] = markdown_code(row[0]);
    out += render_markdown_table(table);
  }
  return out;
}

boost::json::value trend_to_json(const trend_report& trend) {
  namespace json = boost::json;
  json::array runs;
  if (!trend.tables.empty())
    for (const auto& run : trend.tables.front().runs)
      runs.push_back(json::object{{"file", run.source}, {"commit", run.commit}, {"date", run.date}});
  json::object counters;
  for (const auto& t : trend.tables) {
    json::object by_case;
    for (std::size_t c = 0; c < t.cases.size(); ++c) {
      json::array values;
      for (const auto& v : t.values[c])
        values.push_back(v && std::isfinite(*v) ? json::value(*v) : json::value(nullptr));
      by_case[t.cases[c]] = std::move(values);
    }
    counters[t.counter] = std::move(by_case);
  }
  return json::object{
      {"format", "shield.trend"}, {"version", 1}, {"runs", std::move(runs)}, {"counters", std::move(counters)}};
}

}  // namespace shield::report
