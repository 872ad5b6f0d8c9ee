#include "support/report/compare/compare_render.hpp"

#include "support/report/compare/compare_format.hpp"

namespace shield::report {

namespace {

// "file (commit abc, preset quick, host h, date d)" with only the known parts.
std::string describe_run(const std::string& source, const bench_context& ctx) {
  std::string parts;
  const auto add = [&](std::string_view key, const std::string& value) {
    if (value.empty()) return;
    parts += (parts.empty() ? "" : ", ") + std::string{key} + " " + value;
  };
  add("commit", ctx.shield_git_commit.substr(0, 12));
  add("preset", ctx.shield_preset);
  add("build", ctx.shield_build_type);
  add("host", ctx.host_name);
  add("date", ctx.date);
  return parts.empty() ? source : source + " (" + parts + ")";
}

std::string rules_line(const compare_options& o) {
  return "regressed when rps drops more than " + format_plain(o.max_rps_drop) + "%, mean/p95/p99 rise more than " +
         format_plain(o.max_latency_rise) + "% (significant at alpha " + format_plain(o.alpha) +
         " by a two-sided Mann-Whitney U test when both runs have 2+ repetitions), or success rate < " +
         format_plain(o.min_success_rate) + "%";
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string{separator}) + item;
  return out;
}

std::string p_cell(const counter_row& row) {
  if (!row.test) return "-";
  return format_p(row.test->p_value) + (row.test->method == mw_method::exact ? "" : "~");
}

}  // namespace

text_table comparison_table(const comparison_report& report) {
  text_table t;
  t.headers = {"case", "verdict", "reps", "counter", "base", "contender", "change", "p-value", "effect"};
  t.aligns = {column_align::left,  column_align::left,  column_align::right, column_align::left, column_align::right,
              column_align::right, column_align::right, column_align::right, column_align::left};
  for (const auto& c : report.cases) {
    const std::string reps = std::to_string(c.base_repetitions) + "/" + std::to_string(c.contender_repetitions);
    if (c.rows.empty()) {
      t.rows.push_back({c.run_name, std::string{to_string(c.result)}, reps, "-", "-", "-", "-", "-", ""});
      continue;
    }
    bool first = true;
    for (const auto& row : c.rows) {
      t.rows.push_back({first ? c.run_name : "", first ? std::string{to_string(c.result)} : "", first ? reps : "",
                        std::string{row.spec.name}, format_value(row.base), format_value(row.contender),
                        format_change(row.change_percent), p_cell(row), std::string{to_string(row.effect)}});
      first = false;
    }
  }
  return t;
}

std::string summary_line(const comparison_report& report) {
  return std::to_string(report.count(verdict::regressed)) + " regressed, " +
         std::to_string(report.count(verdict::improved)) + " improved, " + std::to_string(report.count(verdict::same)) +
         " same";
}

std::string render_comparison_console(const comparison_report& report) {
  std::string out;
  out += "base:      " + describe_run(report.base_source, report.base_context) + "\n";
  out += "contender: " + describe_run(report.contender_source, report.contender_context) + "\n";
  out += "rules:     " + rules_line(report.options) + "\n\n";
  out += render_console_table(comparison_table(report));
  out += "(values are medians over repetitions; p-values marked ~ use the normal approximation)\n";

  bool header = false;
  for (const auto& c : report.cases) {
    if (c.reasons.empty() && c.notes.empty()) continue;
    if (!header) out += "\n";
    header = true;
    if (!c.reasons.empty())
      out += std::string{to_string(c.result)} + " " + c.run_name + ": " + join(c.reasons, "; ") + "\n";
    for (const auto& note : c.notes) out += "note " + c.run_name + ": " + note + "\n";
  }
  if (!report.only_in_base.empty() || !report.only_in_contender.empty()) out += "\n";
  if (!report.only_in_base.empty()) out += "only in base (not compared): " + join(report.only_in_base, ", ") + "\n";
  if (!report.only_in_contender.empty())
    out += "only in contender (not compared): " + join(report.only_in_contender, ", ") + "\n";
  if (const auto note = statistics_note(report); !note.empty()) out += "\nnote: " + note + "\n";
  out += "\nresult: " + summary_line(report) + " (cases compared: " + std::to_string(report.cases.size()) + ")\n";
  return out;
}

std::string render_comparison_markdown(const comparison_report& report) {
  std::string out;
  const bool regressed = report.has_regression();
  out += std::string{"### Benchmark comparison: "} + (regressed ? "REGRESSION" : "no regression") + " (" +
         summary_line(report) + ")\n\n";
  out += "- base: " + markdown_code(describe_run(report.base_source, report.base_context)) + "\n";
  out += "- contender: " + markdown_code(describe_run(report.contender_source, report.contender_context)) + "\n";
  out += "- rules: " + rules_line(report.options) + "\n";
  if (const auto note = statistics_note(report); !note.empty()) out += "- note: " + note + "\n";
  if (!report.warnings.empty()) {
    out += "\n";
    for (const auto& w : report.warnings) out += "> **Warning:** " + w + "\n>\n";
    out.resize(out.size() - 2);  // drop the last quote continuation
  }

  bool header = false;
  for (const auto& c : report.cases) {
    if (c.reasons.empty()) continue;
    if (!header) out += "\n#### Why\n\n";
    header = true;
    out += "- **" + std::string{to_string(c.result)} + "** " + markdown_code(c.run_name) + ": " +
           join(c.reasons, "; ") + "\n";
  }

  text_table table = comparison_table(report);
  for (auto& row : table.rows)
    if (!row.empty() && !row[0].empty()) row[0] = markdown_code(row[0]);
  out += "\n" + render_markdown_table(table);
  out += "\nValues are medians over repetitions; p-values marked ~ use the normal approximation.\n";

  std::vector<std::string> notes;
  for (const auto& c : report.cases)
    for (const auto& note : c.notes) notes.push_back(markdown_code(c.run_name) + ": " + note);
  if (!notes.empty()) out += "\n#### Notes\n\n- " + join(notes, "\n- ") + "\n";
  const auto code_list = [](const std::vector<std::string>& names) {
    std::vector<std::string> coded;
    coded.reserve(names.size());
    for (const auto& n : names) coded.push_back(markdown_code(n));
    return join(coded, ", ");
  };
  if (!report.only_in_base.empty()) out += "\nOnly in base (not compared): " + code_list(report.only_in_base) + "\n";
  if (!report.only_in_contender.empty())
    out += "\nOnly in contender (not compared): " + code_list(report.only_in_contender) + "\n";
  return out;
}

}  // namespace shield::report
