// --thresholds expressions; an accepted rule, written back out, parses to the same rule.

#include "checks/fuzz/fuzz_input.hpp"
#include "support/stats/threshold_rules.hpp"

#include <cstdlib>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<std::string> counters{"success_rate", "mean_ms", "p95_ms", "rps", "ttft_p50_ms"};
  static const std::vector<std::string> endpoints{"anonymize", "chat_streaming", "health"};
  const auto rules = shield::stats::parse_thresholds(shield::fuzz::as_text(data, size), counters, endpoints);
  if (!rules) return 0;
  for (const auto& rule : *rules) {
    const auto again = shield::stats::parse_thresholds(shield::stats::to_string(rule), counters, endpoints);
    if (!again || again->size() != 1) std::abort();
    const auto& r = again->front();
    if (r.endpoint != rule.endpoint || r.counter != rule.counter || r.op != rule.op || r.limit != rule.limit)
      std::abort();
  }
  return 0;
}
