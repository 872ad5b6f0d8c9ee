#include "checks/lint/lint_exposition.hpp"

#include <ostream>

#include "checks/lint/lint_flags.hpp"
#include "support/base/text.hpp"
#include "support/prom/lint.hpp"

namespace shield::lint {
namespace {

// Line of a family's first HELP/TYPE line or sample (lints carry no line of their own).
std::size_t family_line(std::string_view text, std::string_view metric) {
  std::size_t line = 1;
  for (std::size_t start = 0; start < text.size(); ++line) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    if (l.starts_with("# HELP ") || l.starts_with("# TYPE ")) l.remove_prefix(7);
    if (l.starts_with(metric) &&
        (l.size() == metric.size() || l[metric.size()] == ' ' || l[metric.size()] == '{' || l[metric.size()] == '_')) {
      return line;
    }
    start = end + 1;
  }
  return 1;
}

}  // namespace

prom::exposition_format detect_format(std::string_view text) {
  const std::string_view trimmed = base::trim(text);
  const bool eof = trimmed == "# EOF" || trimmed.ends_with("\n# EOF");
  return eof ? prom::exposition_format::openmetrics : prom::exposition_format::prometheus_text;
}

int lint_exposition(std::string_view text, const std::string& name, std::optional<prom::exposition_format> format,
                    std::ostream& out) {
  const prom::exposition_format used = format.value_or(detect_format(text));
  const prom::metrics_check checked = prom::check_metrics(text, used);
  for (const prom::parse_error& e : checked.parsed.errors) {
    out << name << ":" << e.line << ": " << e.rule << ": " << e.message << "\n";
  }
  for (const prom::lint_problem& p : checked.problems) {
    out << name << ":" << family_line(text, p.metric) << ": " << p.lint << ": " << p.metric << " " << p.text << "\n";
  }
  if (!checked.parsed.ok()) return exit_findings;
  return checked.problems.empty() ? exit_clean : exit_lint_only;
}

}  // namespace shield::lint
