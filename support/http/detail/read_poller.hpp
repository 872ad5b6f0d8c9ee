#pragma once
// Internal: the plain-TCP sockets of one io_context in an epoll set of their own (edge-triggered),
// which the io_context's reactor watches as one descriptor. A connection then waits for its answer
// without starting an Asio operation: no speculative read that returns EAGAIN (Asio tries every
// read at once, and the answer to a request just written is never there yet), no per-read
// re-arming, and one wake-up of the event loop serves every socket that became readable.
// One io_context, one thread (as connection requires); an Asio service, made on first use.

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <chrono>
#include <cstdint>
#include <vector>

namespace shield::http::detail {

class read_poller final : public boost::asio::execution_context::service {
 public:
  // What a registered socket's owner does when the socket may be read or written.
  struct client {
    virtual void on_ready(std::uint32_t events) = 0;
    // A send put off with defer_send() may go now (`now`: the clock read of the burst).
    virtual void on_send(std::chrono::steady_clock::time_point now) = 0;

   protected:
    ~client() = default;
  };

  static boost::asio::execution_context::id id;  // Asio's service key

  explicit read_poller(boost::asio::execution_context& context);
  ~read_poller() override;

  // Adds `fd` (EPOLLIN, EPOLLRDHUP, edge-triggered) for `owner`; returns its slot, or -1 with errno.
  int add(int fd, client* owner);
  // Asks for write readiness too (EPOLLOUT) while `on` (a write that could not finish at once).
  void want_write(int slot, int fd, bool on);
  // Forgets the slot (the caller closes the descriptor, which leaves the epoll set by itself).
  void remove(int slot);
  // True while events are being handed out: the owner's send then goes with the others after the
  // batch (on_send), so that the server finds them together, as after wrk's write pass.
  bool defer_send(int slot);
  // Owners say when they wait for readiness: the event loop is watched only while someone waits,
  // so that io_context::run() can run out of work.
  void wait_started();
  void wait_ended();

 private:
  void shutdown() override;
  void arm();
  void on_wake(const boost::system::error_code& ec);
  void look_again();
  void on_look();
  void rearm();
  // Takes the ready events and calls their owners; returns how many.
  int dispatch();

  int epoll_fd_ = -1;                              // the epoll set of the registered sockets
  boost::asio::posix::stream_descriptor watcher_;  // epoll_fd_ as the reactor sees it
  std::vector<client*> slots_;                     // owner per slot; null when free
  std::vector<int> free_;                          // free slots
  std::vector<int> sends_;                         // slots whose send waits for the batch's end
  bool dispatching_ = false;                       // inside dispatch(): sends are put off
  std::uint32_t waiting_ = 0;                      // owners waiting for readiness
  bool armed_ = false;                             // a wait on watcher_ is pending
  bool down_ = false;                              // shut down: nothing is armed any more
  bool polling_ = false;                           // an on_look is posted (look_again)
  std::uint32_t again_ = 0;                        // looks since the last wake-up
  std::uint32_t rest_ = 0;                         // wake-ups left before looking again is tried anew
};

}  // namespace shield::http::detail
