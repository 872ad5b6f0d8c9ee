#pragma once
// Starts a real redis-server and the reference backend as child processes for one test suite.
#include <boost/json/value.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fixtures/servers/backend_process.hpp"
#include "fixtures/servers/redis_server.hpp"
#include "support/http/blocking_client.hpp"

namespace shield::backend_checks {

// Redis (optional) plus one backend process; stopped in the destructor.
class backend_harness {
 public:
  // Starts Redis when with_redis, then the backend with extra flags; the failure says why not.
  base::result<void> start(const std::vector<std::string>& flags, bool with_redis = true);
  http::target_url url() const;
  // A fresh blocking client with short timeouts, so a broken backend fails fast.
  http::blocking_client client() const;
  servers::redis_server& redis() { return redis_; }
  servers::backend_process& backend() { return backend_; }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;                   // logs and state of this harness
  servers::redis_server redis_;       // real redis-server, when asked for
  servers::backend_process backend_;  // the server under test
};

// A started harness for a whole test suite, or null after reporting why it did not start.
std::unique_ptr<backend_harness> start_shared(const std::vector<std::string>& flags, bool with_redis = true);

// The body parsed as JSON; a null value (and a test failure) when it is not JSON.
boost::json::value json_body(const http::response& res);

// POST /anonymize and the parsed answer.
boost::json::value anonymize(http::blocking_client& client, std::string_view text, std::string_view session);

// Value of one series in a /metrics answer, by name and exact label values; nullopt when absent.
std::optional<double> metric_value(std::string_view exposition, std::string_view name,
                                   const std::vector<std::pair<std::string, std::string>>& labels = {});

// Scrapes /metrics and returns metric_value of it.
std::optional<double> scrape_metric(http::blocking_client& client, std::string_view name,
                                    const std::vector<std::pair<std::string, std::string>>& labels = {});

// A short description of a response for failure messages: status, error kind, start of the body.
std::string describe(const http::response& res);

// JSON text of a string (quotes and escapes), for building request bodies.
std::string json_string(std::string_view text);

}  // namespace shield::backend_checks
