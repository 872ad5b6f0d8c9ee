#include "checks/backend/backend_harness.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <gtest/gtest.h>

#include "support/prom/exposition_parser.hpp"

namespace shield::backend_checks {

base::result<void> backend_harness::start(const std::vector<std::string>& flags, bool with_redis) {
  dir_ = servers::make_scratch_dir("shield-backend-test");
  if (dir_.empty()) return base::fail("cannot create a scratch directory");
  std::vector<std::string> args = flags;
  if (with_redis) {
    if (auto started = redis_.start(dir_); !started) return started;
    args.push_back("--redis=" + redis_.address());
  }
  return backend_.start(SHIELD_BACKEND_BIN, args, dir_);
}

std::unique_ptr<backend_harness> start_shared(const std::vector<std::string>& flags, bool with_redis) {
  auto harness = std::make_unique<backend_harness>();
  if (const auto started = harness->start(flags, with_redis); !started) {
    ADD_FAILURE() << "backend did not start: " << started.error();
    return nullptr;
  }
  return harness;
}

http::target_url backend_harness::url() const {
  return *http::parse_url("http://127.0.0.1:" + std::to_string(backend_.port()));
}

http::blocking_client backend_harness::client() const {
  http::client_options options;
  options.connect_timeout = std::chrono::seconds(2);
  options.request_timeout = std::chrono::seconds(10);
  options.idle_timeout = std::chrono::seconds(5);
  return http::blocking_client(url(), options);
}

boost::json::value json_body(const http::response& res) {
  boost::system::error_code ec;
  auto value = boost::json::parse(res.body, ec);
  if (ec) {
    ADD_FAILURE() << "body is not JSON (" << ec.message() << "): " << describe(res);
    return nullptr;
  }
  return value;
}

boost::json::value anonymize(http::blocking_client& client, std::string_view text, std::string_view session) {
  const std::string body = "{\"text\":" + json_string(text) + ",\"session_id\":" + json_string(session) + "}";
  const auto res = client.post("/anonymize", body);
  EXPECT_EQ(res.status, 200) << "POST /anonymize " << body << " -> " << describe(res);
  return json_body(res);
}

std::optional<double> metric_value(std::string_view exposition, std::string_view name,
                                   const std::vector<std::pair<std::string, std::string>>& labels) {
  const auto parsed = prom::parse_exposition(exposition, prom::exposition_format::prometheus_text);
  for (const auto& family : parsed.families) {
    for (const auto& s : family.samples) {
      if (s.name != name) continue;
      bool all = true;
      for (const auto& [key, want] : labels) {
        bool found = false;
        for (const auto& l : s.labels) found = found || (l.name == key && l.value == want);
        all = all && found;
      }
      if (all) return s.value;
    }
  }
  return std::nullopt;
}

std::optional<double> scrape_metric(http::blocking_client& client, std::string_view name,
                                    const std::vector<std::pair<std::string, std::string>>& labels) {
  const auto res = client.get("/metrics");
  EXPECT_EQ(res.status, 200) << describe(res);
  return metric_value(res.body, name, labels);
}

std::string describe(const http::response& res) {
  std::string out = "status " + std::to_string(res.status);
  if (!res.ok()) out += ", error " + std::string(http::to_string(res.error)) + " (" + res.error_message + ")";
  out += ", body: " + res.body.substr(0, 300);
  if (res.body.size() > 300) out += "...";
  return out;
}

std::string json_string(std::string_view text) { return boost::json::serialize(boost::json::string(text)); }

}  // namespace shield::backend_checks
