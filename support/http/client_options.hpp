#pragma once
// Settings shared by every connection of a client.

#include <chrono>
#include <cstdint>
#include <string>

namespace shield::http {

// Timeouts, limits and TLS settings; one value configures a blocking client or a whole load run.
struct client_options {
  std::chrono::milliseconds connect_timeout{5000};   // name resolution + TCP connect + TLS handshake
  std::chrono::milliseconds request_timeout{30000};  // whole request, from send to the last byte (connect included)
  std::chrono::milliseconds idle_timeout{10000};     // longest silence while waiting for response bytes
  std::chrono::milliseconds keepalive_idle{0};       // reopen a kept-alive connection idle this long; 0: no limit
  bool retry_idempotent = false;                     // re-send GET/HEAD/PUT/DELETE/OPTIONS once when the
                                                     // connection closed before any response byte
  std::uint32_t header_limit = 64 * 1024;            // largest response header accepted, bytes
  std::uint64_t body_limit = 64ull * 1024 * 1024;    // largest response body accepted, bytes
  bool insecure = false;                             // true turns certificate and host name checks off
  std::string ca_file;                               // extra PEM CA bundle trusted besides the system's
  std::string user_agent = "shield-stress/0.1";      // User-Agent sent unless a request sets its own
  std::string source_address;                        // local IP bound before connecting (its port chosen per
                                                     // destination at connect); empty: the kernel's choice
};

}  // namespace shield::http
