#include "checks/metrics/metric_catalog.hpp"

#include "support/base/text.hpp"

#include <algorithm>

namespace shield::metrics {
namespace {

bool is_histogram(prom::metric_type t) {
  return t == prom::metric_type::histogram || t == prom::metric_type::gauge_histogram;
}

}  // namespace

bool made_by_prometheus(std::string_view series_name) {
  // Written by Prometheus itself for every target and alert, never exposed by one.
  constexpr std::string_view names[] = {"up",
                                        "scrape_duration_seconds",
                                        "scrape_samples_scraped",
                                        "scrape_samples_post_metric_relabeling",
                                        "scrape_series_added",
                                        "scrape_timeout_seconds",
                                        "scrape_sample_limit",
                                        "scrape_body_size_bytes",
                                        "ALERTS",
                                        "ALERTS_FOR_STATE"};
  return std::find(std::begin(names), std::end(names), series_name) != std::end(names);
}

std::optional<resolved_series> metric_catalog::resolve(std::string_view series_name) const {
  if (const auto it = families.find(series_name); it != families.end()) {
    return resolved_series{it->first, it->second, it->second == prom::metric_type::counter};
  }
  if (made_by_prometheus(series_name)) {
    return resolved_series{std::string(series_name), prom::metric_type::gauge, false};
  }
  const std::string_view base = prom::histogram_base_name(series_name, folded);
  if (base == series_name) return std::nullopt;
  const auto it = families.find(base);
  if (it == families.end()) return std::nullopt;
  // Gauge histograms' buckets go up and down; classic histogram and summary suffixes only grow.
  const bool cumulative = it->second == prom::metric_type::histogram || it->second == prom::metric_type::summary;
  return resolved_series{it->first, it->second, cumulative};
}

std::vector<std::string> metric_catalog::names() const {
  std::vector<std::string> out;
  for (const auto& [name, type] : families) out.push_back(name);
  return out;
}

std::vector<std::string> metric_catalog::series_names() const {
  std::vector<std::string> out;
  for (const auto& [name, type] : families) {
    out.push_back(name);
    if (is_histogram(type)) out.push_back(name + "_bucket");
    if (is_histogram(type) || type == prom::metric_type::summary) {
      out.push_back(name + "_sum");
      out.push_back(name + "_count");
    }
  }
  return out;
}

metric_catalog catalog_from_exposition(const prom::exposition& parsed, std::string source) {
  metric_catalog catalog;
  catalog.source = std::move(source);
  const bool openmetrics = parsed.format == prom::exposition_format::openmetrics;
  for (const auto& family : parsed.families) {
    if (family.samples.empty()) continue;
    std::string name(family.name);
    if (openmetrics && family.type == prom::metric_type::counter) name += "_total";
    catalog.families.emplace(name, family.type);
    if (is_histogram(family.type) || family.type == prom::metric_type::summary) catalog.folded.emplace(name);
    auto& label_names = catalog.labels[name];
    for (const auto& s : family.samples) {
      for (const auto& l : s.labels) label_names.emplace(l.name);
    }
  }
  return catalog;
}

metric_catalog catalog_from_expected(const expected::expected_metrics& expected) {
  metric_catalog catalog;
  catalog.source = "expected metrics " + expected.source;
  for (const auto& m : expected.metrics) {
    catalog.families.emplace(m.name, m.type);
    if (is_histogram(m.type) || m.type == prom::metric_type::summary) catalog.folded.emplace(m.name);
    catalog.labels[m.name].insert(m.labels.begin(), m.labels.end());
  }
  return catalog;
}

std::optional<std::string> closest_name(const metric_catalog& catalog, std::string_view name) {
  std::optional<std::string> best;
  // A typo changes a few characters; anything further is another metric.
  std::size_t best_distance = std::max<std::size_t>(2, name.size() / 6) + 1;
  for (const auto& [candidate, type] : catalog.families) {
    const std::size_t d = base::edit_distance(name, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace shield::metrics
