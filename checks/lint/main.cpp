// shield_lint: offline checks of an exposition or a Grafana dashboard, like promtool check metrics
// and grafana/dashboard-linter, with promtool's exit codes (0 clean, 1 findings, 2 usage, 3 lint only).
#include <iostream>
#include <string>
#include <vector>

#include "checks/lint/lint_dashboard.hpp"
#include "checks/lint/lint_exposition.hpp"
#include "checks/lint/lint_flags.hpp"
#include "support/base/read_file.hpp"

int main(int argc, char** argv) {
  using namespace shield::lint;
  const auto options = parse_lint_flags(std::vector<std::string>(argv + 1, argv + argc));
  if (!options) {
    const std::string& message = options.error().message;  // the flag module names the program itself
    std::cerr << (message.starts_with("shield_lint:") ? "" : "shield_lint: ") << message << "\n" << usage();
    return exit_usage;
  }
  if (options->help) {
    std::cout << usage();
    return exit_clean;
  }
  // The worst status over the files: usage 2 above findings 1 above lint 3 above clean 0.
  const auto rank = [](int code) {
    return code == exit_usage ? 3 : code == exit_findings ? 2 : code == exit_lint_only;
  };
  int status = exit_clean;
  for (const std::string& file : options->files) {
    const bool from_stdin = file == "-";
    const auto text = shield::base::read_file(from_stdin ? "/dev/stdin" : file);
    int code = exit_usage;
    if (!text) {
      std::cerr << "shield_lint: " << text.error().message << "\n";
    } else {
      const std::string name = from_stdin ? "<stdin>" : file;
      code = options->mode == "exposition" ? lint_exposition(*text, name, options->format, std::cout)
                                           : lint_dashboard(*text, name, *options, std::cout, std::cerr);
    }
    if (rank(code) > rank(status)) status = code;
  }
  return status;
}
