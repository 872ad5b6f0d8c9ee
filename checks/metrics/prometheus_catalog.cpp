#include "checks/metrics/prometheus_catalog.hpp"

#include <boost/json.hpp>

namespace shield::metrics {
namespace {

namespace json = boost::json;

prom::metric_type type_named(std::string_view name) {
  using prom::metric_type;
  if (name == "counter") return metric_type::counter;
  if (name == "gauge") return metric_type::gauge;
  if (name == "histogram") return metric_type::histogram;
  if (name == "summary") return metric_type::summary;
  if (name == "gaugehistogram") return metric_type::gauge_histogram;
  if (name == "stateset") return metric_type::stateset;
  if (name == "info") return metric_type::info;
  return metric_type::untyped;
}

}  // namespace

base::result<metric_catalog> catalog_from_prometheus(prom::prom_api_client& client) {
  auto names = client.label_values("__name__");
  if (!names) return base::fail("Prometheus " + client.url().to_string() + ": metric names: " + names.error().message);
  metric_catalog catalog;
  catalog.source = "Prometheus at " + client.url().to_string();
  catalog.from_prometheus = true;
  const http::response res = client.get("/api/v1/metadata");
  boost::system::error_code ec;
  const json::value root = res.ok() ? json::parse(res.body, ec) : json::value();
  const json::object* data = nullptr;
  if (res.ok() && !ec && root.is_object()) {
    if (const auto* d = root.get_object().if_contains("data")) data = d->if_object();
  }
  if (data == nullptr) return base::fail(catalog.source + ": /api/v1/metadata gave no metadata");
  for (const auto& [family, entries] : *data) {
    const auto* list = entries.if_array();
    if (list == nullptr || list->empty() || !list->front().is_object()) continue;
    const auto* type = list->front().get_object().if_contains("type");
    const prom::metric_type t =
        type != nullptr && type->is_string() ? type_named(type->get_string()) : prom::metric_type::untyped;
    catalog.families.emplace(std::string(family), t);
    // An OpenMetrics counter's family has no _total; its series do.
    if (t == prom::metric_type::counter && !family.ends_with("_total")) {
      catalog.families.emplace(std::string(family) + "_total", t);
    }
    if (t == prom::metric_type::histogram || t == prom::metric_type::gauge_histogram ||
        t == prom::metric_type::summary) {
      catalog.folded.insert(std::string(family));
    }
  }
  // Names without metadata (recording rules, federation) are known, untyped.
  for (const std::string& name : *names) {
    if (!catalog.resolve(name)) catalog.families.emplace(name, prom::metric_type::untyped);
  }
  return catalog;
}

}  // namespace shield::metrics
