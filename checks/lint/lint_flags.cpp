#include "checks/lint/lint_flags.hpp"

namespace shield::lint {

std::string usage() {
  return "usage: shield_lint exposition FILE...|- [--format=text|openmetrics]\n"
         "       shield_lint dashboard FILE... [--prometheus=URL] [--var NAME=VALUE[,VALUE...]]...\n"
         "                                  [--expected_metrics=FILE]\n"
         "Findings are printed as FILE:LINE: CODE: MESSAGE (exposition) or FILE: CODE: MESSAGE (dashboard).\n"
         "Exit status (the worst over the files): 0 clean, 1 findings, 2 bad usage or unreadable input,\n"
         "3 lint problems only.\n";
}

base::result<lint_options> parse_lint_flags(const std::vector<std::string>& args) {
  lint_options out;
  std::vector<std::string> positional;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    // --name=value or --name value
    const auto value_of = [&](std::string_view name) -> std::optional<std::string> {
      const std::string flag = "--" + std::string(name);
      if (a.starts_with(flag + "=")) return a.substr(flag.size() + 1);
      if (a == flag && i + 1 < args.size()) return args[++i];
      return std::nullopt;
    };
    if (a == "--help" || a == "-h") {
      out.help = true;
    } else if (auto format = value_of("format")) {
      if (*format == "text") {
        out.format = prom::exposition_format::prometheus_text;
      } else if (*format == "openmetrics") {
        out.format = prom::exposition_format::openmetrics;
      } else {
        return base::fail("--format=" + *format + ": expected text or openmetrics");
      }
    } else if (auto url = value_of("prometheus")) {
      out.prometheus_url = *url;
    } else if (auto file = value_of("expected_metrics")) {
      out.expected_metrics = *file;
    } else if (auto var = value_of("var")) {
      auto parsed = grafana::parse_variable_override(*var);
      if (!parsed) return parsed.error();
      out.variables.push_back(std::move(*parsed));
    } else if (a.starts_with("--")) {
      return base::fail("unknown flag " + a + " (or a flag without its value)");
    } else {
      positional.push_back(a);
    }
  }
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
