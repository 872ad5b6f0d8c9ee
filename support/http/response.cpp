#include "support/http/response.hpp"

namespace shield::http {

namespace {
double ms_between(steady_time from, steady_time to) {
  if (to == steady_time{}) return -1.0;
  return std::chrono::duration<double, std::milli>(to - from).count();
}
}  // namespace

std::string_view response::header_value(std::string_view name) const {
  const std::string* value = find_header(headers, name);
  return value ? std::string_view(*value) : std::string_view();
}

double response::time_to_first_byte_ms() const { return ms_between(times.start, times.first_byte); }

double response::total_ms() const { return ms_between(times.start, times.complete); }

void response::clear() {
  status = 0;
  headers.clear();
  body.clear();
  events.clear();
  event_count = 0;
  body_bytes = 0;
  times = {};
  reused_connection = false;
  reconnected = false;
  retried = false;
  error = error_kind::none;
  error_message.clear();
}

}  // namespace shield::http
