#pragma once
// What came back: status, headers, body, SSE events, timestamps, and the failure if any.

#include "support/http/error_kind.hpp"
#include "support/http/header.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace shield::http {

using steady_time = std::chrono::steady_clock::time_point;

// Steady-clock instants of one request; a default (zero) value means the step was not reached.
struct request_times {
  steady_time start;            // send() was called
  steady_time connected;        // connection ready (TCP + TLS); equals start on a reused connection
  steady_time request_written;  // the last request byte was handed to the socket
  steady_time first_byte;       // the first response byte arrived
  steady_time complete;         // the response was complete, or the request failed
  steady_time last_event;       // the last SSE event arrived (zero when none did)
};

// One Server-Sent Event with its arrival time.
struct sse_event {
  std::string event;  // event type, empty for the default "message"
  std::string data;   // data lines joined with '\n'
  std::string id;     // event id, empty when absent
  steady_time at;     // when the bytes completing the event arrived
};

// Result of one request. Reusing one object across sends keeps its buffers' capacity.
struct response {
  int status = 0;                       // HTTP status, 0 when no status line arrived
  std::vector<header> headers;          // response fields in arrival order (request::keep_headers)
  std::string body;                     // body after chunked decoding (request::keep_body)
  std::vector<sse_event> events;        // SSE events of a text/event-stream body (request::keep_events)
  std::size_t event_count = 0;          // SSE events seen, kept or not
  std::size_t body_bytes = 0;           // body bytes seen, kept or not
  request_times times;                  // steady-clock timestamps
  bool reused_connection = false;       // the request went out on an already open connection
  bool reconnected = false;             // a kept-alive connection was found closed (or idle too long) before
                                        // writing, and a new one was opened: nothing had been sent on it
  bool retried = false;                 // the request was sent a second time (client_options::retry_idempotent)
  error_kind error = error_kind::none;  // failure kind, none on success
  std::string error_message;            // OS/Beast/OpenSSL message for reports, empty on success

  // True when the request succeeded (and had the expected status, if one was given).
  bool ok() const { return error == error_kind::none; }
  // Value of the first header named `name` (case-insensitive), empty when absent.
  std::string_view header_value(std::string_view name) const;
  // Milliseconds from start to first_byte, or to complete; negative when not reached.
  double time_to_first_byte_ms() const;
  double total_ms() const;
  // Resets every field for the next send, keeping allocated capacity.
  void clear();
};

}  // namespace shield::http
