#include "benchmarks/compare/cli_options.hpp"

#include "support/base/flags.hpp"
#include "support/base/text.hpp"

#include "support/report/compare/compare_format.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <utility>

namespace shield::compare {

namespace {

// Every flag, and which sub-command accepts it.
struct flag_info {
  std::string_view name;   // without the leading "--"
  bool compare = false;    // accepted by shield_compare BASE CONTENDER
  bool trend = false;      // accepted by shield_compare trend
  std::string_view value;  // placeholder shown in messages
};

constexpr std::array<flag_info, 9> flags = {{
    {"alpha", true, false, "P"},
    {"max_rps_drop", true, false, "PERCENT"},
    {"max_latency_rise", true, false, "PERCENT"},
    {"min_success_rate", true, false, "PERCENT"},
    {"markdown", true, true, "FILE"},
    {"json", true, true, "FILE"},
    {"html", true, false, "FILE"},
    {"counter", false, true, "NAME[,NAME...]"},
    {"help", true, true, ""},
}};

std::string unknown_flag(std::string_view name, tool_mode mode) {
  std::string text = "unknown flag '--" + std::string{name} + "'";
  const flag_info* best = nullptr;
  std::size_t best_distance = 0;
  for (const auto& f : flags) {
    const std::size_t d = base::edit_distance(name, f.name);
    if (!best || d < best_distance) {
      best = &f;
      best_distance = d;
    }
  }
  if (best && best_distance <= std::max<std::size_t>(2, best->name.size() / 4))
    text += " (did you mean --" + std::string{best->name} + "?)";
  std::string known;
  for (const auto& f : flags)
    if (mode == tool_mode::trend ? f.trend : f.compare) known += (known.empty() ? "--" : ", --") + std::string{f.name};
  return text + "; known flags: " + known;
}

// A finite number in [low, high] (bounds open when the flags say so).
base::result<void> parse_number(std::string_view flag, std::string_view text, double low, bool low_open, double high,
                                bool high_open, double& out) {
  const std::string where = "--" + std::string{flag} + "='" + std::string{text} + "'";
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
    return base::fail(where + " is not a number");
  const bool below = low_open ? !(value > low) : !(value >= low);
  const bool above = high_open ? !(value < high) : !(value <= high);
  if (below || above)
    return base::fail(where + " is out of range: must be " + (low_open ? "> " : ">= ") + report::format_plain(low) +
                      " and " + (high_open ? "< " : "<= ") + report::format_plain(high));
  out = value;
  return {};
}

// Applies one --name=value.
base::result<void> apply_flag(std::string_view name, std::string_view value, tool_options& o) {
  constexpr double unbounded = 1e9;
  if (name == "alpha") return parse_number(name, value, 0.0, true, 1.0, true, o.rules.alpha);
  if (name == "max_rps_drop") return parse_number(name, value, 0.0, false, 100.0, true, o.rules.max_rps_drop);
  if (name == "max_latency_rise")
    return parse_number(name, value, 0.0, false, unbounded, false, o.rules.max_latency_rise);
  if (name == "min_success_rate") return parse_number(name, value, 0.0, false, 100.0, false, o.rules.min_success_rate);
  if (name == "markdown" || name == "json" || name == "html") {
    if (value.empty()) return base::fail("--" + std::string{name} + "= needs a file name");
    (name == "markdown" ? o.markdown_path : name == "json" ? o.json_path : o.html_path) = value;
    return {};
  }
  if (name == "counter") {
    std::size_t start = 0;
    while (start <= value.size()) {
      const auto comma = std::min(value.find(',', start), value.size());
      const std::string_view item = value.substr(start, comma - start);
      if (item.empty()) return base::fail("--counter='" + std::string{value} + "' has an empty counter name");
      o.counters.emplace_back(item);
      start = comma + 1;
    }
    return {};
  }
  return base::fail("--" + std::string{name} + " takes no value");
}

}  // namespace

// The one flag module's rules (support/base/flags.hpp): `--name=value` or `--name value`, a repeated
// flag or a missing value fails naming the flag; after `--` everything is a file.
base::result<tool_options> parse_command_line(std::span<const std::string_view> args) {
  tool_options o;
  std::vector<std::string> rest, after;
  bool flags_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i == 0 && args[0] == "trend") {
      o.mode = tool_mode::trend;
    } else if (!flags_done && args[i] == "--") {
      flags_done = true;
    } else {
      (flags_done ? after : rest).emplace_back(args[i]);
    }
  }
  const std::string_view mode_name =
      o.mode == tool_mode::trend ? "shield_compare trend" : "shield_compare BASE CONTENDER";

  base::flag_reader reader(rest);
  if (reader.help()) {
    o.mode = tool_mode::help;
    return o;
  }
  std::vector<std::pair<const flag_info*, std::string>> given;
  for (const auto& f : flags) {
    if (f.name == "help") continue;
    if (auto v = reader.value(f.name)) given.emplace_back(&f, std::move(*v));
  }
  if (auto taken = reader.finish(); !taken) {
    std::string message = std::move(taken.error().message);
    for (const auto& f : flags)  // a missing value: show how to write it
      if (message == "--" + std::string{f.name} + " needs a value")
        message += ": --" + std::string{f.name} + "=" + std::string{f.value};
    return base::fail(std::move(message));
  }
  for (const std::string& arg : rest) {
    if (arg == "-" || !arg.starts_with("-")) {
      o.files.push_back(arg);
      continue;
    }
    if (!arg.starts_with("--")) return base::fail("unknown option '" + arg + "' (flags are written --name=value)");
    const std::string name = arg.substr(2, arg.find('=') - 2);
    if (name == "help") return base::fail("--help takes no value");
    return base::fail(unknown_flag(name, o.mode));
  }
  for (const auto& [known, value] : given) {
    if (!(o.mode == tool_mode::trend ? known->trend : known->compare))
      return base::fail("--" + std::string{known->name} + " does not apply to " + std::string{mode_name});
    if (auto applied = apply_flag(known->name, value, o); !applied) return applied.error();
  }
  o.files.insert(o.files.end(), after.begin(), after.end());

  if (o.mode == tool_mode::compare && o.files.size() != 2)
    return base::fail("expected two files, BASE.json and CONTENDER.json; got " + std::to_string(o.files.size()));
  if (o.mode == tool_mode::trend && o.files.empty()) return base::fail("trend needs at least one benchmark JSON file");
  return o;
}

std::string usage_text() {
  return R"(usage: shield_compare [flags] BASE.json CONTENDER.json
       shield_compare trend [--counter=NAME[,NAME...]] [--markdown=FILE] [--json=FILE] FILE...

Compares Google Benchmark JSON from shield_bench (--benchmark_out=FILE --benchmark_out_format=json).
Cases are paired by run_name. With 2+ repetitions per side each counter gets a two-sided
Mann-Whitney U test, so a change inside the noise counts as the same.

A case regresses when (significantly, or without a test when there are fewer repetitions)
rps drops more than --max_rps_drop, or mean/p95/p99 rise more than --max_latency_rise,
or the contender's success rate is below --min_success_rate.

flags:
  --alpha=P                  significance level of the U test (default 0.05)
  --max_rps_drop=PERCENT     allowed throughput drop (default 5)
  --max_latency_rise=PERCENT allowed mean/p95/p99 rise (default 10)
  --min_success_rate=PERCENT contender's minimum success rate (default 95)
  --markdown=FILE            also write a Markdown report (pull-request comment)
  --json=FILE                also write the comparison as JSON
  --html=FILE                also write the comparison as a self-contained HTML page (not for trend)
  --counter=NAME[,NAME...]   trend only: counters to show (default rps,p95_ms)
  --help                     this text

exit status: 0 no regression, 1 regression, 2 unreadable or mismatched input or bad flags
)";
}

}  // namespace shield::compare
