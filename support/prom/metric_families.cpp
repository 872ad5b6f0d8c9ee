#include "support/prom/metric_families.hpp"

#include <algorithm>

namespace shield::prom {

std::string_view histogram_base_name(std::string_view series_name, const family_name_set& histogram_families) {
  for (const std::string_view suffix :
       {std::string_view("_bucket"), std::string_view("_sum"), std::string_view("_count")}) {
    if (series_name.size() > suffix.size() && series_name.ends_with(suffix)) {
      const std::string_view base = series_name.substr(0, series_name.size() - suffix.size());
      if (histogram_families.find(base) != histogram_families.end()) {
        return base;
      }
    }
  }
  return series_name;
}

family_name_set histogram_families(const exposition& parsed, bool include_summaries) {
  family_name_set names;
  for (const metric_family& family : parsed.families) {
    const bool histogram = family.type == metric_type::histogram || family.type == metric_type::gauge_histogram;
    if (histogram || (include_summaries && family.type == metric_type::summary)) {
      names.emplace(family.name);
    }
  }
  return names;
}

std::vector<std::string> queried_families(const promql_analysis& analysis, const family_name_set& histogram_families) {
  std::vector<std::string> families;
  for (const metric_reference& ref : analysis.metrics) {
    if (ref.match != name_match::exact) {
      continue;
    }
    std::string family(histogram_base_name(ref.name, histogram_families));
    if (std::find(families.begin(), families.end(), family) == families.end()) {
      families.push_back(std::move(family));
    }
  }
  return families;
}

}  // namespace shield::prom
