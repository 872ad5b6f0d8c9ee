#pragma once

#include <iosfwd>
#include <span>
#include <string_view>

namespace shield::compare {

// Exit statuses of shield_compare.
inline constexpr int exit_no_regression = 0;  // every case same or improved (or trend written)
inline constexpr int exit_regression = 1;     // at least one case regressed
inline constexpr int exit_bad_input = 2;      // unreadable or mismatched input, bad flags, unwritable output

// Runs shield_compare with the arguments after the program name: reports go to `out`,
// warnings and errors (prefixed "shield_compare: ") to `err`. Returns the exit status.
int run_compare_tool(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);

}  // namespace shield::compare
