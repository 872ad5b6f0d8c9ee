#include "checks/functional/metrics_reader.hpp"

#include <vector>

#include "support/prom/exposition_parser.hpp"

namespace shield::functional {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    const auto slash = path.find('/', pos);
    out.push_back(path.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos));
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  return out;
}

std::string_view label_value(const prom::sample& s, std::string_view name) {
  for (const auto& l : s.labels) {
    if (l.name == name) return l.value;
  }
  return {};
}

}  // namespace

scrape_result scrape(http::blocking_client& client, const profile::endpoint& metrics_ep) {
  scrape_result out;
  out.ex = call(client, metrics_ep, "", "");
  if (out.ex.response.status != metrics_ep.expect_status) {
    out.error = "the metrics endpoint did not answer " + std::to_string(metrics_ep.expect_status);
    return out;
  }
  const auto ct = out.ex.response.header_value("Content-Type");
  const auto format = prom::format_from_content_type(ct).value_or(prom::exposition_format::prometheus_text);
  auto parsed = prom::parse_exposition(out.ex.response.body, format);
  if (!parsed.ok()) {
    const auto& e = parsed.errors.front();
    out.error =
        "the exposition does not parse: line " + std::to_string(e.line) + ": " + std::string(e.rule) + ": " + e.message;
  }
  out.parsed = std::move(parsed);
  return out;
}

bool endpoint_label_matches(std::string_view label, const profile::endpoint& ep) {
  std::string_view path = ep.path;
  path = path.substr(0, path.find('?'));
  if (label == path) return true;
  const auto want = split_path(path);
  const auto got = split_path(label);
  if (want.size() != got.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const bool templated =
        want[i].find(profile::placeholder_token(profile::placeholder::session_id)) != std::string_view::npos;
    if (templated ? got[i].empty() : want[i] != got[i]) return false;
  }
  return true;
}

double requests_total(const prom::exposition& exp, const profile::endpoint& ep, std::optional<int> status) {
  double sum = 0;
  const std::string status_text = status ? std::to_string(*status) : std::string();
  for (const auto& family : exp.families) {
    for (const auto& s : family.samples) {
      if (s.name != "http_requests_total") continue;
      if (label_value(s, "method") != ep.method) continue;
      if (!endpoint_label_matches(label_value(s, "endpoint"), ep)) continue;
      if (status && label_value(s, "status") != status_text) continue;
      sum += s.value;
    }
  }
  return sum;
}

std::string request_series(const prom::exposition& exp, const profile::endpoint& ep) {
  std::string out;
  for (const auto& family : exp.families) {
    for (const auto& s : family.samples) {
      if (s.name != "http_requests_total" || label_value(s, "method") != ep.method) continue;
      if (!endpoint_label_matches(label_value(s, "endpoint"), ep)) continue;
      out += "\n    " + std::string(s.name) + "{";
      for (std::size_t i = 0; i < s.labels.size(); ++i) {
        out += (i ? "," : "") + std::string(s.labels[i].name) + "=\"" + std::string(s.labels[i].value) + "\"";
      }
      out += "} " + count_text(s.value);
    }
  }
  return out.empty() ? "\n    (no series)" : out;
}

std::string count_text(double value) {
  if (value == static_cast<double>(static_cast<long long>(value))) return std::to_string(static_cast<long long>(value));
  return std::to_string(value);
}

std::optional<double> sample_sum(const prom::exposition& exp, std::string_view name) {
  std::optional<double> sum;
  for (const auto& family : exp.families) {
    for (const auto& s : family.samples) {
      if (s.name == name) sum = sum.value_or(0) + s.value;
    }
  }
  return sum;
}

}  // namespace shield::functional
