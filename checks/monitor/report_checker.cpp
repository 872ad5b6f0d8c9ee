// Checks what `shield_bench --monitor` left in a results directory: exactly one
// metrics_report_*.json with one sample per interval and every field present, and a real PNG chart.
// Usage: shield_monitor_report_check DIR DURATION_S INTERVAL_S [--pid]
// Exit 0 when every check passes, 1 listing each failed check, 2 on a usage error.

#include "support/base/flags.hpp"

#include <boost/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

std::vector<std::string> failures;

void expect(bool condition, const std::string& what) {
  if (!condition) failures.push_back(what);
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<fs::path> files_like(const fs::path& dir, const std::string& prefix, const std::string& ext) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && e.path().extension() == ext) out.push_back(e.path());
  }
  return out;
}

// Checks that obj holds every key (values may be null: absent metrics are recorded as null).
void expect_keys(const json::object& obj, const std::vector<std::string>& keys, const std::string& where) {
  for (const auto& k : keys) expect(obj.contains(k), where + ": field '" + k + "' missing");
}

void expect_number(const json::object& obj, const std::string& key, const std::string& where) {
  const auto* v = obj.if_contains(key);
  expect(v != nullptr && v->is_number(), where + ": '" + key + "' is not a number");
}

double number(const json::value& v) { return v.is_number() ? v.to_number<double>() : std::nan(""); }

void check_sample(const json::object& s, const std::string& where, bool pid) {
  expect_keys(s, {"t", "phase", "client", "target", "local"}, where);
  const auto* client = s.if_contains("client");
  const auto* target = s.if_contains("target");
  const auto* local = s.if_contains("local");
  if (client == nullptr || !client->is_object() || target == nullptr || !target->is_object() || local == nullptr ||
      !local->is_object()) {
    expect(false, where + ": client/target/local are not objects");
    return;
  }
  const auto& c = client->as_object();
  expect_keys(c, {"completed", "rps", "failures", "p50_ms", "p95_ms"}, where + ".client");
  expect_number(c, "completed", where + ".client");
  expect_number(c, "rps", where + ".client");
  expect_number(c, "failures", where + ".client");
  if (c.contains("completed") && number(c.at("completed")) > 0) {
    expect_number(c, "p50_ms", where + ".client");
    expect_number(c, "p95_ms", where + ".client");
    if (c.contains("p50_ms") && c.contains("p95_ms"))
      expect(number(c.at("p50_ms")) <= number(c.at("p95_ms")), where + ".client: p50 above p95");
  }
  const auto& t = target->as_object();
  expect_keys(t,
              {"scrape_ok", "scrape_failures", "scrape_message", "cpu_percent", "memory_bytes",
               "redis_connection_status", "http_requests_total", "pii_detection_errors_total",
               "deanonymization_failures_total", "redis_memory_bytes", "rates"},
              where + ".target");
  // The fixture backend is up for the whole run: every scrape must succeed and carry the metrics.
  expect(t.contains("scrape_ok") && t.at("scrape_ok") == json::value(true), where + ".target: scrape failed");
  for (const char* k : {"cpu_percent", "memory_bytes", "http_requests_total", "pii_detection_errors_total"})
    expect_number(t, k, where + ".target");
  if (const auto* r = t.if_contains("rates"); r != nullptr && r->is_object()) {
    expect_keys(r->as_object(),
                {"requests_per_second", "requests_delta", "pii_errors_delta", "deanonymization_failures_delta",
                 "memory_growth_bytes", "redis_memory_growth_bytes", "counter_reset"},
                where + ".target.rates");
  } else {
    expect(false, where + ".target: 'rates' is not an object");
  }
  const auto& l = local->as_object();
  expect_keys(l, {"watched", "status", "cpu_percent", "rss_bytes"}, where + ".local");
  if (pid) {
    expect(l.contains("watched") && l.at("watched") == json::value(true), where + ".local: PID not watched");
    expect_number(l, "rss_bytes", where + ".local");
    if (l.contains("rss_bytes")) expect(number(l.at("rss_bytes")) > 0, where + ".local: rss_bytes not above 0");
  }
}

}  // namespace

int main(int argc, char** argv) {
  // The one flag module's rules (support/base/flags.hpp): repeated, unknown or malformed flags fail.
  std::vector<std::string> args(argv + 1, argv + argc);
  shield::base::flag_reader flags(args);
  const bool pid = flags.toggle("pid").value_or(false);
  auto taken = flags.finish();
  if (taken) taken = shield::base::reject_unknown(args);
  if (!taken || args.size() != 3) {
    std::fprintf(stderr, "%s%susage: %s DIR DURATION_S INTERVAL_S [--pid]\n",
                 taken ? "" : taken.error().message.c_str(), taken ? "" : "\n", argv[0]);
    return 2;
  }
  const fs::path dir = args[0];
  const auto duration_s = shield::base::parse_positive(args[1], 1e6);
  const auto interval_s = shield::base::parse_positive(args[2], 1e6);
  if (!duration_s || !interval_s) {
    std::fprintf(stderr, "DURATION_S and INTERVAL_S must be above 0\n");
    return 2;
  }
  const double duration = *duration_s;
  const double interval = *interval_s;

  const auto reports = files_like(dir, "metrics_report_", ".json");
  const auto charts = files_like(dir, "metrics_chart_", ".png");
  expect(reports.size() == 1, "expected one metrics_report_*.json, found " + std::to_string(reports.size()));
  expect(charts.size() == 1, "expected one metrics_chart_*.png, found " + std::to_string(charts.size()));

  if (charts.size() == 1) {
    const std::string png = read_all(charts[0]);
    expect(png.size() > 10 * 1024, "chart is only " + std::to_string(png.size()) + " bytes (want > 10 KB)");
    expect(png.rfind(std::string("\x89PNG\r\n\x1a\n", 8), 0) == 0, "chart does not start with the PNG signature");
  }

  if (reports.size() == 1) {
    boost::system::error_code ec;
    const json::value doc = json::parse(read_all(reports[0]), ec);
    expect(!ec, "report is not JSON: " + ec.message());
    if (!ec && doc.is_object()) {
      const auto& d = doc.as_object();
      expect(d.contains("format") && d.at("format") == json::value("shield.metrics_report"), "format is wrong");
      expect_keys(d, {"version", "settings", "samples", "verdicts"}, "report");
      if (const auto* st = d.if_contains("settings"); st != nullptr && st->is_object()) {
        const auto& s = st->as_object();
        expect(s.contains("interval_s") && std::fabs(number(s.at("interval_s")) - interval) < 1e-9,
               "settings.interval_s is not " + std::to_string(interval));
        if (pid) expect(s.contains("local_pid") && s.at("local_pid").is_int64(), "settings.local_pid missing");
      }
      std::size_t idle = 0;
      std::size_t load = 0;
      double last_t = -1.0;
      double completed = 0.0;
      if (const auto* sm = d.if_contains("samples"); sm != nullptr && sm->is_array()) {
        std::size_t i = 0;
        for (const auto& v : sm->as_array()) {
          const std::string where = "samples[" + std::to_string(i++) + "]";
          if (!v.is_object()) {
            expect(false, where + " is not an object");
            continue;
          }
          const auto& s = v.as_object();
          check_sample(s, where, pid);
          const double t = s.contains("t") ? number(s.at("t")) : std::nan("");
          expect(t > last_t, where + ": t does not increase");
          last_t = t;
          const auto* phase = s.if_contains("phase");
          if (phase != nullptr && *phase == json::value("idle")) {
            ++idle;
            expect(load == 0, where + ": idle sample after the load started");
          } else if (phase != nullptr && *phase == json::value("load")) {
            ++load;
            if (const auto* c = s.if_contains("client");
                c != nullptr && c->is_object() && c->as_object().contains("completed"))
              completed += number(c->as_object().at("completed"));
          } else {
            expect(false, where + ": unexpected phase");
          }
        }
      } else {
        expect(false, "samples is not an array");
      }
      const double want = duration / interval;
      expect(idle == 2, "expected 2 idle samples, found " + std::to_string(idle));
      expect(std::fabs(static_cast<double>(load) - want) <= 1.0,
             "expected " + std::to_string(want) + " (+-1) load samples, found " + std::to_string(load));
      expect(completed > 0, "no request completed during the load samples");
      // Cross-check against shield_bench's own results file: the samples add up to the run's total.
      const auto results = files_like(dir, "stress_test_results_", ".json");
      if (results.size() == 1) {
        const json::value r = json::parse(read_all(results[0]), ec);
        const auto* cases = !ec && r.is_object() ? r.as_object().if_contains("cases") : nullptr;
        if (cases != nullptr && cases->is_array() && cases->as_array().size() == 1 &&
            cases->as_array()[0].is_object()) {
          const auto* req = cases->as_array()[0].as_object().if_contains("requests");
          expect(req != nullptr && std::fabs(number(*req) - completed) < 0.5,
                 "load samples add up to " + std::to_string(completed) + " requests, the results file says " +
                     (req != nullptr ? json::serialize(*req) : std::string("nothing")));
        }
      }
      std::set<std::string> names;
      if (const auto* vs = d.if_contains("verdicts"); vs != nullptr && vs->is_array()) {
        for (const auto& v : vs->as_array()) {
          if (!v.is_object()) continue;
          const auto& o = v.as_object();
          expect_keys(o, {"name", "status", "detail"}, "verdict");
          if (o.contains("name") && o.at("name").is_string()) names.insert(std::string(o.at("name").as_string()));
          if (o.contains("status") && o.at("status").is_string()) {
            const std::string st(o.at("status").as_string());
            expect(st == "ok" || st == "warn" || st == "fail" || st == "unknown", "verdict status '" + st + "'");
          }
        }
      }
      for (const char* n : {"request_rate_rose", "response_time_stable", "cpu_usage", "memory_growth",
                            "pii_detection_errors", "redis_connected"})
        expect(names.count(n) == 1, std::string("verdict '") + n + "' missing");
    }
  }

  for (const auto& f : failures) std::fprintf(stderr, "FAIL: %s\n", f.c_str());
  if (failures.empty()) std::printf("monitor report OK: %s\n", reports.empty() ? "" : reports[0].c_str());
  return failures.empty() ? 0 : 1;
}
