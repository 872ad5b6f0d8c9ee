// Latency histogram documents (results files and shards carry them); an accepted one written back
// out reads back to the same document.

#include "checks/fuzz/fuzz_input.hpp"
#include "support/stats/histogram_json.hpp"
#include "support/stats/latency_histogram.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto histogram = shield::stats::histogram_from_json_text(shield::fuzz::as_text(data, size));
  if (!histogram) return 0;
  const std::string text = shield::stats::histogram_to_json_text(*histogram);
  const auto again = shield::stats::histogram_from_json_text(text);
  if (!again || shield::stats::histogram_to_json_text(*again) != text) std::abort();
  return 0;
}
