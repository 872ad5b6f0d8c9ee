// Label APIs of the Prometheus HTTP client: /api/v1/labels and /api/v1/label/<name>/values, what
// Grafana's label_names() and label_values() template variables read.

#include <boost/json.hpp>

#include "support/prom/prom_api_client.hpp"

namespace shield::prom {
namespace {

namespace json = boost::json;

std::string match_parameter(std::string_view match) {
  return match.empty() ? std::string() : "?match[]=" + form_encode(match);
}

}  // namespace

base::result<std::vector<std::string>> parse_string_list_response(int http_status, std::string_view body) {
  boost::system::error_code ec;
  const json::value root = json::parse(body, ec);
  const json::object* obj = ec ? nullptr : root.if_object();
  if (obj == nullptr) {
    return base::fail("HTTP " + std::to_string(http_status) +
                      ": not the API's JSON: " + std::string(body.substr(0, 200)));
  }
  const json::value* status = obj->if_contains("status");
  if (status == nullptr || !status->is_string() || status->get_string() != "success") {
    const json::value* error = obj->if_contains("error");
    return base::fail("HTTP " + std::to_string(http_status) + ": " +
                      (error != nullptr && error->is_string() ? std::string(error->get_string()) : "error"));
  }
  const json::value* data = obj->if_contains("data");
  std::vector<std::string> out;
  if (data == nullptr || !data->is_array()) return base::fail("\"data\" is not an array");
  for (const json::value& item : data->get_array()) {
    if (!item.is_string()) return base::fail("\"data\" holds a non-string");
    out.emplace_back(item.get_string());
  }
  return out;
}

base::result<std::vector<std::string>> prom_api_client::label_values(std::string_view label, std::string_view match) {
  const http::response res = get("/api/v1/label/" + form_encode(label) + "/values" + match_parameter(match));
  if (!res.ok()) return base::fail(std::string(http::to_string(res.error)) + ": " + res.error_message);
  return parse_string_list_response(res.status, res.body);
}

base::result<std::vector<std::string>> prom_api_client::label_names(std::string_view match) {
  const http::response res = get("/api/v1/labels" + match_parameter(match));
  if (!res.ok()) return base::fail(std::string(http::to_string(res.error)) + ": " + res.error_message);
  return parse_string_list_response(res.status, res.body);
}

}  // namespace shield::prom
