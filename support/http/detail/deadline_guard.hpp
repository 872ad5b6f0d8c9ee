#pragma once
// Internal: one timer per connection guarding the deadline of its current step. Moving the
// deadline later (each read, each request) costs nothing: the timer wakes at the expiry it was
// armed with and re-arms itself when the deadline has moved, so a busy connection rarely touches
// the timer queue (Beast's tcp_stream arms a timer for every read and write).

#include "support/http/response.hpp"

#include <boost/asio/steady_timer.hpp>

#include <cstdint>
#include <functional>
#include <memory>

namespace shield::http::detail {

class deadline_guard {
 public:
  // `on_expired` runs (from the io_context) when a watched deadline passes.
  deadline_guard(boost::asio::io_context& ioc, std::function<void()> on_expired);

  // The object a pending wait keeps alive (the connection).
  void set_owner(std::weak_ptr<void> owner) { owner_ = std::move(owner); }
  // Guards a step ending at `deadline`, replacing the previous one.
  void watch(steady_time deadline);
  // No step to guard; a pending wake-up will find nothing to do.
  void clear() { active_ = false; }
  // Drops a pending wake-up so that the io_context can run out of work.
  void cancel();

 private:
  void arm(steady_time at);
  void on_wake(std::uint64_t generation);

  boost::asio::steady_timer timer_;   // the one timer
  std::function<void()> on_expired_;  // what a passed deadline triggers
  std::weak_ptr<void> owner_;         // locked for the duration of each wait
  steady_time deadline_;              // deadline of the guarded step
  steady_time armed_;                 // expiry of the pending wait
  std::uint64_t generation_ = 0;      // tags the pending wait; handlers of replaced waits do nothing
  bool active_ = false;               // a step is guarded
  bool pending_ = false;              // a wait is outstanding
};

}  // namespace shield::http::detail
