#pragma once

// Maps series names a query reads back to the exposition families they come from.

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "support/prom/exposition.hpp"
#include "support/prom/promql_analyzer.hpp"

namespace shield::prom {

// Family names with heterogeneous lookup by string_view.
using family_name_set = std::set<std::string, std::less<>>;

// foo_bucket / foo_sum / foo_count -> foo when foo is in histogram_families; otherwise series_name.
// Summary families may be passed too: their _sum/_count fold back the same way.
[[nodiscard]] std::string_view histogram_base_name(std::string_view series_name,
                                                   const family_name_set& histogram_families);

// Histogram and gauge-histogram family names of a parsed exposition (summaries when asked).
[[nodiscard]] family_name_set histogram_families(const exposition& parsed, bool include_summaries = false);

// Distinct families the query reads by exact name, histogram suffixes folded, in first-use order.
[[nodiscard]] std::vector<std::string> queried_families(const promql_analysis& analysis,
                                                        const family_name_set& histogram_families);

}  // namespace shield::prom
