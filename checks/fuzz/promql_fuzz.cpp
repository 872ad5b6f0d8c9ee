// PromQL with Grafana variables, as dashboard queries carry it: lexer, parser, metric analysis.

#include "checks/fuzz/fuzz_input.hpp"
#include "support/prom/promql_analyzer.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto query = shield::fuzz::as_text(data, size);
  const auto analysis = shield::prom::analyze_promql(query);
  // A syntax error points inside the query (or just past its end).
  if (analysis.error && analysis.error->position > query.size()) std::abort();
  const auto names = analysis.metric_names();
  (void)names;
  return 0;
}
