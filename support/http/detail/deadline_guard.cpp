#include "support/http/detail/deadline_guard.hpp"

namespace shield::http::detail {

deadline_guard::deadline_guard(boost::asio::io_context& ioc, std::function<void()> on_expired)
    : timer_(ioc), on_expired_(std::move(on_expired)) {}

void deadline_guard::watch(steady_time deadline) {
  deadline_ = deadline;
  active_ = true;
  if (pending_ && armed_ <= deadline) return;  // wakes first, then re-arms to the new deadline
  arm(deadline);
}

void deadline_guard::cancel() {
  active_ = false;
  if (!pending_) return;
  pending_ = false;
  ++generation_;
  timer_.cancel();
}

void deadline_guard::arm(steady_time at) {
  armed_ = at;
  pending_ = true;
  timer_.expires_at(at);  // cancels a wait still pending; its handler sees an old generation
  timer_.async_wait([owner = owner_.lock(), this, generation = ++generation_](const boost::system::error_code&) {
    on_wake(generation);
  });
}

void deadline_guard::on_wake(std::uint64_t generation) {
  if (generation != generation_) return;
  pending_ = false;
  if (!active_) return;
  if (std::chrono::steady_clock::now() < deadline_) return arm(deadline_);
  active_ = false;
  on_expired_();
}

}  // namespace shield::http::detail
