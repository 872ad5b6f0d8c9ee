#pragma once
// Internal: one I/O thread of a run: its io_context, its connections, its share of the requests,
// and the live tally the controlling thread takes out once per interval.

#include "support/load/detail/arrival_schedule.hpp"
#include "support/load/engine.hpp"
#include "support/load/stream_probe.hpp"
#include "support/load/tally.hpp"
#include "support/http/connection.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace shield::load::detail {

using clock = std::chrono::steady_clock;

// What the workers of one run share.
struct run_shared {
  const load_config& config;       // the run's settings
  const workload& work;            // the requests
  std::vector<std::string> wires;  // work.pool[k] rendered once for the target; empty: rendered per send
  std::uint32_t workers = 1;       // I/O threads
  clock::time_point start;         // common start of the run (set by the gate)
  clock::time_point deadline;      // start + duration, or the far future
  // Closed loop: next sequence number to claim; a cache line of its own, apart from the fields
  // above that every request reads (a write here would evict them from the other threads' caches).
  alignas(64) std::atomic<std::uint64_t> next_seq{0};
  alignas(64) std::mutex gate_mutex;  // guards connected and started
  std::condition_variable gate;       // the clock started
  std::uint32_t connected = 0;        // workers whose connections are open (or failed to open)
  bool started = false;               // start and deadline are set

  // A worker opened its connections: the last one starts the clock; all wait for it.
  void arrive();
  // The controlling thread waits until the clock started.
  void wait_started();
};

class worker {
 public:
  // `first`: the run-wide number of this worker's first connection (source addresses go round-robin).
  worker(run_shared& shared, std::uint32_t index, std::uint32_t connections, std::uint64_t first,
         const load_target& target);
  ~worker();
  worker(const worker&) = delete;
  worker& operator=(const worker&) = delete;

  // On the worker's own thread: sends until its share is done or it is stopped.
  void run();
  // From any thread: stop issuing, abandon what is in flight.
  void request_stop();
  // From any thread: swaps the live tallies (one per stage) with `spare` (same shape, reset). The swap
  // runs on the worker's own thread (posted), so that recording a request takes no lock.
  void take(std::vector<tally>& spare);
  // Requests in flight right now (approximate from other threads).
  std::uint64_t in_flight() const noexcept { return active_.load(std::memory_order_relaxed); }

  // After run(): figures of the whole run.
  std::uint64_t unsent() const noexcept { return unsent_; }
  std::uint64_t abandoned() const noexcept { return abandoned_; }
  std::uint64_t connections_opened() const;
  clock::time_point last_completion() const noexcept { return last_completion_; }

 private:
  struct slot;

  void preconnect();
  void start();
  void record_unsent();
  void issue_closed(slot& s, clock::time_point now);
  void dispatch(slot& s, std::uint64_t seq, clock::time_point intended, clock::time_point now);
  void on_complete(slot& s, http::response& res);
  void record(slot& s, const http::response& res);
  void go_idle(slot& s);
  void advance(clock::time_point now);
  void pump(clock::time_point now);
  void arm_timer();
  void on_timer(const boost::system::error_code& ec);
  std::uint64_t in_flight_target(clock::time_point now) const;
  void arm_tick(clock::time_point now);
  void on_tick(const boost::system::error_code& ec);
  std::uint32_t stage_of(clock::time_point at) const;
  void finish_if_done();
  void do_stop();

  // Members in the order a request uses them.
  run_shared& shared_;           // config, workload, run clock, closed-loop claims
  const std::uint32_t index_;    // this thread's number
  const bool open_loop_;         // open (schedule) or closed (N in flight)
  boost::asio::io_context ioc_;  // this thread's event loop (declared before users)
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guard_;  // keeps run() going
  boost::asio::steady_timer timer_;           // open loop: wakes at the next intended send
  std::vector<std::unique_ptr<slot>> slots_;  // one connection each; stable addresses
  std::vector<slot*> free_;                   // open loop: idle connections
  std::vector<slot*> parked_;                 // closed loop with stages: connections above the target
  const load_shape* shape_ = nullptr;         // stages; null: fixed rate or concurrency
  std::optional<arrival_schedule> schedule_;  // open loop: intended send times
  std::uint64_t claimed_ = 0;                 // closed loop: next of this thread's claimed sequence numbers
  std::uint64_t claimed_end_ = 0;             // closed loop: end of the claimed block
  std::uint64_t due_ = 0;                     // open loop: arrivals whose time has come
  std::uint64_t sent_ = 0;                    // open loop: arrivals sent
  bool timer_armed_ = false;                  // a timer wait is pending
  bool exhausted_ = false;                    // nothing more to send
  bool stopping_ = false;                     // stopped: abandon what is in flight
  bool finished_ = false;                     // the work guard is released
  std::atomic<std::uint32_t> active_{0};      // requests in flight
  std::uint64_t unsent_ = 0;                  // open loop: due but never sent (counted as not_sent)
  std::uint64_t abandoned_ = 0;               // in flight when stopped
  clock::time_point last_completion_;         // for the run's wall time
  std::vector<tally> live_;       // per stage (one without stages): completed since the last take(); worker thread only
  std::mutex take_mutex_;         // guards the hand-over below
  std::condition_variable took_;  // a posted swap ran, or the event loop ended
  bool swapped_ = false;          // the posted swap of the current take() ran
  bool loop_ended_ = false;       // run() returned: take() swaps directly
};

}  // namespace shield::load::detail
