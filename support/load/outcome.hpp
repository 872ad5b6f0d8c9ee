#pragma once
// How one request of a load run ended: ok, or exactly one failure kind.

#include "support/http/error_kind.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace shield::load {

// The client's failure kinds (same order as http::error_kind) plus what only a stream shows.
enum class outcome : std::uint8_t {
  ok,
  dns,
  connect_refused,
  connect_timeout,
  tls,
  reset,
  request_timeout,
  idle_timeout,
  protocol,
  unexpected_status,
  incomplete_stream,  // the HTTP exchange completed but the stream lacked its end marker
  not_sent,           // open loop: due in the run but never sent, every connection was busy
};

// Number of outcome values, for per-outcome arrays.
inline constexpr std::size_t outcome_count = 12;

// Every failure (every outcome but ok), e.g. to make one err_<kind> counter each.
inline constexpr std::array<outcome, outcome_count - 1> all_failures{
    outcome::dns,
    outcome::connect_refused,
    outcome::connect_timeout,
    outcome::tls,
    outcome::reset,
    outcome::request_timeout,
    outcome::idle_timeout,
    outcome::protocol,
    outcome::unexpected_status,
    outcome::incomplete_stream,
    outcome::not_sent,
};

// The outcome of a client error (none -> ok).
outcome from_error(http::error_kind kind) noexcept;

// Stable snake_case name ("ok", "connect_refused", "incomplete_stream", "not_sent").
std::string_view to_string(outcome o) noexcept;

// True for the kinds the grades count as timeouts (connect, request and idle timeouts).
bool is_timeout(outcome o) noexcept;

// Position in per-outcome arrays.
constexpr std::size_t index_of(outcome o) noexcept { return static_cast<std::size_t>(o); }

}  // namespace shield::load
