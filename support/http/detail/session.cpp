// The I/O of a connection in protocol order: resolve, connect, [TLS handshake], write, read.
// One template for plain TCP and TLS streams; each step is guarded by a deadline set before it.

#include "support/http/detail/connection_impl.hpp"
#include "support/http/detail/read_poller.hpp"
#include "support/http/detail/resolved_addresses.hpp"
#include "support/http/detail/tls_setup.hpp"
#include "support/http/tls_context.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>

#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <type_traits>
#include <vector>

namespace shield::http::detail {

namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using clock = std::chrono::steady_clock;

using plain_stream = tcp::socket;
using tls_stream = net::ssl::stream<tcp::socket>;

// Free space offered to a socket read: small first (most answers are a few hundred bytes, and a
// held connection should cost little memory), doubled after each read that filled it.
constexpr std::size_t first_read = 1024;
constexpr std::size_t largest_read = std::size_t{64} * 1024;

// A kept-alive connection idle at least this long is checked for a close before it is written on.
constexpr std::chrono::microseconds peek_after{1000};

// RFC 9110 section 9.2.2: only these may be sent again automatically.
bool is_idempotent(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" || method == "OPTIONS";
}

// A 1xx interim answer (103 Early Hints, 100 Continue): the final answer follows. 101 is final.
bool is_interim(int status) { return status >= 100 && status < 200 && status != 101; }

// Plain HTTP: once connected, the descriptor leaves Asio's reactor for the io_context's read_poller,
// and reads and writes are plain system calls on it (see read_poller.hpp); TLS stays with Asio.
template <class Stream>
class session final : public connection_impl, private read_poller::client {
  static constexpr bool is_tls = std::is_same_v<Stream, tls_stream>;

  // The stream-specific state; a send's own state lives in connection_impl.
  std::shared_ptr<const tls_context> tls_;  // shared SSL_CTX; null for plain HTTP
  tcp::resolver resolver_;                  // runs only when no cached endpoints exist
  bool resolving_ = false;                  // a resolve is in flight for the current send
  std::vector<tcp::endpoint> endpoints_;    // cached addresses, reused by reconnects
  std::optional<Stream> stream_;            // current connection; TLS: rebuilt per connect (new SSL)
  tcp protocol_ = tcp::v4();                // of the connected address, to register the descriptor anew
  std::optional<net::ip::address> source_;  // options_.source_address parsed; bound before each connect
  error_code source_error_;                 // options_.source_address did not parse
  std::size_t read_offer_ = first_read;     // free space offered to the next read; grows on demand
  std::size_t offered_ = 0;                 // what the pending read was offered
  read_poller* poller_ = nullptr;           // plain: the io_context's poller
  int fd_ = -1;                             // plain: the connected descriptor, once taken from Asio
  int slot_ = -1;                           // plain: its slot in the poller
  bool waiting_read_ = false;               // plain: a response is being read (the poller is watched)
  bool waiting_write_ = false;              // plain: a request could not be written at once
  bool readable_ = false;                   // plain: bytes or a close arrived while no request was in flight
  std::size_t written_ = 0;                 // plain: request bytes written so far
  error_code ignored_;                      // sink for errors of best-effort calls (close, options)

 public:
  session(net::io_context& ioc, target_url url, client_options options, std::shared_ptr<const tls_context> tls,
          const resolved_addresses* addresses)
      : connection_impl(ioc, std::move(url), std::move(options)), tls_(std::move(tls)), resolver_(ioc) {
    if (addresses != nullptr) endpoints_ = addresses->endpoints;
    if (!options_.source_address.empty()) source_ = net::ip::make_address(options_.source_address, source_error_);
    if constexpr (!is_tls) poller_ = &net::use_service<read_poller>(ioc);
  }

  ~session() override {
    if constexpr (!is_tls) drop_fd();
  }

 private:
  void send_request() override {
    if constexpr (is_tls) {
      if (!tls_->usable()) return fail(error_kind::tls, tls_->usable().error().message, true);
    }
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
  // closed it (its FIN or reset is waiting). Plain HTTP: stray bytes mean it is out of step too.
  // TLS: pending records may be session tickets, so only a bare FIN is seen; a close announced by
  // close_notify first is caught by keepalive_idle. One non-blocking peek, no allocation, and only
  // after the connection sat idle (peek_after): back-to-back requests skip the system call.
  bool still_usable() {
    const auto idle = out_->times.start - idle_since_;
    if (options_.keepalive_idle.count() > 0 && idle >= options_.keepalive_idle) return false;
    if constexpr (is_tls) {
      if (SSL_pending(stream_->native_handle()) > 0) return false;
    }
    if constexpr (!is_tls) {
      if (readable_) return false;  // seen by the poller while idle: a close, or stray bytes
    }
    if (idle < peek_after) return true;
    char byte = 0;
    const ssize_t n = ::recv(is_tls ? socket().native_handle() : fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;
    return is_tls && n > 0;
  }

  void abort_io() override {
    open_ = false;
    resolver_.cancel();
    if (resolving_ && timed_out_) {
      resolving_ = false;  // getaddrinfo cannot be interrupted: fail now, ignore its late answer
      stopped("resolving");
      return;
    }
    if constexpr (!is_tls) {
      if (fd_ >= 0) {
        // Our own wait: its handler is called here, later, as Asio calls an aborted operation's.
        const bool reading = waiting_read_, writing = waiting_write_;
        drop_fd();
        if (reading || writing) {
          net::post(ioc_, [self = shared_from_this(), this, reading, id = send_id_] {
            if (id != send_id_) return;
            if (reading) return on_read(net::error::operation_aborted, 0);
            on_write(net::error::operation_aborted, clock::now());
          });
        }
        return;
      }
    }
    if (stream_) socket().close(ignored_);  // the pending operation completes as aborted
  }

  void close_stream() override {
    open_ = false;
    buffer_.clear();
    if constexpr (!is_tls) drop_fd();
    if (stream_) socket().close(ignored_);
  }

  void went_idle() override {
    if constexpr (!is_tls) end_read_wait();
  }

  // --- plain: the descriptor in the poller ---

  // From the connect on, the descriptor is ours: out of Asio's reactor (whose connect left EPOLLOUT
  // on it), into the poller. False when that failed (the send failed with it).
  bool take_over() {
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
    if constexpr (!is_tls) {
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

  tcp::socket& socket() {
    if constexpr (is_tls) {
      return stream_->next_layer();
    } else {
      return *stream_;
    }
  }

  // --- connect: resolve once (results cached), TCP connect, TLS handshake ---

  void connect() {
    close_stream();
    connect_deadline_ = std::min(clock::now() + options_.connect_timeout, deadline_);
    if (endpoints_.empty() && url_.host_is_ip()) {
      // An IP literal needs no resolver (whose thread hop would delay every first connect).
      error_code ec;
      endpoints_.emplace_back(net::ip::make_address(url_.host, ec), url_.port);
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
    auto on_resolved = [self = shared_from_this(), this, id = send_id_](error_code ec,
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
    if constexpr (is_tls) {
      stream_.emplace(ioc_, tls_->native());  // a fresh SSL object per connection
    } else {
      stream_.emplace(ioc_);
    }
    ++connections_opened_;
    watch(step::connect, connect_deadline_);
    if (source_ || source_error_) return open_from_source();
    net::async_connect(socket(), endpoints_,
                       [self = shared_from_this(), this](error_code ec, const tcp::endpoint& peer) {
                         protocol_ = peer.protocol();
                         on_connect(ec);
                       });
  }

  // Bind before connect: with IP_BIND_ADDRESS_NO_PORT the port is picked at connect for the
  // destination, so every source address brings a whole ephemeral port range of its own.
  void open_from_source() {
    error_code ec = source_error_;
    const tcp::endpoint* to = nullptr;
    for (const auto& e : endpoints_) {
      if (!ec && e.address().is_v4() == source_->is_v4()) {
        to = &e;
        break;
      }
    }
    if (!ec && to == nullptr) ec = net::error::address_family_not_supported;
    if (!ec) socket().open(to->protocol(), ec);
    if (!ec) {
      const int on = 1;
      ::setsockopt(socket().native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on);
      socket().bind(tcp::endpoint(*source_, 0), ec);
    }
    if (ec) {
      // Not inside start(): the failure completes later, as a connect failure naming the address.
      return net::post(ioc_, [self = shared_from_this(), this, ec, id = send_id_] {
        if (id != send_id_) return;
        if (stopped("connecting to")) return;
        fail(classify_error(io_phase::connect, ec, false),
             "connect to " + where() + " from " + options_.source_address + ": " + ec.message());
      });
    }
    protocol_ = to->protocol();
    socket().async_connect(*to, [self = shared_from_this(), this](error_code e) { on_connect(e); });
  }

  void on_connect(error_code ec) {
    if (stopped("connecting to")) return;
    if (ec) {
      endpoints_.clear();  // resolve again next time: the address may have changed
      return fail(classify_error(io_phase::connect, ec, false), "connect to " + where() + ": " + ec.message());
    }
    socket().set_option(tcp::no_delay(true), ignored_);  // requests are small: send them at once
    if constexpr (is_tls) {
      handshake();
    } else {
      ready();
    }
  }

  // TLS: Asio's reactor added write readiness (EPOLLOUT) to the descriptor for the connect and keeps
  // it, so every later epoll_wait would also wake for write space. Registering the descriptor anew
  // leaves read readiness only; a write that must wait adds it back (rare: requests are small).
  void drop_write_interest() {
    const auto fd = socket().release(ignored_);
    if (ignored_) return;
    socket().assign(protocol_, fd, ignored_);
    if (ignored_) ::close(fd);  // the socket stays closed: the write that follows fails and says so
  }

  void handshake() {
    prepare_client_ssl(stream_->native_handle(), url_, tls_->verify());
    stream_->async_handshake(net::ssl::stream_base::client,
                             [self = shared_from_this(), this](error_code ec) { on_handshake(ec); });
  }

  void on_handshake(error_code ec) {
    if (stopped("in TLS handshake with")) return;
    if (!ec) return ready();
    fail(classify_error(io_phase::handshake, ec, false),
         "TLS handshake with " + where() + ": " + describe_handshake_failure(stream_->native_handle(), ec));
  }

  void ready() {
    if constexpr (is_tls) {
      drop_write_interest();
    } else if (!take_over()) {
      return;
    }
    open_ = true;
    out_->times.connected = clock::now();
    if (open_only_) return opened(out_->times.connected);
    write(out_->times.connected);
  }

  // --- write the serialized request ---

  // `now`: the clock read of the event that leads here (the send's start, or the connect).
  void write(steady_time now) {
    watch(step::write, deadline_);
    auto handler = [self = shared_from_this(), this](error_code ec, std::size_t) { on_write(ec, clock::now()); };
    const auto bytes = net::buffer(wire_view_.data(), wire_view_.size());
    if constexpr (is_tls) {
      net::async_write(*stream_, bytes, std::move(handler));
    } else {
      // A request fits the socket buffer: one direct send, no completion round trip.
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n == static_cast<ssize_t>(bytes.size())) return on_write({}, now);
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
        const error_code ec(errno, boost::system::system_category());
        return net::post(ioc_, [handler = std::move(handler), ec]() mutable { handler(ec, 0); });  // not inside start()
      }
      written_ = n > 0 ? static_cast<std::size_t>(n) : 0;
      waiting_write_ = true;
      poller_->want_write(slot_, fd_, true);
      poller_->wait_started();
    }
  }

  void on_write(error_code ec, steady_time now) {
    if (stopped("writing to")) return;
    if (ec) {
      if (can_retry(ec)) return retry();
      return fail(classify_error(io_phase::write, ec, false), "write to " + where() + ": " + ec.message());
    }
    out_->times.request_written = now;
    reader_.emplace(*req_, *out_, options_, sse_);
    read(now);
  }

  // --- read the response as bytes arrive ---

  // `now`: the clock read of the event that leads here (one read per event, none of its own).
  void read(steady_time now) {
    // Each read is bounded by the idle deadline or the request deadline, whichever comes first.
    auto idle_deadline = now + options_.idle_timeout;
    idle_binding_ = idle_deadline < deadline_;
    watch(step::read, idle_binding_ ? idle_deadline : deadline_);
    if constexpr (!is_tls) {
      if (!waiting_read_) {
        waiting_read_ = true;
        poller_->wait_started();  // the poller calls drain() when bytes arrive
      }
      return;
    }
    offered_ = read_space();
    stream_->async_read_some(buffer_.prepare(offered_),
                             [self = shared_from_this(), this](error_code ec, std::size_t n) { on_read(ec, n); });
  }

  std::size_t read_space() const { return std::max(read_offer_, buffer_.capacity() - buffer_.size()); }

  void on_read(error_code ec, std::size_t n) {
    if (stopped("waiting for the response from")) return;
    auto now = clock::now();
    if (n > 0) {
      if (n == offered_ && read_offer_ < largest_read) read_offer_ *= 2;  // more may be waiting: offer more
      buffer_.commit(n);
      if (out_->times.first_byte == steady_time{}) out_->times.first_byte = now;
      for (;;) {
        error_code parse_ec;
        auto data = buffer_.data();
        buffer_.consume(reader_->feed({static_cast<const char*>(data.data()), data.size()}, now, parse_ec));
        if (parse_ec) return fail(error_kind::protocol, "bad response from " + where() + ": " + parse_ec.message());
        if (!reader_->is_done()) break;
        if (!is_interim(out_->status)) return succeed(now);
        skip_interim();
      }
    }
    if (!ec) return read(now);

    bool started = out_->times.first_byte != steady_time{};
    if (started && is_end_of_stream(ec)) {
      error_code eof_ec;
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
  bool can_retry(const error_code& ec) const {
    return options_.retry_idempotent && !retried_ && is_idempotent(req_->method) && is_peer_closed(ec);
  }

  // Sends the same request once more on a new connection; the caller counts it (response::retried).
  void retry() {
    retried_ = true;
    out_->retried = true;
    out_->reused_connection = false;
    connect();
  }
};

template <class Stream>
std::shared_ptr<connection_impl> make(net::io_context& ioc, target_url url, client_options options,
                                      std::shared_ptr<const tls_context> tls, const resolved_addresses* addresses) {
  auto s = std::make_shared<session<Stream>>(ioc, std::move(url), std::move(options), std::move(tls), addresses);
  s->bind();
  return s;
}

}  // namespace

std::shared_ptr<connection_impl> make_session(net::io_context& ioc, target_url url, client_options options,
                                              std::shared_ptr<const tls_context> tls,
                                              const std::shared_ptr<const resolved_addresses>& addresses) {
  if (url.tls()) return make<tls_stream>(ioc, std::move(url), std::move(options), std::move(tls), addresses.get());
  return make<plain_stream>(ioc, std::move(url), std::move(options), nullptr, addresses.get());
}

}  // namespace shield::http::detail

namespace shield::http {

base::result<std::shared_ptr<const resolved_addresses>> resolve_addresses(const target_url& url) {
  auto out = std::make_shared<resolved_addresses>();
  boost::system::error_code ec;
  if (url.host_is_ip()) {
    out->endpoints.emplace_back(boost::asio::ip::make_address(url.host, ec), url.port);
  } else {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::resolver resolver(ioc);
    const auto results = resolver.resolve(url.host, std::to_string(url.port), ec);
    out->endpoints.assign(results.begin(), results.end());
  }
  if (ec || out->endpoints.empty()) {
    return base::fail("cannot resolve '" + url.host + "': " + (ec ? ec.message() : std::string("no address")), ec);
  }
  return std::shared_ptr<const resolved_addresses>(std::move(out));
}

}  // namespace shield::http
