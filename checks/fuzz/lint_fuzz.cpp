// promtool-style lints over whatever the parser made of the text (either format).

#include "checks/fuzz/fuzz_input.hpp"
#include "support/prom/lint.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto format = data[0] % 2 == 0 ? shield::prom::exposition_format::prometheus_text
                                       : shield::prom::exposition_format::openmetrics;
  const auto check = shield::prom::check_metrics(shield::fuzz::as_text(data + 1, size - 1), format);
  const auto text = shield::prom::format_problems(check.problems);
  (void)text;
  return 0;
}
