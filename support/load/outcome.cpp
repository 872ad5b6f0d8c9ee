#include "support/load/outcome.hpp"

namespace shield::load {

// The first ten outcomes mirror http::error_kind value for value.
static_assert(static_cast<int>(outcome::unexpected_status) == static_cast<int>(http::error_kind::unexpected_status));
static_assert(static_cast<int>(outcome::dns) == static_cast<int>(http::error_kind::dns));
static_assert(http::all_error_kinds.size() + 2 == all_failures.size());

outcome from_error(http::error_kind kind) noexcept { return static_cast<outcome>(kind); }

std::string_view to_string(outcome o) noexcept {
  if (o == outcome::ok) return "ok";
  if (o == outcome::incomplete_stream) return "incomplete_stream";
  if (o == outcome::not_sent) return "not_sent";
  return http::to_string(static_cast<http::error_kind>(o));
}

bool is_timeout(outcome o) noexcept {
  return o == outcome::connect_timeout || o == outcome::request_timeout || o == outcome::idle_timeout;
}

}  // namespace shield::load
