#pragma once
// Calling profile endpoints and describing each exchange for failure messages.
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/base/result.hpp"
#include "support/client/target_setup.hpp"
#include "support/http/blocking_client.hpp"

namespace shield::functional {

// One request and its answer, kept together so every failure can show both.
struct exchange {
  http::request request;    // what was sent
  http::response response;  // what came back
  // "sent: POST /x <body>; got: 200 application/json <body>", both truncated.
  std::string describe() const;
};

// First `max` bytes of text, with a note of how much was cut.
std::string truncated(std::string_view text, std::size_t max = 240);

// A failure message: which rule broke, then the exchange that broke it.
std::string broke(std::string_view rule, const exchange& ex);

// The request the profile describes for ep: rendered path and body, the target's headers, ep's timeout.
http::request make_request(const client::target_setup& setup, const profile::endpoint& ep, std::string_view session,
                           std::string_view text);

// Sends req with the target's headers added; the response is kept in the exchange.
exchange send(http::blocking_client& client, http::request req);

// Calls ep for session with text (as the profile describes it).
exchange call(http::blocking_client& client, const profile::endpoint& ep, std::string_view session,
              std::string_view text);

// Calls ep's requirements (same session and text), then ep; stops at the first answer that is
// not the profile's expect_status. The last exchange is ep's when all requirements succeeded.
std::vector<exchange> call_with_requirements(http::blocking_client& client, const profile::endpoint& ep,
                                             std::string_view session, std::string_view text);

// Media type of the answer ("application/json"), lower case, without parameters.
std::string media_type(const http::response& res);

// The body parsed as JSON, or why not ("not JSON (...)").
base::result<boost::json::value> parse_json(std::string_view body);

// A string field of ep's answer, or why there is none.
base::result<std::string> string_field(const boost::json::value& doc, const profile::endpoint& ep,
                                       std::string_view name);

// After the shared preflight: the health endpoint (see endpoint_roles) answers its expect_status,
// so a --target that reaches some other server fails once instead of in every test. Succeeds when
// it does (or the profile has no such endpoint), else fails with one sentence.
base::result<void> probe_answers_as_profiled(const client::target_setup& setup);

}  // namespace shield::functional
