#include "support/prom/prom_api_client.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include <boost/json.hpp>

namespace shield::prom {
namespace {

namespace json = boost::json;

// Value text as Prometheus writes it ("1", "NaN", "+Inf", "-Inf") to a double.
double parse_value_text(const std::string& text) {
  if (text == "+Inf" || text == "Inf") return HUGE_VAL;
  if (text == "-Inf") return -HUGE_VAL;
  if (text == "NaN") return std::nan("");
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  return end == text.c_str() ? std::nan("") : v;
}

// [timestamp, "value"] pair; false when the shape is wrong.
bool read_pair(const json::value& v, api_sample& out) {
  const auto* arr = v.if_array();
  if (!arr || arr->size() != 2 || !(*arr)[0].is_number() || !(*arr)[1].is_string()) return false;
  out.timestamp = (*arr)[0].to_number<double>();
  out.text = std::string((*arr)[1].get_string());
  out.value = parse_value_text(out.text);
  return true;
}

bool read_labels(const json::value& v, std::map<std::string, std::string>& out) {
  const auto* obj = v.if_object();
  if (!obj) return false;
  for (const auto& member : *obj) {
    if (!member.value().is_string()) return false;
    out.emplace(std::string(member.key()), std::string(member.value().get_string()));
  }
  return true;
}

std::string string_member(const json::object& obj, std::string_view key) {
  const auto* v = obj.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string{};
}

// Parses the common envelope into `status` (and `error_type` on "error"): the data, or the API's
// error message or why the answer is not the API's envelope.
base::result<const json::value*> envelope(const json::value& root, api_status& status, std::string& error_type) {
  const auto* obj = root.if_object();
  status = api_status::bad_response;
  if (!obj) return base::fail("answer is JSON but not an object");
  const std::string state = string_member(*obj, "status");
  if (state == "error") {
    status = api_status::error;
    error_type = string_member(*obj, "errorType");
    return base::fail(string_member(*obj, "error"));
  }
  if (state != "success" || !obj->contains("data"))
    return base::fail("answer has no \"status\": \"success\" with \"data\"");
  status = api_status::success;
  return &obj->at("data");
}

// Start of the body for messages about answers that are not the API's JSON.
std::string body_excerpt(std::string_view body) {
  constexpr std::size_t limit = 200;
  return std::string(body.substr(0, limit)) + (body.size() > limit ? "..." : "");
}

// The body as JSON, or why it is not (a bad_response).
base::result<json::value> parse_body(std::string_view body) {
  boost::system::error_code ec;
  json::value root = json::parse(body, ec);
  if (!ec) return root;
  return base::fail("not JSON (" + ec.message() + "): " + body_excerpt(body), ec);
}

}  // namespace

std::string_view to_string(api_status status) {
  switch (status) {
    case api_status::success:
      return "success";
    case api_status::error:
      return "error";
    case api_status::transport:
      return "transport";
    case api_status::bad_response:
      return "bad_response";
  }
  return "unknown";
}

std::string query_response::describe() const {
  switch (status) {
    case api_status::success:
      return "success: " + result_type + ", " + std::to_string(series.size()) + " series";
    case api_status::error:
      return "error " + error_type + " (HTTP " + std::to_string(http_status) + "): " + error;
    case api_status::transport:
      return "no answer: " + error;
    case api_status::bad_response:
      return "bad answer (HTTP " + std::to_string(http_status) + "): " + error;
  }
  return error;
}

query_response parse_query_response(int http_status, std::string_view body) {
  query_response out;
  out.http_status = http_status;
  const auto parsed = parse_body(body);
  if (!parsed) {
    out.status = api_status::bad_response;
    out.error = parsed.error().message;
    return out;
  }
  const json::value& root = *parsed;
  if (const auto* obj = root.if_object()) {
    if (const auto* w = obj->if_contains("warnings"); w && w->is_array()) {
      for (const auto& item : w->get_array()) {
        if (item.is_string()) out.warnings.emplace_back(item.get_string());
      }
    }
  }
  const auto enveloped = envelope(root, out.status, out.error_type);
  if (!enveloped) {
    out.error = enveloped.error().message;
    return out;
  }
  const json::value* data = *enveloped;
  const auto fail = [&](std::string why) {
    out.status = api_status::bad_response;
    out.error = std::move(why);
    out.series.clear();
    return out;
  };
  const auto* obj = data->if_object();
  if (!obj) return fail("\"data\" is not an object");
  out.result_type = string_member(*obj, "resultType");
  const json::value* result = obj->if_contains("result");
  if (!result) return fail("\"data\" has no \"result\"");
  if (out.result_type == "scalar" || out.result_type == "string") {
    api_series one;
    one.samples.emplace_back();
    if (!read_pair(*result, one.samples.back())) return fail("malformed " + out.result_type + " result");
    out.series.push_back(std::move(one));
    return out;
  }
  if (out.result_type != "vector" && out.result_type != "matrix")
    return fail("unknown resultType \"" + out.result_type + "\"");
  const auto* items = result->if_array();
  if (!items) return fail("\"result\" is not an array");
  for (const auto& item : *items) {
    const auto* entry = item.if_object();
    api_series series;
    if (!entry || !entry->contains("metric") || !read_labels(entry->at("metric"), series.labels))
      return fail("a result entry has no \"metric\" label object");
    if (out.result_type == "vector") {
      series.samples.emplace_back();
      const auto* value = entry->if_contains("value");
      if (!value || !read_pair(*value, series.samples.back())) return fail("a vector entry has a malformed \"value\"");
    } else {
      const auto* values = entry->if_contains("values");
      if (!values || !values->is_array()) return fail("a matrix entry has no \"values\" array");
      for (const auto& pair : values->get_array()) {
        series.samples.emplace_back();
        if (!read_pair(pair, series.samples.back())) return fail("a matrix entry has a malformed value pair");
      }
    }
    out.series.push_back(std::move(series));
  }
  return out;
}

targets_response parse_targets_response(int http_status, std::string_view body) {
  targets_response out;
  out.http_status = http_status;
  const auto parsed = parse_body(body);
  if (!parsed) {
    out.status = api_status::bad_response;
    out.error = parsed.error().message;
    return out;
  }
  const json::value& root = *parsed;
  std::string error_type;
  const auto enveloped = envelope(root, out.status, error_type);
  if (!enveloped) {
    out.error = (error_type.empty() ? "" : error_type + ": ") + enveloped.error().message;
    return out;
  }
  const json::value* data = *enveloped;
  const auto* obj = data->if_object();
  const json::value* active = obj ? obj->if_contains("activeTargets") : nullptr;
  if (!active || !active->is_array()) {
    out.status = api_status::bad_response;
    out.error = "\"data\" has no \"activeTargets\" array";
    return out;
  }
  for (const auto& item : active->get_array()) {
    const auto* t = item.if_object();
    if (!t) continue;
    scrape_target target;
    target.scrape_url = string_member(*t, "scrapeUrl");
    target.scrape_pool = string_member(*t, "scrapePool");
    if (const auto* labels = t->if_contains("labels")) read_labels(*labels, target.labels);
    target.health = string_member(*t, "health");
    target.last_error = string_member(*t, "lastError");
    target.last_scrape = string_member(*t, "lastScrape");
    if (const auto* d = t->if_contains("lastScrapeDuration"); d && d->is_number())
      target.last_scrape_duration_s = d->to_number<double>();
    target.scrape_interval =
        parse_prometheus_duration(string_member(*t, "scrapeInterval")).value_or(std::chrono::milliseconds{0});
    out.active.push_back(std::move(target));
  }
  return out;
}

std::optional<std::chrono::milliseconds> parse_prometheus_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  long long total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    long long number = 0;
    const std::size_t digits_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      number = number * 10 + (text[i] - '0');
      if (number > 1'000'000'000'000LL) return std::nullopt;
      ++i;
    }
    if (i == digits_start) return std::nullopt;
    long long unit_ms = 0;
    if (text.substr(i, 2) == "ms")
      unit_ms = 1, i += 2;
    else if (i < text.size()) {
      switch (text[i]) {
        case 's':
          unit_ms = 1000;
          break;
        case 'm':
          unit_ms = 60'000;
          break;
        case 'h':
          unit_ms = 3'600'000;
          break;
        case 'd':
          unit_ms = 86'400'000;
          break;
        case 'w':
          unit_ms = 7 * 86'400'000LL;
          break;
        case 'y':
          unit_ms = 365 * 86'400'000LL;
          break;
        default:
          return std::nullopt;
      }
      ++i;
    } else {
      return std::nullopt;  // a number without a unit
    }
    total += number * unit_ms;
  }
  return std::chrono::milliseconds{total};
}

std::string form_encode(std::string_view value) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() * 3 / 2);
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out.push_back(ch);
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

prom_api_client::prom_api_client(http::target_url base, http::client_options options)
    : client_(std::move(base), std::move(options)) {}

query_response prom_api_client::query(std::string_view promql, std::optional<double> eval_time) {
  http::request req;
  req.method = "POST";
  req.target = "/api/v1/query";
  req.content_type = "application/x-www-form-urlencoded";
  req.body = "query=" + form_encode(promql);
  if (eval_time) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.3f", *eval_time);
    req.body += "&time=";
    req.body += buffer;
  }
  req.keep_events = false;
  const http::response res = client_.send(req);
  if (!res.ok()) {
    query_response out;
    out.status = api_status::transport;
    out.http_status = res.status;
    out.error = std::string(http::to_string(res.error)) + ": " + res.error_message;
    return out;
  }
  return parse_query_response(res.status, res.body);
}

targets_response prom_api_client::targets() {
  const http::response res = client_.get("/api/v1/targets?state=active");
  if (!res.ok()) {
    targets_response out;
    out.status = api_status::transport;
    out.http_status = res.status;
    out.error = std::string(http::to_string(res.error)) + ": " + res.error_message;
    return out;
  }
  return parse_targets_response(res.status, res.body);
}

http::response prom_api_client::get(std::string_view target, std::string_view accept) {
  http::request req;
  req.target = std::string(target);
  if (!accept.empty()) req.headers.push_back({"Accept", std::string(accept)});
  req.keep_events = false;
  return client_.send(req);
}

}  // namespace shield::prom
