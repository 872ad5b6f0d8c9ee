#include "support/report/results/scalability.hpp"

#include <boost/json/object.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>

namespace shield::report {

namespace json = boost::json;

namespace {

// A JSON number as double; nullopt when absent or not a number.
std::optional<double> number_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  return v->to_number<double>();
}

json::value finite(double v) {
  if (!std::isfinite(v)) return nullptr;
  return v;
}

}  // namespace

std::vector<scalability_row> scalability_from_cases(const json::array& cases) {
  std::vector<scalability_row> rows;
  for (const auto& value : cases) {
    const auto* c = value.if_object();
    if (c == nullptr) continue;
    const auto* status = c->if_contains("status");
    const auto* endpoint = c->if_contains("endpoint");
    const auto* run = c->if_contains("run");
    const auto* counters = c->if_contains("counters");
    if (!status || !status->is_string() || status->as_string() != "ran" || !endpoint || !endpoint->is_string() ||
        !run || !run->is_object() || !counters || !counters->is_object())
      continue;
    const auto n = number_at(run->as_object(), "concurrency");
    const auto rps = number_at(counters->as_object(), "rps");
    if (!n || !rps || !(*rps > 0)) continue;
    const std::string name(endpoint->as_string());
    auto it = std::find_if(rows.begin(), rows.end(), [&](const scalability_row& r) { return r.endpoint == name; });
    if (it == rows.end()) it = rows.insert(rows.end(), scalability_row{name, {}, {}});
    it->points.push_back({*n, *rps});
  }
  std::vector<scalability_row> out;
  for (auto& r : rows) {
    std::set<double> distinct;
    for (const auto& p : r.points) distinct.insert(p.concurrency);
    if (distinct.size() < 3) continue;
    r.fit = stats::fit_usl(r.points);
    out.push_back(std::move(r));
  }
  return out;
}

json::value scalability_json(const std::vector<scalability_row>& rows) {
  json::array out;
  for (const auto& r : rows) {
    json::object o{{"endpoint", r.endpoint}, {"concurrencies", r.fit.concurrencies}, {"points", r.points.size()}};
    if (!r.fit.ok()) {
      o["error"] = r.fit.error;
    } else {
      o["lambda_rps"] = finite(r.fit.lambda);
      o["sigma"] = r.fit.sigma;
      o["kappa"] = r.fit.kappa;
      o["peak_concurrency"] = finite(r.fit.peak_concurrency);
      o["peak_rps"] = finite(r.fit.peak_throughput);
      o["fit_error_percent"] = finite(r.fit.rms_error_percent);
    }
    out.push_back(std::move(o));
  }
  return out;
}

std::string scalability_lines(const std::vector<scalability_row>& rows) {
  std::string out;
  char buf[512];
  for (const auto& r : rows) {
    if (!r.fit.ok()) {
      std::snprintf(buf, sizeof buf, "scalability %s: no fit (%s)\n", r.endpoint.c_str(), r.fit.error.c_str());
    } else if (std::isfinite(r.fit.peak_concurrency)) {
      std::snprintf(buf, sizeof buf,
                    "scalability %s (USL over %zu concurrencies): contention %.4g, coherency %.4g, predicted peak "
                    "%.0f rps at concurrency %.0f (fit error %.1f %%)\n",
                    r.endpoint.c_str(), r.fit.concurrencies, r.fit.sigma, r.fit.kappa, r.fit.peak_throughput,
                    r.fit.peak_concurrency, r.fit.rms_error_percent);
    } else if (!(r.fit.sigma > 0)) {
      std::snprintf(buf, sizeof buf,
                    "scalability %s (USL over %zu concurrencies): no contention or coherency: throughput rose in "
                    "proportion to concurrency, %.0f rps each (fit error %.1f %%)\n",
                    r.endpoint.c_str(), r.fit.concurrencies, r.fit.lambda, r.fit.rms_error_percent);
    } else {
      std::snprintf(buf, sizeof buf,
                    "scalability %s (USL over %zu concurrencies): contention %.4g, coherency 0: no peak, throughput "
                    "levels off towards %.0f rps (fit error %.1f %%)\n",
                    r.endpoint.c_str(), r.fit.concurrencies, r.fit.sigma, r.fit.peak_throughput,
                    r.fit.rms_error_percent);
    }
    out += buf;
  }
  return out;
}

}  // namespace shield::report
