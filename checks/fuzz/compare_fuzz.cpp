// shield_compare end to end: "BASE\0CONTENDER" as two benchmark JSON files (one part: compared
// with itself), the text table and the JSON and HTML reports written.

#include "checks/fuzz/fuzz_input.hpp"
#include "benchmarks/compare/compare_tool.hpp"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = shield::fuzz::split_parts(shield::fuzz::as_text(data, size), 2);
  const std::string base = shield::fuzz::scratch_file("base.json", parts[0]);
  const std::string contender = shield::fuzz::scratch_file("contender.json", parts.back());
  const std::string json_out = "--json=" + (shield::fuzz::scratch_dir() / "compare.json").string();
  const std::string html_out = "--html=" + (shield::fuzz::scratch_dir() / "compare.html").string();
  const std::string_view args[] = {json_out, html_out, base, contender};
  std::ostringstream out;
  std::ostringstream err;
  (void)shield::compare::run_compare_tool(args, out, err);
  return 0;
}
