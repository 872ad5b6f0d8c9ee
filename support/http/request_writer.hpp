#pragma once
// Serialises a request into HTTP/1.1 wire bytes, reusing the output buffer (no Beast fields).

#include "support/base/result.hpp"
#include "support/http/request.hpp"

#include <string>
#include <string_view>

namespace shield::http {

// Per-connection values every request carries.
struct request_defaults {
  std::string_view base_path;   // URL path prefix joined before request::target
  std::string_view host;        // Host header value
  std::string_view user_agent;  // User-Agent unless the request sets one
};

// Writes `req` into `out` (cleared first, capacity kept). Fails, saying which, when the method,
// target or a header would break the message framing (CR, LF, NUL, bad token).
base::result<void> write_request(const request& req, const request_defaults& defaults, std::string& out);

}  // namespace shield::http
