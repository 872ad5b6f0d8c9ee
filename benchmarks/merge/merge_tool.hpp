#pragma once
// shield_merge's command line: reads shard results files, merges them, writes the merged results
// file (and Google Benchmark JSON), prints the start skew and the figures. In-process for tests.

#include <ostream>
#include <span>
#include <string_view>

namespace shield::merge {

inline constexpr int exit_passed = 0;     // merged, every threshold passed
inline constexpr int exit_failed = 1;     // merged, but a threshold failed or a case did not run
inline constexpr int exit_bad_input = 2;  // usage error, unreadable file, shards that do not belong together

// Runs shield_merge with the arguments after the program name.
int run_merge_tool(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);

}  // namespace shield::merge
