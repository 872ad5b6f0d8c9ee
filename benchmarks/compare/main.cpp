#include "benchmarks/compare/compare_tool.hpp"

#include <iostream>
#include <string_view>
#include <vector>

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  return shield::compare::run_compare_tool(args, std::cout, std::cerr);
}
