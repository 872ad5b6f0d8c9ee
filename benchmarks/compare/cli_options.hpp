#pragma once

#include "support/base/result.hpp"

#include "support/report/compare/compare_cases.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace shield::compare {

// What the command line asks for.
enum class tool_mode {
  compare,  // shield_compare BASE.json CONTENDER.json
  trend,    // shield_compare trend FILE...
  help,     // --help
};

// Parsed command line.
struct tool_options {
  tool_mode mode = tool_mode::compare;  // sub-command
  std::vector<std::string> files;       // compare: base then contender; trend: runs in order
  report::compare_options rules;        // --alpha, --max_rps_drop, --max_latency_rise, --min_success_rate
  std::string markdown_path;            // --markdown=FILE; empty when not asked
  std::string json_path;                // --json=FILE; empty when not asked
  std::string html_path;                // --html=FILE (compare only); empty when not asked
  std::vector<std::string> counters;    // trend --counter=NAME[,NAME...]; empty means the defaults
};

// Parses the arguments after the program name with the one flag module (--name=value or --name
// value); unknown or misspelled flags, flags of the other sub-command, repeated flags, out-of-range
// values and a wrong number of files are failures naming the argument. "--" ends the flags.
base::result<tool_options> parse_command_line(std::span<const std::string_view> args);

// The --help text.
std::string usage_text();

}  // namespace shield::compare
