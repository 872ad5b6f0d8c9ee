#include "checks/functional/check_http.hpp"

#include "support/base/secrets.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>

#include "checks/client/gtest_target.hpp"
#include "checks/functional/endpoint_roles.hpp"
#include "support/profile/json_pointer.hpp"
#include "support/profile/render.hpp"
#include "support/base/text.hpp"

namespace shield::functional {

std::string truncated(std::string_view text, std::size_t max) {
  std::string out;
  // Line breaks are shown escaped, so each message part stays on one line.
  for (char c : text.substr(0, max)) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else
      out += c;
  }
  if (text.size() > max) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

std::string exchange::describe() const {
  std::string out = "sent: " + request.method + " " + request.target;
  if (!request.body.empty()) out += " " + truncated(request.body);
  out += "; got: ";
  if (response.status == 0) {
    out += "no answer";
  } else {
    out += std::to_string(response.status);
    if (auto ct = response.header_value("Content-Type"); !ct.empty()) out += " " + std::string(ct);
    // Scrubbed before truncation: a cut could leave part of a secret the server echoed.
    if (!response.body.empty()) out += " " + truncated(base::scrub(response.body), 300);
  }
  if (!response.ok()) {
    out += " [" + std::string(http::to_string(response.error)) + ": " + response.error_message + "]";
  }
  return base::scrub(out);
}

std::string broke(std::string_view rule, const exchange& ex) {
  return "rule: " + std::string(rule) + "\n  " + ex.describe();
}

http::request make_request(const client::target_setup& setup, const profile::endpoint& ep, std::string_view session,
                           std::string_view text) {
  http::request req;
  req.method = ep.method;
  req.target = profile::render_path(ep, session);
  req.body = profile::render_body(ep, session, text);
  req.timeout = std::chrono::milliseconds(setup.profile.request_timeout_ms(ep));
  return req;
}

exchange send(http::blocking_client& client, http::request req) {
  exchange ex;
  for (auto& h : client::current_target().http_headers()) req.headers.push_back(std::move(h));
  ex.request = std::move(req);
  ex.response = client.send(ex.request);
  return ex;
}

exchange call(http::blocking_client& client, const profile::endpoint& ep, std::string_view session,
              std::string_view text) {
  return send(client, make_request(client::current_target(), ep, session, text));
}

std::vector<exchange> call_with_requirements(http::blocking_client& client, const profile::endpoint& ep,
                                             std::string_view session, std::string_view text) {
  std::vector<exchange> out;
  const auto& p = client::current_target().profile;
  for (const auto* dep : requirements_of(p, ep)) {
    out.push_back(call(client, *dep, session, text));
    if (out.back().response.status != dep->expect_status) return out;
  }
  out.push_back(call(client, ep, session, text));
  return out;
}

base::result<void> probe_answers_as_profiled(const client::target_setup& setup) {
  const auto* health = find_roles(setup.profile).health;
  if (!health) return {};
  http::client_options options = setup.options;
  // Bounded like the preflight, so a wrong target still fails within seconds.
  options.request_timeout = std::min(options.request_timeout, std::chrono::milliseconds(4000));
  options.idle_timeout = std::min(options.idle_timeout, options.request_timeout);
  http::blocking_client client(setup.url, options);
  auto req = make_request(setup, *health, "", "");
  req.timeout = options.request_timeout;
  req.headers = setup.http_headers();
  const auto res = client.send(req);
  if (res.status == health->expect_status) return {};
  if (auto auth = client::authentication_failure(setup, res.status); !auth.empty())
    return base::fail(auth + " (" + req.method + " " + req.target + " on " + setup.url.to_string() + ")");
  exchange ex{req, res};
  return base::fail(setup.url.to_string() + " is not the backend the profile '" + setup.profile.name +
                    "' describes: " + ex.describe() + ", expected " + std::to_string(health->expect_status) +
                    " — is --target the backend's base URL?");
}

std::string media_type(const http::response& res) {
  std::string ct(res.header_value("Content-Type"));
  ct = ct.substr(0, ct.find(';'));
  while (!ct.empty() && ct.back() == ' ') ct.pop_back();
  return base::to_lower(ct);
}

base::result<boost::json::value> parse_json(std::string_view body) {
  boost::system::error_code ec;
  auto value = boost::json::parse(boost::json::string_view(body.data(), body.size()), ec);
  if (ec) return base::fail("not JSON (" + ec.message() + ")");
  return value;
}

base::result<std::string> string_field(const boost::json::value& doc, const profile::endpoint& ep,
                                       std::string_view name) {
  const auto read = profile::read_field(doc, ep, name);
  if (!read) return read.error();
  if (!(*read)->is_string())
    return base::fail("field '" + std::string(name) + "' of endpoint '" + ep.name + "' is not a string");
  return std::string((*read)->get_string());
}

}  // namespace shield::functional
