#pragma once
// Reads the target's own request accounting from its metrics endpoint.
#include <optional>
#include <string>
#include <string_view>

#include "checks/functional/check_http.hpp"
#include "support/prom/exposition.hpp"

namespace shield::functional {

// One scrape: the exchange and, when it parsed, the exposition.
struct scrape_result {
  exchange ex;                             // the scrape request and answer
  std::optional<prom::exposition> parsed;  // set when the answer was the expected status and parsed
  std::string error;                       // why parsed is empty, or the first format error
};

// Scrapes the metrics endpoint once (format from the answer's Content-Type, 0.0.4 by default).
scrape_result scrape(http::blocking_client& client, const profile::endpoint& metrics_ep);

// Whether an `endpoint` label names ep: its path (query dropped), or the same segments with any
// value where the profile's path holds {session_id} ("{id}", ":id" or a real id all match).
bool endpoint_label_matches(std::string_view label, const profile::endpoint& ep);

// Sum of http_requests_total samples for ep's method and path; only `status` when given.
double requests_total(const prom::exposition& exp, const profile::endpoint& ep, std::optional<int> status = {});

// The http_requests_total series requests_total() adds up for ep, one "name{labels} value" per line,
// for failure messages.
std::string request_series(const prom::exposition& exp, const profile::endpoint& ep);

// A counter value as text: integers without a fraction.
std::string count_text(double value);

// Sum of all samples named `name`; nullopt when there is none.
std::optional<double> sample_sum(const prom::exposition& exp, std::string_view name);

}  // namespace shield::functional
