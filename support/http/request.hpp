#pragma once
// What the caller asks for; built once and sent as often as needed (send() does not modify it).

#include "support/http/header.hpp"
#include "support/http/sse_parser.hpp"

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace shield::http {

// Called for every Server-Sent Event as it arrives, with its steady-clock arrival time; the views
// in `event` are valid during the call only. Must not throw.
using sse_callback = std::function<void(const sse_message& event, std::chrono::steady_clock::time_point at)>;

// One HTTP request. Host, User-Agent, Content-Type and Content-Length are added unless given.
struct request {
  std::string method = "GET";                     // request method, sent as is
  std::string target = "/";                       // path and query, appended to the URL's base path
  std::vector<header> headers;                    // extra fields; Host/User-Agent/Content-Type here win
  std::string body;                               // request body, empty for none
  std::string content_type = "application/json";  // Content-Type sent with a non-empty body
  int expected_status = 0;                        // other statuses fail as unexpected_status; 0 accepts any
  std::chrono::milliseconds timeout{0};           // whole-request deadline; 0 uses client_options
  bool keep_headers = true;                       // copy response headers into response::headers
  bool keep_body = true;                          // keep the response body in response::body
  bool keep_events = true;                        // keep SSE events in response::events
  sse_callback on_event;                          // optional per-event callback (text/event-stream)
};

}  // namespace shield::http
