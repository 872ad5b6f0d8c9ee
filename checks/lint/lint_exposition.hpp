#pragma once
// shield_lint exposition: format errors and promtool-style lints of one exposition text.

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "support/prom/exposition.hpp"

namespace shield::lint {

// OpenMetrics when the text ends with "# EOF", else the 0.0.4 text format.
[[nodiscard]] prom::exposition_format detect_format(std::string_view text);

// Prints `name:line: code: message` per finding to out; returns the exit code
// (0 clean, 1 format errors, 3 lints only).
int lint_exposition(std::string_view text, const std::string& name, std::optional<prom::exposition_format> format,
                    std::ostream& out);

}  // namespace shield::lint
