#pragma once
// Watches the events of one streamed response: tokens, their arrival times, the end marker.

#include "support/load/workload.hpp"
#include "support/http/response.hpp"
#include "support/http/sse_parser.hpp"

#include <cstdint>
#include <vector>

namespace shield::load {

// Reused for every stream of one connection; begin() resets it (keeping capacity).
class stream_probe {
 public:
  // Starts watching a stream of `endpoint` (which must outlive the stream).
  void begin(const workload_endpoint& endpoint);
  // One Server-Sent Event arrived at `at`.
  void on_event(const http::sse_message& event, http::steady_time at);

  // The end marker arrived (always false when the endpoint has none).
  bool saw_end() const noexcept { return saw_end_; }
  // Token events seen before the end marker.
  std::uint32_t tokens() const noexcept { return tokens_; }
  // Arrival of the first and the last token; zero when there was none.
  http::steady_time first_token() const noexcept { return first_token_; }
  http::steady_time last_token() const noexcept { return last_token_; }
  // Gaps between consecutive tokens, nanoseconds, in arrival order.
  const std::vector<std::uint64_t>& gaps_ns() const noexcept { return gaps_ns_; }

 private:
  // True when the event's data carries a token (at the token pointer, or any data without one).
  bool is_token(std::string_view data) const;

  const workload_endpoint* endpoint_ = nullptr;  // framing of the stream being watched
  bool saw_end_ = false;                         // end marker seen; later events are ignored
  std::uint32_t tokens_ = 0;                     // token events so far
  http::steady_time first_token_;                // arrival of token 1
  http::steady_time last_token_;                 // arrival of the latest token
  std::vector<std::uint64_t> gaps_ns_;           // inter-token gaps, capacity reused
};

}  // namespace shield::load
