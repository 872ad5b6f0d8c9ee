#pragma once
// A small Prometheus HTTP API client: instant queries (/api/v1/query) and scrape targets
// (/api/v1/targets) over the blocking Beast client. Failures are data, never exceptions.

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/base/result.hpp"
#include "support/http/blocking_client.hpp"
#include "support/http/client_options.hpp"
#include "support/http/url.hpp"

namespace shield::prom {

// How a call ended.
enum class api_status {
  success,       // "status": "success"
  error,         // "status": "error" (error_type says which: bad_data, execution, timeout, ...)
  transport,     // no HTTP answer (connect, timeout, reset); http error kind in the message
  bad_response,  // an answer that is not the API's JSON envelope
};

// "success", "error", "transport" or "bad_response".
[[nodiscard]] std::string_view to_string(api_status status);

// One value of a series: evaluation time and the value as Prometheus wrote it.
struct api_sample {
  double timestamp = 0.0;  // Unix seconds
  double value = 0.0;      // parsed value (NaN, +Inf, -Inf included)
  std::string text;        // the value text, e.g. "1", "NaN", "+Inf"
};

// One series of a result; scalar and string results are one series without labels.
struct api_series {
  std::map<std::string, std::string> labels;  // label set, __name__ included when present
  std::vector<api_sample> samples;            // one for vector/scalar/string, many for matrix
};

// The answer to /api/v1/query.
struct query_response {
  api_status status = api_status::transport;  // how the call ended
  int http_status = 0;                        // HTTP status, 0 without an answer
  std::string error_type;                     // Prometheus errorType (bad_data, ...) when status is error
  std::string error;                          // error text (Prometheus' or the transport's)
  std::string result_type;                    // vector, matrix, scalar or string on success
  std::vector<api_series> series;             // result series in answer order
  std::vector<std::string> warnings;          // Prometheus warnings

  [[nodiscard]] bool ok() const { return status == api_status::success; }
  // Success with no series (an empty vector or matrix).
  [[nodiscard]] bool empty() const { return ok() && series.empty(); }
  // One line for messages: "success: vector, 3 series" or "error bad_data: parse error ...".
  [[nodiscard]] std::string describe() const;
};

// One active scrape target.
struct scrape_target {
  std::string scrape_url;                        // e.g. http://127.0.0.1:8000/metrics
  std::string scrape_pool;                       // job's scrape pool
  std::map<std::string, std::string> labels;     // target labels (job, instance, ...)
  std::string health;                            // "up", "down" or "unknown"
  std::string last_error;                        // last scrape error, empty when fine
  std::string last_scrape;                       // RFC 3339 time of the last scrape; changes on every scrape
  double last_scrape_duration_s = 0.0;           // seconds the last scrape took
  std::chrono::milliseconds scrape_interval{0};  // 0 when Prometheus does not report it
};

// The answer to /api/v1/targets?state=active.
struct targets_response {
  api_status status = api_status::transport;  // how the call ended
  int http_status = 0;                        // HTTP status, 0 without an answer
  std::string error;                          // what went wrong when status is not success
  std::vector<scrape_target> active;          // active targets in answer order

  [[nodiscard]] bool ok() const { return status == api_status::success; }
};

// Blocking client for one Prometheus server; not thread-safe (one per thread).
class prom_api_client {
 public:
  // base: the server's URL (a base path such as /prometheus is kept).
  explicit prom_api_client(http::target_url base, http::client_options options = {});

  // Instant query, POSTed as a form (no URL length limit); eval_time in Unix seconds, else now.
  query_response query(std::string_view promql, std::optional<double> eval_time = std::nullopt);
  // Active scrape targets.
  targets_response targets();
  // Values of a label (of the series `match` selects, when given); names of labels (prom_api_labels.cpp).
  base::result<std::vector<std::string>> label_values(std::string_view label, std::string_view match = {});
  base::result<std::vector<std::string>> label_names(std::string_view match = {});
  // A plain GET under the base URL (e.g. "/metrics"), for callers that need the raw answer.
  http::response get(std::string_view target, std::string_view accept = {});

  [[nodiscard]] const http::target_url& url() const { return client_.url(); }

 private:
  http::blocking_client client_;  // one reused keep-alive connection
};

// Decoders of the API's JSON envelope, separate so they can be tested without a server.
[[nodiscard]] query_response parse_query_response(int http_status, std::string_view body);
[[nodiscard]] targets_response parse_targets_response(int http_status, std::string_view body);
// {"status":"success","data":["a","b"]} (the label APIs) to its strings; a failure says why not.
[[nodiscard]] base::result<std::vector<std::string>> parse_string_list_response(int http_status, std::string_view body);

// Prometheus duration text ("1s", "1m30s", "250ms", "2h") in milliseconds; nullopt when malformed.
[[nodiscard]] std::optional<std::chrono::milliseconds> parse_prometheus_duration(std::string_view text);

// application/x-www-form-urlencoded encoding of one value.
[[nodiscard]] std::string form_encode(std::string_view value);

}  // namespace shield::prom
