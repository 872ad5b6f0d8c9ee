#pragma once
// The failure taxonomy of a request: every failed request is exactly one kind.

#include <array>
#include <cstdint>
#include <string_view>

namespace boost::system {
class error_code;
}

namespace shield::http {

// What went wrong with a request (`none` when it succeeded).
enum class error_kind : std::uint8_t {
  none,               // success
  dns,                // the host name did not resolve
  connect_refused,    // TCP connect failed (refused, unreachable)
  connect_timeout,    // TCP connect or TLS handshake did not finish within the connect timeout
  tls,                // TLS handshake or certificate verification failed
  reset,              // the server reset or closed the connection before a response
  request_timeout,    // the whole-request deadline passed
  idle_timeout,       // no response byte arrived within the idle timeout
  protocol,           // malformed response, bad chunk, truncated body, header or body too large
  unexpected_status,  // a complete response whose status is not the one the caller expected
};

// Every failure kind (without `none`), e.g. to make one counter per kind.
inline constexpr std::array<error_kind, 9> all_error_kinds{
    error_kind::dns,          error_kind::connect_refused, error_kind::connect_timeout,
    error_kind::tls,          error_kind::reset,           error_kind::request_timeout,
    error_kind::idle_timeout, error_kind::protocol,        error_kind::unexpected_status,
};

// Stable snake_case name ("connect_refused"), usable in counter names.
std::string_view to_string(error_kind kind);

// The step of a request during which an I/O error happened.
enum class io_phase : std::uint8_t { resolve, connect, handshake, write, read };

// Kind of a non-timeout I/O error; `response_started`: some response byte had arrived.
// (Timeouts are decided by the caller, which knows which deadline passed.)
error_kind classify_error(io_phase phase, const boost::system::error_code& ec, bool response_started);

// The peer closed the connection: end of stream, with or without TLS close_notify.
bool is_end_of_stream(const boost::system::error_code& ec);

// The server had closed a kept-alive connection: what a reused connection shows before any
// response byte (end of stream, reset, broken pipe), so the request may be sent again.
bool is_peer_closed(const boost::system::error_code& ec);

}  // namespace shield::http
