#pragma once
// The metrics a dashboard may read: family names with types and label names, from a target's
// exposition (what it really exposes) or from an expected-metrics file (what it should expose).

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fixtures/expected_metrics/expected_metrics.hpp"
#include "support/prom/exposition.hpp"
#include "support/prom/metric_families.hpp"

namespace shield::metrics {

// What a series name a query reads resolves to.
struct resolved_series {
  std::string family;                                   // family the series belongs to (histogram suffixes folded)
  prom::metric_type type = prom::metric_type::untyped;  // the family's type
  bool cumulative = false;  // only grows: a counter, or a histogram/summary _bucket/_sum/_count
};

// Family name -> type, with the series names each family contributes.
struct metric_catalog {
  std::string source;                                                // "exposition of URL" or the expected-metrics file
  std::map<std::string, prom::metric_type, std::less<>> families;    // families a query may read
  std::map<std::string, std::set<std::string>, std::less<>> labels;  // label names seen (or required) per family
  prom::family_name_set folded;  // histogram/summary families whose suffixes fold back
  bool from_prometheus = false;  // what a Prometheus holds (every target it scrapes), not one target

  // The family a series name belongs to, or nullopt when the catalog has none.
  [[nodiscard]] std::optional<resolved_series> resolve(std::string_view series_name) const;
  // Family names sorted, for suggestions.
  [[nodiscard]] std::vector<std::string> names() const;
  // Every series name a query can select: family names plus the _bucket/_sum/_count series of
  // histograms and the _sum/_count series of summaries.
  [[nodiscard]] std::vector<std::string> series_names() const;
};

// up, scrape_* and ALERTS/ALERTS_FOR_STATE: series Prometheus writes itself (gauges); every catalog
// resolves them, since no target exposes them.
[[nodiscard]] bool made_by_prometheus(std::string_view series_name);

// Families with at least one sample (what Prometheus would ingest). OpenMetrics counters are
// entered under their _total sample name, the name queries use.
[[nodiscard]] metric_catalog catalog_from_exposition(const prom::exposition& parsed, std::string source);

// The expected metrics under their expected types.
[[nodiscard]] metric_catalog catalog_from_expected(const expected::expected_metrics& expected);

// The catalog name closest to name by edit distance, when close enough to be a likely typo.
[[nodiscard]] std::optional<std::string> closest_name(const metric_catalog& catalog, std::string_view name);

}  // namespace shield::metrics
