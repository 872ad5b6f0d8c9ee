// shield_merge: merges the shard results files of one distributed shield_bench run exactly.
// Exit status: 0 passed, 1 a threshold failed or a case did not run, 2 bad input.

#include "benchmarks/merge/merge_tool.hpp"

#include <iostream>
#include <string_view>
#include <vector>

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  return shield::merge::run_merge_tool(args, std::cout, std::cerr);
}
