// Exposition text: Prometheus 0.0.4 (first byte even) or OpenMetrics 1.0 (odd), as /metrics answers.

#include "checks/fuzz/fuzz_input.hpp"
#include "support/prom/exposition_parser.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto format = data[0] % 2 == 0 ? shield::prom::exposition_format::prometheus_text
                                       : shield::prom::exposition_format::openmetrics;
  const auto text = shield::fuzz::as_text(data + 1, size - 1);
  const auto parsed = shield::prom::parse_exposition(text, format);
  // Errors are sorted by line and capped, as documented.
  if (parsed.errors.size() > shield::prom::parse_options{}.max_errors) std::abort();
  return 0;
}
