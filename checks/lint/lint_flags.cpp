#include "checks/lint/lint_flags.hpp"

#include "support/base/flags.hpp"

namespace shield::lint {

std::string usage() {
  return "usage: shield_lint exposition FILE...|- [--format=text|openmetrics]\n"
         "       shield_lint dashboard FILE... [--prometheus=URL] [--var NAME=VALUE[,VALUE...]]...\n"
         "                                  [--expected_metrics=FILE]\n"
         "Findings are printed as FILE:LINE: CODE: MESSAGE (exposition) or FILE: CODE: MESSAGE (dashboard).\n"
         "Exit status (the worst over the files): 0 clean, 1 findings, 2 bad usage or unreadable input,\n"
         "3 lint problems only.\n";
}

base::result<lint_options> parse_lint_flags(std::vector<std::string> args) {
  lint_options out;
  base::flag_reader flags(args);
  for (const auto& given : flags.values("var")) {  // one per variable
    auto parsed = grafana::parse_variable_override(given);
    if (!parsed) return parsed.error();
    out.variables.push_back(std::move(*parsed));
  }
  out.help = flags.help();
  if (auto format = flags.value("format")) {
    if (*format == "text") {
      out.format = prom::exposition_format::prometheus_text;
    } else if (*format == "openmetrics") {
      out.format = prom::exposition_format::openmetrics;
    } else {
      return base::fail("--format=" + *format + ": expected text or openmetrics");
    }
  }
  out.prometheus_url = flags.value("prometheus").value_or("");
  out.expected_metrics = flags.value("expected_metrics").value_or("");
  if (auto done = flags.finish(); !done) return done.error();
  if (auto unknown = base::reject_unknown(args); !unknown) return unknown.error();
  const std::vector<std::string>& positional = args;  // what the reader left: mode and files
  if (out.help) return out;
  if (positional.size() < 2) {
    return base::fail("expected a mode and a FILE, got " + std::to_string(positional.size()) + " argument(s)");
  }
  out.mode = positional[0];
  out.files.assign(positional.begin() + 1, positional.end());
  if (out.mode != "exposition" && out.mode != "dashboard")
    return base::fail("unknown mode '" + out.mode + "': expected exposition or dashboard");
  if (out.mode == "exposition" &&
      (!out.prometheus_url.empty() || !out.variables.empty() || !out.expected_metrics.empty()))
    return base::fail("--prometheus, --var and --expected_metrics apply to dashboard only");
  if (out.mode == "dashboard" && out.format) return base::fail("--format applies to exposition only");
  for (const std::string& file : out.files) {
    if (out.mode == "dashboard" && file == "-") return base::fail("dashboard reads a FILE, not stdin");
  }
  return out;
}

}  // namespace shield::lint
