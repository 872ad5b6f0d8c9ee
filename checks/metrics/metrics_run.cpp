#include "checks/metrics/metrics_run.hpp"

#include "support/base/flags.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>

#include "checks/metrics/prometheus_variables.hpp"
#include "checks/client/gtest_target.hpp"
#include "support/prom/exposition_parser.hpp"
#include "support/base/secrets.hpp"
#include "support/http/blocking_client.hpp"
#include "support/http/url.hpp"

namespace shield::metrics {
namespace {

std::optional<metrics_config>& config_storage() {
  static std::optional<metrics_config> config;
  return config;
}

std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

std::string metrics_flags_usage() {
  return "  --expected_metrics=FILE  expected-metrics JSON (SHIELD_EXPECTED_METRICS; default: the ten Shield metrics,\n"
         "                           none without a target)\n"
         "  --scrape_wait=S          longest wait for 3 fresh Prometheus scrapes of the target (default 90)\n"
         "  --client_metrics_listen=HOST:PORT  serve a load client's exposition there (the address Prometheus\n"
         "                           scrapes as its client job) so the dashboard's Client side row has data;\n"
         "                           (SHIELD_CLIENT_METRICS_LISTEN, $SHIELD_STATE_DIR/client_metrics.listen); without\n"
         "                           one those queries are not sent\n"
         "  --var NAME=VALUE[,VALUE...]  give a dashboard variable a value (repeatable; overrides the saved one\n"
         "                           and Prometheus)\n"
         "  --prometheus_job=NAME    the job under which Prometheus scrapes the target (SHIELD_PROMETHEUS_JOB;\n"
         "                           default: the target whose scrape URL is --target's host:port)\n"
         "  --prometheus_instance=I  and its instance label, e.g. backend:8000 (SHIELD_PROMETHEUS_INSTANCE)\n"
         "  A Prometheus URL comes from --prometheus, SHIELD_PROMETHEUS or $SHIELD_STATE_DIR/prometheus.url;\n"
         "  with one, the dashboard's query variables take their values from it, as Grafana does on load.\n"
         "  A --dashboard without a target (no --target, SHIELD_TARGET or CTest fixture) is checked against the\n"
         "  Prometheus alone: the checks that need a target are reported not applicable.\n";
}

base::result<metrics_config> read_metrics_config(std::vector<std::string>& args, const client::target_setup& setup) {
  metrics_config out;
  base::flag_reader flags(args);
  // A dashboard without a target is another service's: the Shield metrics are not expected of it.
  out.with_target = setup.target_given() || !setup.dashboard_given;
  if (auto file = flags.value("expected_metrics"))
    out.expected_file = *file;
  else if (auto env = env_or_empty("SHIELD_EXPECTED_METRICS"); !env.empty())
    out.expected_file = env;
  else if (out.with_target)
    out.expected_file = expected::default_expected_metrics_file();
  if (auto wait = flags.value("scrape_wait")) {
    char* end = nullptr;
    const double seconds = std::strtod(wait->c_str(), &end);
    if (wait->empty() || end != wait->c_str() + wait->size() || !(seconds > 0) || seconds > 3600)
      return base::fail("--scrape_wait=" + *wait + ": expected seconds, above 0 and at most 3600");
    out.scrape_wait = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
  }
  out.prometheus_job = flags.value("prometheus_job").value_or(env_or_empty("SHIELD_PROMETHEUS_JOB"));
  out.prometheus_instance = flags.value("prometheus_instance").value_or(env_or_empty("SHIELD_PROMETHEUS_INSTANCE"));
  const auto listen = flags.value("client_metrics_listen");
  if (listen) {
    out.client_listen = *listen;
  } else if (auto env = env_or_empty("SHIELD_CLIENT_METRICS_LISTEN"); !env.empty()) {
    out.client_listen = env;
  } else if (const auto dir = env_or_empty("SHIELD_STATE_DIR"); !dir.empty()) {
    std::ifstream in(dir + "/client_metrics.listen");
    in >> out.client_listen;
  }
  if (!out.with_target) {
    if (listen)
      return base::fail("--client_metrics_listen needs a target (--target=URL): its load client sends its load there");
    out.client_listen.clear();  // no load client without a target: an address from the environment does not apply
  }
  for (const auto& given : flags.values("var")) {
    auto parsed = grafana::parse_variable_override(given);
    if (!parsed) return parsed.error();
    out.variables.push_back(std::move(*parsed));
  }
  if (!setup.prometheus_url.empty()) {
    out.prometheus_url = setup.prometheus_url;
    out.prometheus_source = "--prometheus or SHIELD_PROMETHEUS";
  } else if (const auto dir = env_or_empty("SHIELD_STATE_DIR"); !dir.empty()) {
    std::ifstream in(dir + "/prometheus.url");
    if (in >> out.prometheus_url) out.prometheus_source = dir + "/prometheus.url";
  }
  if (!out.prometheus_url.empty() && !http::parse_url(out.prometheus_url))
    return base::fail("bad Prometheus URL '" + http::redact_userinfo(out.prometheus_url) + "' (" +
                      out.prometheus_source + ")");
  if (!out.with_target && out.prometheus_url.empty())
    return base::fail(
        "no target and no Prometheus: give --target=URL to check a target, or --prometheus=URL to check the "
        "dashboard against what a Prometheus holds (shield_lint dashboard checks it offline)");
  if (auto done = flags.finish(); !done) return done.error();
  return out;
}

void set_metrics_config(metrics_config config) { config_storage() = std::move(config); }

const metrics_config& current_metrics_config() {
  if (!config_storage()) throw std::logic_error("current_metrics_config() used before main() set it");
  return *config_storage();
}

http::client_options prometheus_client_options() {
  http::client_options options;
  options.connect_timeout = std::chrono::seconds(5);
  options.request_timeout = std::chrono::seconds(30);
  return options;
}

prom::prom_api_client make_prometheus_client() {
  return prom::prom_api_client(*http::parse_url(current_metrics_config().prometheus_url), prometheus_client_options());
}

const expected::load_result& expected_metrics_file() {
  static const expected::load_result loaded = [] {
    const std::string& file = current_metrics_config().expected_file;
    if (!file.empty()) return expected::load_expected_metrics(file);
    expected::load_result none;
    none.metrics.emplace().source = "no expected-metrics file";
    return none;
  }();
  return loaded;
}

bool filter_out_not_applicable(const metrics_config& config) {
  std::vector<std::string> out;
  if (!config.with_target) {
    std::cout << "[ n/a      ] no target (--target, SHIELD_TARGET): not run: MetricsExposition.* (the target's "
                 "/metrics) and PrometheusQueries.ScrapesTheTarget; the dashboard is checked against Prometheus\n";
    out.insert(out.end(), {"MetricsExposition.*", "PrometheusQueries.ScrapesTheTarget"});
  }
  if (config.expected_file.empty()) {
    std::cout << "[ n/a      ] no expected-metrics file (--expected_metrics): not run: Dashboard.NoNodeExporterMetrics "
                 "(the families it forbids come from that file)\n";
    out.emplace_back("Dashboard.NoNodeExporterMetrics");
  }
  if (out.empty()) return false;
  // A filter is POSITIVE[-NEGATIVE]: the names join the negative part, which may already exist.
  std::string filter = GTEST_FLAG_GET(filter);
  filter += filter.find('-') == std::string::npos ? "-" : ":";
  for (std::size_t i = 0; i < out.size(); ++i) filter += (i == 0 ? "" : ":") + out[i];
  GTEST_FLAG_SET(filter, filter);
  return true;
}

const traffic_summary& sample_traffic() {
  static const traffic_summary summary = send_sample_traffic(client::current_target());
  return summary;
}

const exposition_capture& target_exposition() {
  static const exposition_capture capture = [] {
    (void)sample_traffic();
    exposition_capture out;
    const auto& target = client::current_target();
    std::string path = "/metrics";
    for (const auto& ep : target.profile.endpoints) {
      if (ep.response == profile::response_kind::prometheus) path = ep.path;
    }
    http::target_url origin = target.url;
    origin.base_path.clear();
    out.url = origin.to_string() + target.url.join(path);
    http::blocking_client client(target.url, target.options);
    http::request req;
    req.target = path;
    req.headers = target.http_headers();
    req.headers.push_back({"Accept", "text/plain; version=0.0.4"});
    const http::response res = client.send(req);
    if (!res.ok()) {
      out.error = "GET " + out.url + " failed: " + std::string(http::to_string(res.error)) + " " + res.error_message;
      return out;
    }
    out.content_type = std::string(res.header_value("Content-Type"));
    if (res.status != 200) {
      out.error = "GET " + out.url + " answered " + std::to_string(res.status);
      return out;
    }
    const auto format = prom::format_from_content_type(out.content_type);
    if (!format) {
      out.error = "GET " + out.url + " answered Content-Type '" + out.content_type + "', not a Prometheus text format";
      return out;
    }
    out.checked = prom::check_metrics(res.body, *format);
    return out;
  }();
  return capture;
}

const prepared_dashboard& dashboard() {
  static const prepared_dashboard prepared = [] {
    const metrics_config& config = current_metrics_config();
    variable_inputs inputs;
    inputs.overrides = config.variables;
    std::optional<prom::prom_api_client> client;
    std::optional<prometheus_variable_source> source;
    if (!config.prometheus_url.empty()) {
      client.emplace(*http::parse_url(config.prometheus_url), prometheus_client_options());
      source.emplace(*client);
      inputs.source = &*source;
    }
    prepared_dashboard out = prepare_dashboard_file(client::current_target().dashboard_path, {}, inputs);
    for (const std::string& note : out.notes) std::cout << "[ variable ] " << note << "\n";
    return out;
  }();
  return prepared;
}

void report_checked(const prepared_dashboard& d, std::string_view check) {
  const std::size_t unchecked = d.not_checked();
  std::cout << "[ checked  ] " << check << ": " << d.checkable() << " of " << d.queries.size() << " queries checked";
  if (unchecked > 0) std::cout << ", " << unchecked << " not checked";
  std::cout << "\n";
  if (unchecked > 0) {
    ADD_FAILURE() << check << ": " << unchecked << " of " << d.queries.size()
                  << " queries not checked (variables without a value; each is listed by "
                     "Dashboard.ReadableWithVariablesSubstituted): give --var NAME=VALUE or --prometheus";
  }
  if (d.checkable() == 0) ADD_FAILURE() << check << ": no query was checked";
}

void report(const std::vector<finding>& findings) {
  for (const auto& f : findings) {
    if (f.level == severity::error) {
      ADD_FAILURE() << to_string(f);
    } else {
      std::cout << "[  WARNING ] " << base::scrub(to_string(f)) << "\n";
    }
  }
}

}  // namespace shield::metrics
