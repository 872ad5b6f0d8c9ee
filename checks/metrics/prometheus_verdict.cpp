#include "checks/metrics/prometheus_verdict.hpp"

#include <algorithm>
#include <thread>

#include "support/prom/promql_analyzer.hpp"

namespace shield::metrics {
namespace {

using clock = std::chrono::steady_clock;

bool is_loopback(std::string_view host) { return host == "localhost" || host == "127.0.0.1" || host == "::1"; }

// PromQL string literal of a label value.
std::string quoted_value(std::string_view value) {
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// The selector as its own query: name{matchers}.
std::string selector_text(const prom::metric_reference& ref) {
  std::string out = ref.name;
  if (ref.matchers.empty()) return out;
  out += '{';
  for (std::size_t i = 0; i < ref.matchers.size(); ++i) {
    out += (i ? ", " : "") + ref.matchers[i].name + ref.matchers[i].op + quoted_value(ref.matchers[i].value);
  }
  return out + '}';
}

std::string label_of(const prom::scrape_target& t, const std::string& name) {
  const auto it = t.labels.find(name);
  return it == t.labels.end() ? std::string() : it->second;
}

std::string list_targets(const std::vector<prom::scrape_target>& targets) {
  std::string out;
  for (const auto& t : targets) {
    out += (out.empty() ? "" : ", ") + std::string("job=") + label_of(t, "job") +
           " instance=" + label_of(t, "instance") + " (" + t.scrape_url + ")";
  }
  return out.empty() ? "none" : out;
}

// What the checks look for, for messages.
std::string wanted(const http::target_url& target, const scrape_wait_options& options) {
  if (options.job.empty() && options.instance.empty()) {
    return "does not scrape " + target.to_string() +
           " (when it scrapes the backend under its own job, name it: --prometheus_job=NAME, "
           "--prometheus_instance=HOST:PORT)";
  }
  std::string out = "has no target with";
  if (!options.job.empty()) out += " job=\"" + options.job + "\"";
  if (!options.instance.empty()) out += " instance=\"" + options.instance + "\"";
  return out;
}

// Why an accepted query came back empty; nullopt when it should not have.
struct empty_explanation {
  severity level = severity::error;  // error unless the emptiness is legitimate
  std::string text;                  // the reason, appended to the message
};

empty_explanation explain_empty(prom::prom_api_client& client, const prepared_query& q) {
  const prom::promql_analysis analysis = prom::analyze_promql(q.promql);
  std::vector<std::string> filtered;
  for (const auto& ref : analysis.metrics) {
    if (ref.match != prom::name_match::exact) continue;
    const prom::query_response bare = client.query(ref.name);
    if (!bare.ok() || bare.empty()) {
      return {severity::error, "metric " + ref.name + " has no series in Prometheus (" + bare.describe() +
                                   "): is it exposed and the target scraped?"};
    }
    if (ref.matchers.empty()) continue;
    const std::string selector = selector_text(ref);
    const prom::query_response narrowed = client.query(selector);
    if (narrowed.ok() && narrowed.empty()) {
      filtered.push_back(selector + " matches none of " + ref.name + "'s " + std::to_string(bare.series.size()) +
                         " series");
    }
  }
  if (!filtered.empty()) {
    std::string text = "no series match yet: ";
    for (std::size_t i = 0; i < filtered.size(); ++i) text += (i ? "; " : "") + filtered[i];
    return {severity::warning, text};
  }
  if (q.query.origin == grafana::query_origin::annotation) {
    return {severity::warning,
            "every metric it reads has data; its filter selects no event now (expected for an annotation)"};
  }
  return {severity::error,
          "every metric it reads has data, yet the query returns nothing (label mismatch in a "
          "binary operation, or a filter that drops every series?)"};
}

}  // namespace

bool scrape_url_matches(std::string_view scrape_url, const http::target_url& target) {
  const auto scheme_end = scrape_url.find("://");
  if (scheme_end == std::string_view::npos) return false;
  const std::string_view scheme = scrape_url.substr(0, scheme_end);
  std::string_view authority = scrape_url.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  std::string_view host = authority;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return false;
    host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') port_text = authority.substr(close + 2);
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port_text = authority.substr(colon + 1);
  }
  unsigned port = scheme == "https" ? 443 : 80;
  if (!port_text.empty()) {
    port = 0;
    for (const char c : port_text) {
      if (c < '0' || c > '9' || port > 65535) return false;
      port = port * 10 + static_cast<unsigned>(c - '0');
    }
  }
  if (port != target.port) return false;
  return host == target.host || (is_loopback(host) && is_loopback(target.host));
}

bool is_selected_target(const prom::scrape_target& t, const http::target_url& target,
                        const scrape_wait_options& options) {
  if (options.job.empty() && options.instance.empty()) return scrape_url_matches(t.scrape_url, target);
  if (!options.job.empty() && label_of(t, "job") != options.job) return false;
  return options.instance.empty() || label_of(t, "instance") == options.instance;
}

scrape_wait_result wait_for_scrapes(prom::prom_api_client& client, const http::target_url& target,
                                    const scrape_wait_options& options) {
  scrape_wait_result out;
  const auto start = clock::now();
  auto deadline = start + options.limit;
  std::optional<std::string> last_seen;  // lastScrape when first seen, then at each change
  bool interval_known = false;
  std::string last_problem;
  std::optional<clock::time_point> gave_up_at;  // when an unmatched target list stops the wait
  while (true) {
    const prom::targets_response r = client.targets();
    if (!r.ok()) {
      last_problem = "/api/v1/targets failed: " + r.error;
    } else {
      const auto it = std::find_if(r.active.begin(), r.active.end(), [&](const prom::scrape_target& t) {
        return is_selected_target(t, target, options);
      });
      if (it == r.active.end()) {
        last_problem = "Prometheus at " + client.url().to_string() + " " + wanted(target, options) +
                       " (active targets: " + list_targets(r.active) + ")";
        // Its targets are known: one scrape interval is enough for a new one to show up (none yet:
        // a Prometheus just started may still be discovering them).
        if (!gave_up_at && !r.active.empty()) {
          auto interval = std::chrono::milliseconds(2000);
          for (const auto& t : r.active) interval = std::max(interval, t.scrape_interval);
          gave_up_at = clock::now() + interval;
        }
        if (gave_up_at && clock::now() >= *gave_up_at) break;
      } else {
        out.target = *it;
        last_problem.clear();
        // With a known interval, no need to wait the whole limit for a target that stopped.
        if (!interval_known && it->scrape_interval.count() > 0) {
          interval_known = true;
          const auto needed = it->scrape_interval * (options.scrapes + 2) + std::chrono::seconds(5);
          deadline = std::min(deadline, start + std::max<clock::duration>(needed, std::chrono::seconds(10)));
        }
        if (!last_seen) {
          last_seen = it->last_scrape;
        } else if (it->last_scrape != *last_seen) {
          last_seen = it->last_scrape;
          ++out.scrapes_seen;
        }
        if (out.scrapes_seen >= options.scrapes && it->health == "up") break;
      }
    }
    if (clock::now() + options.poll > deadline) break;
    std::this_thread::sleep_for(options.poll);
  }
  out.waited = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start);
  const std::string waited = std::to_string(out.waited.count()) + " ms";
  if (!last_problem.empty()) {
    out.problems.push_back({severity::error, finding_kind::target_not_scraped, target.to_string(),
                            last_problem + " (after " + waited + ")"});
  } else if (out.scrapes_seen < options.scrapes) {
    out.problems.push_back({severity::error, finding_kind::target_not_scraped, target.to_string(),
                            "Prometheus scraped " + target.to_string() + " only " + std::to_string(out.scrapes_seen) +
                                " times in " + waited + ", wanted " + std::to_string(options.scrapes)});
  } else if (out.target && out.target->health != "up") {
    out.problems.push_back(
        {severity::error, finding_kind::target_not_scraped, target.to_string(),
         "Prometheus sees " + out.target->scrape_url + " as " + out.target->health + ": " + out.target->last_error});
  }
  return out;
}

std::vector<finding> run_dashboard_queries(prom::prom_api_client& client, const prepared_dashboard& dashboard) {
  std::vector<finding> out;
  for (const auto& q : dashboard.queries) {
    if (!q.substituted || q.promql.empty()) continue;
    const std::string& name = q.query.name;
    const prom::query_response r = client.query(q.promql);
    for (const auto& w : r.warnings) {
      out.push_back({severity::warning, finding_kind::query_failed, name, name + ": Prometheus warns: " + w});
    }
    if (r.status == prom::api_status::error && r.error_type == "bad_data") {
      out.push_back({severity::error, finding_kind::query_rejected, name,
                     name + ": Prometheus rejects `" + q.promql + "`: " + r.error});
    } else if (!r.ok()) {
      out.push_back(
          {severity::error, finding_kind::query_failed, name, name + ": `" + q.promql + "`: " + r.describe()});
    } else if (r.empty()) {
      const empty_explanation why = explain_empty(client, q);
      out.push_back(
          {why.level, finding_kind::no_data, name, name + ": `" + q.promql + "` returns no data: " + why.text});
    }
  }
  return out;
}

}  // namespace shield::metrics
