#include "support/load/outcome.hpp"

namespace shield::load {

namespace {

// The first ten outcomes mirror http::error_kind value for value: every one is checked here, so
// a kind added, removed or moved on either side stops the build.
constexpr bool mirrors(outcome o, http::error_kind k) { return static_cast<int>(o) == static_cast<int>(k); }
static_assert(mirrors(outcome::ok, http::error_kind::none));
static_assert(mirrors(outcome::dns, http::error_kind::dns));
static_assert(mirrors(outcome::connect_refused, http::error_kind::connect_refused));
static_assert(mirrors(outcome::connect_timeout, http::error_kind::connect_timeout));
static_assert(mirrors(outcome::tls, http::error_kind::tls));
static_assert(mirrors(outcome::reset, http::error_kind::reset));
static_assert(mirrors(outcome::request_timeout, http::error_kind::request_timeout));
static_assert(mirrors(outcome::idle_timeout, http::error_kind::idle_timeout));
static_assert(mirrors(outcome::protocol, http::error_kind::protocol));
static_assert(mirrors(outcome::unexpected_status, http::error_kind::unexpected_status));
static_assert(http::all_error_kinds.size() + 2 == all_failures.size());
static_assert(outcome_count == all_failures.size() + 1);
// Every error kind in order, then the two outcomes only a stream or the schedule shows.
constexpr bool failures_in_order() {
  for (std::size_t i = 0; i < http::all_error_kinds.size(); ++i) {
    if (!mirrors(all_failures[i], http::all_error_kinds[i])) return false;
  }
  return all_failures[http::all_error_kinds.size()] == outcome::incomplete_stream &&
         all_failures[http::all_error_kinds.size() + 1] == outcome::not_sent;
}
static_assert(failures_in_order());

}  // namespace

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
