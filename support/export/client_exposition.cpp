#include "support/export/client_exposition.hpp"

#include <charconv>
#include <cmath>

namespace shield::live {

namespace {

// Shortest text that reads back as the same double ("0.005", "1", "2.5").
std::string number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc{} ? std::string(buf, end) : "NaN";
}

void family_header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

// `name{labels[,le="..."]} value` lines of one cumulative histogram.
void histogram_lines(std::string& out, std::string_view name, const std::string& labels, const bucket_counts& b) {
  for (std::size_t i = 0; i < duration_bounds.size(); ++i) {
    out.append(name).append("_bucket{").append(labels).append(",le=\"").append(number(duration_bounds[i]));
    out.append("\"} ").append(std::to_string(b.le[i])).append("\n");
  }
  out.append(name)
      .append("_bucket{")
      .append(labels)
      .append(",le=\"+Inf\"} ")
      .append(std::to_string(b.count))
      .append("\n");
  out.append(name).append("_sum{").append(labels).append("} ").append(number(b.sum_seconds)).append("\n");
  out.append(name).append("_count{").append(labels).append("} ").append(std::to_string(b.count)).append("\n");
}

std::string case_labels(const std::string& case_name, const std::string& endpoint) {
  return "case=\"" + escape_label_value(case_name) + "\",endpoint=\"" + escape_label_value(endpoint) + "\"";
}

}  // namespace

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char ch : value) {
    if (ch == '\\')
      out += "\\\\";
    else if (ch == '"')
      out += "\\\"";
    else if (ch == '\n')
      out += "\\n";
    else
      out += ch;
  }
  return out;
}

std::string render_exposition(const metrics_snapshot& s) {
  std::string out;
  constexpr std::string_view requests = "shield_client_requests_total";
  family_header(out, requests, "counter",
                "Requests the load client completed, by case, endpoint and outcome (ok or the failure kind).");
  for (const auto& c : s.cases) {
    for (const auto& e : c.endpoints) {
      const std::string labels = case_labels(c.case_name, e.endpoint);
      for (std::size_t k = 0; k < load::outcome_count; ++k) {
        out.append(requests).append("{").append(labels).append(",outcome=\"");
        out.append(load::to_string(static_cast<load::outcome>(k))).append("\"} ");
        out.append(std::to_string(e.outcomes[k])).append("\n");
      }
    }
  }
  constexpr std::string_view duration = "shield_client_request_duration_seconds";
  family_header(out, duration, "histogram",
                "Latency of successful requests as the load client saw it, from the intended send time.");
  for (const auto& c : s.cases) {
    for (const auto& e : c.endpoints) histogram_lines(out, duration, case_labels(c.case_name, e.endpoint), e.duration);
  }
  family_header(out, "shield_client_in_flight", "gauge", "Requests the load client has in flight now.");
  out.append("shield_client_in_flight ").append(std::to_string(s.in_flight)).append("\n");
  bool shaped = false;
  for (const auto& c : s.cases) shaped = shaped || c.shaped;
  if (shaped) {
    // --stages: which stage each shaped case is in, and its target (rate, or requests in flight).
    family_header(out, "shield_client_stage", "gauge", "Stage (from 0) of the case's --stages load shape.");
    for (const auto& c : s.cases) {
      if (!c.shaped) continue;
      out.append("shield_client_stage{case=\"").append(escape_label_value(c.case_name)).append("\"} ");
      out.append(std::to_string(c.stage)).append("\n");
    }
    family_header(out, "shield_client_stage_target", "gauge",
                  "Target of the case's load shape now: arrivals per second (open loop) or requests in flight.");
    for (const auto& c : s.cases) {
      if (!c.shaped) continue;
      out.append("shield_client_stage_target{case=\"").append(escape_label_value(c.case_name)).append("\"} ");
      out.append(number(c.target)).append("\n");
    }
  }
  bool streams = false;
  for (const auto& c : s.cases) streams = streams || c.streams;
  if (streams) {
    constexpr std::string_view ttft = "shield_client_ttft_seconds";
    family_header(out, ttft, "histogram", "Time from the intended send to the first streamed token.");
    for (const auto& c : s.cases) {
      if (c.streams) histogram_lines(out, ttft, case_labels(c.case_name, c.stream_endpoint), c.ttft);
    }
  }
  return out;
}

}  // namespace shield::live
