// Template substitution. One part: a dashboard whose variables are substituted into its own
// queries. Two parts (NUL-separated): a min interval and a query, substituted with fixed variables.

#include "checks/fuzz/fuzz_input.hpp"
#include "support/grafana/dashboard_document.hpp"
#include "support/grafana/dashboard_walker.hpp"
#include "support/grafana/template_substitution.hpp"
#include "support/grafana/template_variables.hpp"

namespace {

// A fixed time, so runs repeat exactly.
shield::grafana::substitution_settings settings() {
  shield::grafana::substitution_settings s;
  s.to_ms = 1'700'000'000'000;
  return s;
}

// Variables of every kind the substituter renders differently.
const std::vector<shield::grafana::template_variable>& fixed_variables() {
  static const auto variables = [] {
    const auto doc = shield::grafana::parse_document(R"({"templating":{"list":[
      {"name":"job","type":"query","current":{"value":"shield","text":"shield"}},
      {"name":"instance","type":"query","multi":true,"includeAll":true,
       "current":{"value":["a:1","b|2"],"text":["a:1","b|2"]}},
      {"name":"all","type":"custom","includeAll":true,"allValue":".+","current":{"value":"$__all"},"query":"x,y"},
      {"name":"step","type":"interval","auto":true,"query":"1m,10m,1h","current":{"value":"$__auto_interval_step"}},
      {"name":"c","type":"constant","query":"5m"},
      {"name":"t","type":"textbox","query":"it's \"quoted\""}]}})");
    return shield::grafana::read_variables(*doc).variables;
  }();
  return variables;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = shield::fuzz::split_parts(shield::fuzz::as_text(data, size), 2);
  if (parts.size() == 2) {
    const shield::grafana::template_substituter substituter(fixed_variables(), settings());
    (void)substituter.substitute(parts[1], "fuzz", parts[0]);
    return 0;
  }
  const auto doc = shield::grafana::parse_document(parts[0]);
  if (!doc) return 0;
  auto variables = shield::grafana::read_variables(*doc);
  const shield::grafana::template_substituter substituter(std::move(variables.variables), settings());
  for (const auto& query : shield::grafana::walk_dashboard(*doc).queries) (void)substituter.substitute(query);
  return 0;
}
