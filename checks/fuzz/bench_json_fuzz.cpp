// Google Benchmark JSON as shield_compare reads it, with the figures it takes from each case.

#include "checks/fuzz/fuzz_input.hpp"
#include "support/report/compare/bench_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto run = shield::report::parse_bench_json(shield::fuzz::as_text(data, size), "fuzz.json");
  if (!run) return 0;
  for (const auto& c : run->cases) {
    for (const char* counter : {"real_time", "rps", "p95_ms", "success_rate"}) {
      (void)shield::report::median_of(shield::report::counter_samples(c, counter));
    }
    (void)shield::report::good_repetitions(c);
    (void)shield::report::first_error(c);
    (void)shield::report::labels_of(c);
    (void)run->find(c.run_name);
  }
  return 0;
}
