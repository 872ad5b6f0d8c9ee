#pragma once
// Internal: the I/O of a connection in protocol order, common to plain TCP and TLS: resolve,
// connect, then write and read through the stream type's hooks (plain_session.cpp,
// tls_session.cpp), and the parse of what was read. Each step is guarded by a deadline set before it.

#include "support/http/detail/connection_impl.hpp"
#include "support/http/detail/resolved_addresses.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <vector>

namespace shield::http::detail {

namespace session_net {
namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using clock = std::chrono::steady_clock;

// Free space offered to a socket read: small first (most answers are a few hundred bytes, and a
// held connection should cost little memory), doubled after each read that filled it.
constexpr std::size_t first_read = 1024;
constexpr std::size_t largest_read = std::size_t{64} * 1024;

// A kept-alive connection idle at least this long is checked for a close before it is written on.
constexpr std::chrono::microseconds peek_after{1000};

// RFC 9110 section 9.2.2: only these may be sent again automatically.
inline bool is_idempotent(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" || method == "OPTIONS";
}

// A 1xx interim answer (103 Early Hints, 100 Continue): the final answer follows. 101 is final.
inline bool is_interim(int status) { return status >= 100 && status < 200 && status != 101; }
}  // namespace session_net

template <class Stream>
class stream_session : public connection_impl {
 protected:
  using net_error_code = boost::system::error_code;
  using tcp = boost::asio::ip::tcp;

  // The stream-specific state; a send's own state lives in connection_impl.
  tcp::resolver resolver_;                            // runs only when no cached endpoints exist
  bool resolving_ = false;                            // a resolve is in flight for the current send
  std::vector<tcp::endpoint> endpoints_;              // cached addresses, reused by reconnects
  std::optional<Stream> stream_;                      // current connection; TLS: rebuilt per connect (new SSL)
  tcp protocol_ = tcp::v4();                          // of the connected address, to register the descriptor anew
  std::optional<boost::asio::ip::address> source_;    // options_.source_address parsed; bound before each connect
  net_error_code source_error_;                       // options_.source_address did not parse
  std::size_t read_offer_ = session_net::first_read;  // free space offered to the next read; grows on demand
  std::size_t offered_ = 0;                           // what the pending read was offered
  net_error_code ignored_;                            // sink for errors of best-effort calls (close, options)

  stream_session(boost::asio::io_context& ioc, target_url url, client_options options,
                 const resolved_addresses* addresses)
      : connection_impl(ioc, std::move(url), std::move(options)), resolver_(ioc) {
    if (addresses != nullptr) endpoints_ = addresses->endpoints;
    if (!options_.source_address.empty()) {
      source_ = boost::asio::ip::make_address(options_.source_address, source_error_);
    }
  }

  // --- what the stream type does ---

  virtual tcp::socket& socket() = 0;
  // The descriptor a kept-alive connection is peeked on.
  virtual int descriptor() = 0;
  // A fresh stream_ for a connect.
  virtual void make_stream() = 0;
  // TCP is connected: on to ready() (TLS: after the handshake).
  virtual void connected() = 0;
  // The connection is ready for requests; false when that failed (the send failed with it).
  virtual bool adopt() = 0;
  // Send wire_view_; `now`: the clock read of the event that leads here.
  virtual void write(steady_time now) = 0;
  // Wait for response bytes; on_read() gets them.
  virtual void await_read() = 0;
  // Idle checks of a kept-alive connection: known unusable without a system call; whether bytes
  // waiting on it (seen by a peek) leave it usable (TLS session tickets do).
  virtual bool known_unusable() = 0;
  virtual bool bytes_may_wait() const = 0;
  // Aborts waits the stream type keeps itself (their handlers then call stopped()); true if it had any.
  virtual bool abort_own_waits() { return false; }
  // Gives the descriptor up before the socket closes.
  virtual void release_descriptor() {}

  void send_request() override {
    if (open_ && !still_usable()) {
      // Nothing was written on it: opening a new one is not a re-send.
      out_->reused_connection = false;
      out_->reconnected = true;
      out_->times.connected = {};
      return connect();
    }
    if (open_) return write(out_->times.start);
    connect();
  }

  // A kept-alive connection may be written on: not idle past keepalive_idle, and the server has not
  // closed it (its FIN or reset is waiting). One non-blocking peek, no allocation, and only after
  // the connection sat idle (peek_after): back-to-back requests skip the system call.
  bool still_usable() {
    const auto idle = out_->times.start - idle_since_;
    if (options_.keepalive_idle.count() > 0 && idle >= options_.keepalive_idle) return false;
    if (known_unusable()) return false;
    if (idle < session_net::peek_after) return true;
    char byte = 0;
    const ssize_t n = ::recv(descriptor(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;
    return bytes_may_wait() && n > 0;
  }

  void abort_io() override {
    open_ = false;
    resolver_.cancel();
    if (resolving_ && timed_out_) {
      resolving_ = false;  // getaddrinfo cannot be interrupted: fail now, ignore its late answer
      stopped("resolving");
      return;
    }
    if (abort_own_waits()) return;
    if (stream_) socket().close(ignored_);  // the pending operation completes as aborted
  }

  void close_stream() override {
    open_ = false;
    buffer_.clear();
    release_descriptor();
    if (stream_) socket().close(ignored_);
  }

  // --- connect: resolve once (results cached), TCP connect ---

  void connect() {
    close_stream();
    connect_deadline_ = std::min(session_net::clock::now() + options_.connect_timeout, deadline_);
    if (endpoints_.empty() && url_.host_is_ip()) {
      // An IP literal needs no resolver (whose thread hop would delay every first connect).
      net_error_code ec;
      endpoints_.emplace_back(boost::asio::ip::make_address(url_.host, ec), url_.port);
      if (ec) endpoints_.clear();
    }
    if (endpoints_.empty()) {
      resolve();
    } else {
      open();
    }
  }

  void resolve() {
    resolving_ = true;
    watch(step::resolve, connect_deadline_);
    auto on_resolved = [self = shared_from_this(), this, id = send_id_](net_error_code ec,
                                                                        const tcp::resolver::results_type& r) {
      if (id != send_id_ || !resolving_) return;  // timed out already
      resolving_ = false;
      if (stopped("resolving")) return;
      if (ec) return fail(error_kind::dns, "cannot resolve '" + url_.host + "': " + ec.message());
      endpoints_.assign(r.begin(), r.end());
      open();
    };
    resolver_.async_resolve(url_.host, port_text_, std::move(on_resolved));
  }

  void open() {
    make_stream();
    ++connections_opened_;
    watch(step::connect, connect_deadline_);
    if (source_ || source_error_) return open_from_source();
    boost::asio::async_connect(socket(), endpoints_,
                               [self = shared_from_this(), this](net_error_code ec, const tcp::endpoint& peer) {
                                 protocol_ = peer.protocol();
                                 on_connect(ec);
                               });
  }

  // Bind before connect: with IP_BIND_ADDRESS_NO_PORT the port is picked at connect for the
  // destination, so every source address brings a whole ephemeral port range of its own.
  void open_from_source() {
    net_error_code ec = source_error_;
    const tcp::endpoint* to = nullptr;
    for (const auto& e : endpoints_) {
      if (!ec && e.address().is_v4() == source_->is_v4()) {
        to = &e;
        break;
      }
    }
    if (!ec && to == nullptr) ec = boost::asio::error::address_family_not_supported;
    if (!ec) socket().open(to->protocol(), ec);
    if (!ec) {
      const int on = 1;
      ::setsockopt(socket().native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on);
      socket().bind(tcp::endpoint(*source_, 0), ec);
    }
    if (ec) {
      // Not inside start(): the failure completes later, as a connect failure naming the address.
      return boost::asio::post(ioc_, [self = shared_from_this(), this, ec, id = send_id_] {
        if (id != send_id_) return;
        if (stopped("connecting to")) return;
        fail(classify_error(io_phase::connect, ec, false),
             "connect to " + where() + " from " + options_.source_address + ": " + ec.message());
      });
    }
    protocol_ = to->protocol();
    socket().async_connect(*to, [self = shared_from_this(), this](net_error_code e) { on_connect(e); });
  }

  void on_connect(net_error_code ec) {
    if (stopped("connecting to")) return;
    if (ec) {
      endpoints_.clear();  // resolve again next time: the address may have changed
      return fail(classify_error(io_phase::connect, ec, false), "connect to " + where() + ": " + ec.message());
    }
    socket().set_option(tcp::no_delay(true), ignored_);  // requests are small: send them at once
    connected();
  }

  void ready() {
    if (!adopt()) return;
    open_ = true;
    out_->times.connected = session_net::clock::now();
    if (open_only_) return opened(out_->times.connected);
    write(out_->times.connected);
  }

  // --- the answer: parse as bytes arrive ---

  void on_write(net_error_code ec, steady_time now) {
    if (stopped("writing to")) return;
    if (ec) {
      if (can_retry(ec)) return retry();
      return fail(classify_error(io_phase::write, ec, false), "write to " + where() + ": " + ec.message());
    }
    out_->times.request_written = now;
    reader_.emplace(*req_, *out_, options_, sse_);
    read(now);
  }

  // `now`: the clock read of the event that leads here (one read per event, none of its own).
  void read(steady_time now) {
    // Each read is bounded by the idle deadline or the request deadline, whichever comes first.
    auto idle_deadline = now + options_.idle_timeout;
    idle_binding_ = idle_deadline < deadline_;
    watch(step::read, idle_binding_ ? idle_deadline : deadline_);
    await_read();
  }

  std::size_t read_space() const { return std::max(read_offer_, buffer_.capacity() - buffer_.size()); }

  // write() and await_read() through Asio's stream (TLS; plain TCP on the io_uring backend);
  // `from`: bytes of the request written already.
  void stream_write(std::size_t from = 0) {
    watch(step::write, deadline_);
    boost::asio::async_write(
        *stream_, boost::asio::buffer(wire_view_.data() + from, wire_view_.size() - from),
        [self = shared_from_this(), this](net_error_code ec, std::size_t) { on_write(ec, session_net::clock::now()); });
  }

  void stream_read() {
    offered_ = read_space();
    stream_->async_read_some(buffer_.prepare(offered_),
                             [self = shared_from_this(), this](net_error_code ec, std::size_t n) { on_read(ec, n); });
  }

  void on_read(net_error_code ec, std::size_t n) {
    if (stopped("waiting for the response from")) return;
    auto now = session_net::clock::now();
    if (n > 0) {
      if (n == offered_ && read_offer_ < session_net::largest_read) read_offer_ *= 2;  // more may be waiting
      buffer_.commit(n);
      if (out_->times.first_byte == steady_time{}) out_->times.first_byte = now;
      for (;;) {
        net_error_code parse_ec;
        auto data = buffer_.data();
        buffer_.consume(reader_->feed({static_cast<const char*>(data.data()), data.size()}, now, parse_ec));
        if (parse_ec) return fail(error_kind::protocol, "bad response from " + where() + ": " + parse_ec.message());
        if (!reader_->is_done()) break;
        if (!session_net::is_interim(out_->status)) return succeed(now);
        skip_interim();
      }
    }
    if (!ec) return read(now);

    bool started = out_->times.first_byte != steady_time{};
    if (started && is_end_of_stream(ec)) {
      net_error_code eof_ec;
      reader_->put_eof(eof_ec);  // a body delimited by the end of the connection ends here
      if (!eof_ec && reader_->is_done()) return succeed(now);
      return fail(error_kind::protocol, "truncated response from " + where() + ": " + (eof_ec ? eof_ec : ec).message());
    }
    if (!started && can_retry(ec)) return retry();
    return fail(classify_error(io_phase::read, ec, started), "read from " + where() + ": " + ec.message());
  }

  // The interim answer is dropped; a fresh parser reads what follows it.
  void skip_interim() {
    out_->status = 0;
    out_->headers.clear();
    reader_.emplace(*req_, *out_, options_, sse_);
  }

  // --- outcomes ---

  // Only on request (retry_idempotent), only idempotent methods, only once, and only when the
  // connection closed before any response byte (the request may or may not have been processed).
  bool can_retry(const net_error_code& ec) const {
    return options_.retry_idempotent && !retried_ && session_net::is_idempotent(req_->method) && is_peer_closed(ec);
  }

  // Sends the same request once more on a new connection; the caller counts it (response::retried).
  void retry() {
    retried_ = true;
    out_->retried = true;
    out_->reused_connection = false;
    connect();
  }
};

// A session made ready for use: the deadline timer's waits keep it alive.
template <class Session, class... Args>
std::shared_ptr<connection_impl> make_bound(Args&&... args) {
  auto s = std::make_shared<Session>(std::forward<Args>(args)...);
  s->bind();
  return s;
}

}  // namespace shield::http::detail
