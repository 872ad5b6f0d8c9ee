#include "support/prom/exposition.hpp"

#include <algorithm>
#include <string>

#include "support/prom/series_index.hpp"
#include "support/base/text.hpp"

namespace shield::prom {

std::uint64_t hash_label(const label& l) { return detail::pair_hash(l.name, l.value); }

std::uint64_t hash_labels(std::span<const label> labels) {
  std::uint64_t sum = 0;
  for (const label& l : labels) {
    sum += hash_label(l);  // addition commutes: label order does not matter
  }
  return sum;
}

const metric_family* exposition::find(std::string_view family_name) const {
  for (const metric_family& family : families) {
    if (family.name == family_name) {
      return &family;
    }
  }
  return nullptr;
}

const parse_error* exposition::first_error(std::string_view rule) const {
  for (const parse_error& e : errors) {
    if (e.rule == rule) {
      return &e;
    }
  }
  return nullptr;
}

std::optional<exposition_format> format_from_content_type(std::string_view content_type) {
  const std::string_view media = base::trim(content_type.substr(0, content_type.find(';')), " \t");
  const std::string type = base::to_lower(media);
  if (type == "application/openmetrics-text") {
    return exposition_format::openmetrics;
  }
  if (type == "text/plain") {
    return exposition_format::prometheus_text;
  }
  return std::nullopt;
}

std::string_view to_string(metric_type type, exposition_format format) {
  const bool om = format == exposition_format::openmetrics;
  switch (type) {
    case metric_type::untyped:
      return om ? "unknown" : "untyped";
    case metric_type::counter:
      return "counter";
    case metric_type::gauge:
      return "gauge";
    case metric_type::histogram:
      return "histogram";
    case metric_type::summary:
      return "summary";
    case metric_type::gauge_histogram:
      return om ? "gaugehistogram" : "gauge_histogram";
    case metric_type::stateset:
      return "stateset";
    case metric_type::info:
      return "info";
  }
  return "untyped";
}

}  // namespace shield::prom
