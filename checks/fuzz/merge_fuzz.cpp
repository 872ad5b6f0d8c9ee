// shield_merge end to end: up to three shard results files ("SHARD\0SHARD\0SHARD"), merged,
// written (results JSON, HTML report, Google Benchmark JSON) into a scratch directory.

#include "checks/fuzz/fuzz_input.hpp"
#include "benchmarks/merge/merge_tool.hpp"

#include <sstream>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = shield::fuzz::split_parts(shield::fuzz::as_text(data, size), 3);
  const std::string dir = "--results_dir=" + (shield::fuzz::scratch_dir() / "merged").string();
  const std::string bench = "--benchmark_out=" + (shield::fuzz::scratch_dir() / "merged_bench.json").string();
  std::vector<std::string> files;
  for (std::size_t i = 0; i < parts.size(); ++i)
    files.push_back(shield::fuzz::scratch_file("shard" + std::to_string(i) + ".json", parts[i]));
  std::vector<std::string_view> args{dir, bench};
  args.insert(args.end(), files.begin(), files.end());
  std::ostringstream out;
  std::ostringstream err;
  (void)shield::merge::run_merge_tool(args, out, err);
  return 0;
}
