#include "support/load/stream_probe.hpp"

#include "support/profile/json_pointer.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

namespace shield::load {

void stream_probe::begin(const workload_endpoint& endpoint) {
  endpoint_ = &endpoint;
  saw_end_ = false;
  tokens_ = 0;
  first_token_ = {};
  last_token_ = {};
  gaps_ns_.clear();
}

bool stream_probe::is_token(std::string_view data) const {
  if (!endpoint_->token_pointer) return !data.empty();
  // Events are small: parse on the stack, no heap allocation.
  unsigned char storage[4096];
  boost::json::monotonic_resource resource(storage, sizeof storage);
  boost::system::error_code ec;
  const boost::json::value doc = boost::json::parse(boost::json::string_view(data.data(), data.size()), ec, &resource);
  if (ec) return false;
  return profile::find_by_pointer(doc, *endpoint_->token_pointer, ec) != nullptr;
}

void stream_probe::on_event(const http::sse_message& event, http::steady_time at) {
  if (endpoint_ == nullptr || saw_end_) return;
  if (endpoint_->end_marker && event.data == *endpoint_->end_marker) {
    saw_end_ = true;
    return;
  }
  if (!is_token(event.data)) return;
  if (tokens_ == 0) {
    first_token_ = at;
  } else {
    gaps_ns_.push_back(static_cast<std::uint64_t>(std::chrono::nanoseconds(at - last_token_).count()));
  }
  last_token_ = at;
  ++tokens_;
}

}  // namespace shield::load
