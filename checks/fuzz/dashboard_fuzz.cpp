// Dashboard JSON as Dashboard.EveryQueryParses reads it: walked for queries, each query analysed.

#include "checks/fuzz/fuzz_input.hpp"
#include "support/grafana/dashboard_walker.hpp"
#include "support/prom/promql_analyzer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto walked = shield::grafana::walk_dashboard_text(shield::fuzz::as_text(data, size));
  for (const auto& error : walked.errors) (void)shield::grafana::to_string(error);
  for (const auto& query : walked.queries) {
    const auto analysis = shield::prom::analyze_promql(query.expr);
    (void)analysis.metric_names();
  }
  return 0;
}
