#include "support/http/detail/plain_session.hpp"

#include "support/http/detail/read_poller.hpp"
#include "support/http/detail/stream_session.hpp"

#include <sys/epoll.h>
#include <unistd.h>

namespace shield::http::detail {

namespace {

using namespace session_net;

class plain_session final : public stream_session<tcp::socket>, private read_poller::client {
  read_poller* poller_;         // the io_context's poller
  int fd_ = -1;                 // the connected descriptor, once taken from Asio
  int slot_ = -1;               // its slot in the poller
  bool waiting_read_ = false;   // a response is being read (the poller is watched)
  bool waiting_write_ = false;  // a request could not be written at once
  bool readable_ = false;       // bytes or a close arrived while no request was in flight
  bool send_put_off_ = false;   // the request waits for the end of the poller's batch
  std::size_t written_ = 0;     // request bytes written so far

 public:
  plain_session(net::io_context& ioc, target_url url, client_options options, const resolved_addresses* addresses)
      : stream_session(ioc, std::move(url), std::move(options), addresses),
        poller_(&net::use_service<read_poller>(ioc)) {}

  ~plain_session() override { drop_fd(); }

 private:
  tcp::socket& socket() override { return *stream_; }
  int descriptor() override { return fd_; }
  void make_stream() override { stream_.emplace(ioc_); }
  void connected() override { ready(); }
  bool known_unusable() override { return readable_; }    // seen by the poller while idle: a close, or stray bytes
  bool bytes_may_wait() const override { return false; }  // stray bytes: the connection is out of step
  void went_idle() override { end_read_wait(); }
  void release_descriptor() override { drop_fd(); }

  bool abort_own_waits() override {
    if (fd_ < 0) return false;
    // Our own wait: its handler is called here, later, as Asio calls an aborted operation's.
    const bool reading = waiting_read_, writing = waiting_write_ || send_put_off_;
    drop_fd();
    if (reading || writing) {
      net::post(ioc_, [self = shared_from_this(), this, reading, id = send_id_] {
        if (id != send_id_) return;
        if (reading) return on_read(net::error::operation_aborted, 0);
        on_write(net::error::operation_aborted, clock::now());
      });
    }
    return true;
  }

  // From the connect on, the descriptor is ours: out of Asio's reactor (whose connect left EPOLLOUT
  // on it), into the poller. False when that failed (the send failed with it).
  bool adopt() override {
    error_code ec;
    const int fd = socket().release(ec);
    if (!ec) {
      slot_ = poller_->add(fd, this);
      if (slot_ < 0) {
        ec = error_code(errno, boost::system::system_category());
        ::close(fd);
      } else {
        fd_ = fd;
      }
    }
    if (ec) fail(classify_error(io_phase::connect, ec, false), "connect to " + where() + ": " + ec.message());
    return !ec;
  }

  void drop_fd() {
    if (fd_ < 0) return;
    end_read_wait();
    end_write_wait();
    readable_ = false;
    send_put_off_ = false;
    poller_->remove(slot_);
    slot_ = -1;
    ::close(fd_);
    fd_ = -1;
  }

  void end_read_wait() {
    if (!waiting_read_) return;
    waiting_read_ = false;
    poller_->wait_ended();
  }

  void end_write_wait() {
    if (!waiting_write_) return;
    waiting_write_ = false;
    poller_->want_write(slot_, fd_, false);
    poller_->wait_ended();
  }

  void on_ready(std::uint32_t events) override {
    const auto self = shared_from_this();  // a completion below may drop the last other reference
    if (waiting_write_ && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) != 0) write_rest();
    if (fd_ < 0 || (events & (EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP)) == 0) return;
    if (waiting_read_) return drain((events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0);
    // Nothing in flight: a close or stray bytes make the connection unusable; an event whose
    // bytes were read already (edge-triggered, queued before that read) is nothing.
    char byte = 0;
    const ssize_t n = ::recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    readable_ = !(n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
  }

  // Edge-triggered: read until a read comes back short (the socket is then empty) or the send ends;
  // when the peer closed too (`closing`), on to the end, which no later event would announce.
  void drain(bool closing) {
    const auto id = send_id_;
    for (;;) {
      offered_ = read_space();
      const auto space = buffer_.prepare(offered_);
      const ssize_t n = ::recv(fd_, space.data(), space.size(), MSG_DONTWAIT);
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;  // the next arrival wakes us
      if (n < 0 && errno == EINTR) continue;
      const error_code ec = n < 0    ? error_code(errno, boost::system::system_category())
                            : n == 0 ? error_code(net::error::eof)
                                     : error_code{};
      const auto got = static_cast<std::size_t>(n > 0 ? n : 0);
      if (ec) end_read_wait();
      on_read(ec, got);  // completes, fails, or reads on (waiting_read_ stays set)
      if (id != send_id_ || !waiting_read_ || fd_ < 0 || (got < offered_ && !closing)) return;
    }
  }

  void write(steady_time now) override {
    watch(step::write, deadline_);
    if (poller_->defer_send(slot_)) {
      send_put_off_ = true;
      return;
    }
    send_now(now);
  }

  void on_send(steady_time now) override {
    if (!send_put_off_) return;
    const auto self = shared_from_this();  // a completion below may drop the last other reference
    send_put_off_ = false;
    send_now(now);
  }

  // A request fits the socket buffer: one direct send, no completion round trip.
  void send_now(steady_time now) {
    const ssize_t n = ::send(fd_, wire_view_.data(), wire_view_.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n == static_cast<ssize_t>(wire_view_.size())) return on_write({}, now);
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
      const error_code ec(errno, boost::system::system_category());
      // Not inside start(): the failure completes later.
      return net::post(ioc_, [self = shared_from_this(), this, ec] { on_write(ec, clock::now()); });
    }
    written_ = n > 0 ? static_cast<std::size_t>(n) : 0;
    waiting_write_ = true;
    poller_->want_write(slot_, fd_, true);
    poller_->wait_started();
  }

  void write_rest() {
    while (written_ < wire_view_.size()) {
      const ssize_t n =
          ::send(fd_, wire_view_.data() + written_, wire_view_.size() - written_, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;  // the next EPOLLOUT
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        end_write_wait();
        return on_write(error_code(errno, boost::system::system_category()), clock::now());
      }
      written_ += static_cast<std::size_t>(n);
    }
    end_write_wait();
    on_write({}, clock::now());
  }

  void await_read() override {
    if (waiting_read_) return;
    waiting_read_ = true;
    poller_->wait_started();  // the poller calls drain() when bytes arrive
  }
};

#if defined(BOOST_ASIO_HAS_IO_URING_AS_DEFAULT)
// With Asio's io_uring backend (SHIELD_ASIO_IO_URING), reads and writes are submitted to the ring:
// the kernel waits for readiness itself, and one io_uring_enter submits and reaps a whole batch.
class ring_session final : public stream_session<tcp::socket> {
 public:
  ring_session(net::io_context& ioc, target_url url, client_options options, const resolved_addresses* addresses)
      : stream_session(ioc, std::move(url), std::move(options), addresses) {}

 private:
  tcp::socket& socket() override { return *stream_; }
  int descriptor() override { return socket().native_handle(); }
  void make_stream() override { stream_.emplace(ioc_); }
  void connected() override { ready(); }
  bool adopt() override { return true; }
  bool known_unusable() override { return false; }
  bool bytes_may_wait() const override { return false; }

  // One direct send (the request leaves now, not with the ring's next submission); the ring only
  // when the socket buffer is full.
  void write(steady_time now) override {
    watch(step::write, deadline_);
    const ssize_t n = ::send(descriptor(), wire_view_.data(), wire_view_.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n == static_cast<ssize_t>(wire_view_.size())) return on_write({}, now);
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
      const error_code ec(errno, boost::system::system_category());
      return net::post(ioc_, [self = shared_from_this(), this, ec] { on_write(ec, clock::now()); });
    }
    stream_write(n > 0 ? static_cast<std::size_t>(n) : 0);
  }

  void await_read() override { stream_read(); }
};
using chosen_session = ring_session;
#else
using chosen_session = plain_session;
#endif

}  // namespace

std::shared_ptr<connection_impl> make_plain_session(net::io_context& ioc, target_url url, client_options options,
                                                    const resolved_addresses* addresses) {
  return make_bound<chosen_session>(ioc, std::move(url), std::move(options), addresses);
}

}  // namespace shield::http::detail
