#include "support/export/metrics_server.hpp"

#include "support/export/client_exposition.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <atomic>
#include <optional>
#include <thread>

namespace shield::live {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr auto io_timeout = std::chrono::seconds(10);  // a scraper that stalls is dropped

std::int64_t steady_ns() { return std::chrono::steady_clock::now().time_since_epoch().count(); }

// Scrapes answered and when: written by the server thread, read by the caller's.
struct scrape_log {
  std::atomic<std::uint64_t> count{0};       // GET/HEAD /metrics answered (response written out)
  std::atomic<std::int64_t> last_ns{0};      // steady-clock time of the latest
  std::atomic<std::int64_t> gap_ns{0};       // between the latest two
  std::atomic<std::int64_t> rendered_ns{0};  // when the latest answered exposition was rendered

  // A response rendered at `rendered` was written out whole: the scraper has those values.
  void note(std::int64_t rendered) {
    const std::int64_t now = steady_ns();
    const std::int64_t before = last_ns.exchange(now);
    if (count.fetch_add(1) > 0) gap_ns = now - before;
    rendered_ns = rendered;
  }
};

// One scraper connection: read a request, answer it, again while the client keeps it alive.
class session : public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket socket, const std::function<std::string()>& render, scrape_log& scrapes)
      : stream_(std::move(socket)), render_(render), scrapes_(scrapes) {}

  void read() {
    request_ = {};
    stream_.expires_after(io_timeout);
    bhttp::async_read(stream_, buffer_, request_, beast::bind_front_handler(&session::on_read, shared_from_this()));
  }

 private:
  void on_read(error_code ec, std::size_t) {
    if (ec) return close();
    response_ = {};
    response_.version(request_.version());
    response_.keep_alive(request_.keep_alive());
    response_.set(bhttp::field::server, "shield_bench");
    const bool metrics_path = request_.target() == "/metrics" || request_.target().starts_with("/metrics?");
    if (metrics_path && (request_.method() == bhttp::verb::get || request_.method() == bhttp::verb::head)) {
      response_.result(bhttp::status::ok);
      response_.set(bhttp::field::content_type, exposition_content_type);
      rendered_ns_ = steady_ns();
      if (request_.method() == bhttp::verb::get) response_.body() = render_();
      scrape_ = true;
    } else if (metrics_path) {
      response_.result(bhttp::status::method_not_allowed);
      response_.set(bhttp::field::allow, "GET, HEAD");
      response_.set(bhttp::field::content_type, "text/plain");
      response_.body() = "only GET /metrics\n";
    } else {
      response_.result(bhttp::status::not_found);
      response_.set(bhttp::field::content_type, "text/plain");
      response_.body() = "not found: the exposition is at /metrics\n";
    }
    response_.prepare_payload();
    stream_.expires_after(io_timeout);
    bhttp::async_write(stream_, response_, beast::bind_front_handler(&session::on_write, shared_from_this()));
  }

  void on_write(error_code ec, std::size_t) {
    if (!ec && scrape_) scrapes_.note(rendered_ns_);  // counted once the scraper has it all
    scrape_ = false;
    if (ec || !response_.keep_alive()) return close();
    read();
  }

  void close() {
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;                      // the connection, with its timer
  beast::flat_buffer buffer_;                     // bytes read past the request
  bhttp::request<bhttp::string_body> request_;    // the request being answered
  bhttp::response<bhttp::string_body> response_;  // kept alive until written
  const std::function<std::string()>& render_;    // owned by the server
  scrape_log& scrapes_;                           // owned by the server
  bool scrape_ = false;                           // the response being written answers a scrape
  std::int64_t rendered_ns_ = 0;                  // when its exposition was rendered
};

}  // namespace

struct metrics_server::impl {
  explicit impl(std::function<std::string()> r) : render(std::move(r)) {}

  std::function<std::string()> render;    // makes the exposition
  asio::io_context io{1};                 // only the server thread runs it
  std::optional<tcp::acceptor> acceptor;  // the listening socket
  std::thread thread;                     // runs io
  scrape_log scrapes;                     // answered GET/HEAD /metrics
  std::uint16_t port = 0;                 // bound port

  void accept() {
    acceptor->async_accept([this](error_code ec, tcp::socket socket) {
      if (!acceptor->is_open()) return;
      if (!ec) std::make_shared<session>(std::move(socket), render, scrapes)->read();
      accept();
    });
  }
};

metrics_server::metrics_server(std::function<std::string()> render)
    : impl_(std::make_unique<impl>(std::move(render))) {}

metrics_server::~metrics_server() {  // NOLINT(bugprone-exception-escape): a failed join is fatal
  if (impl_->thread.joinable()) {
    asio::post(impl_->io, [this] {
      error_code ignored;
      impl_->acceptor->close(ignored);
    });
    impl_->io.stop();
    impl_->thread.join();
  }
}

base::result<void> metrics_server::start(const listen_address& address) {
  error_code ec;
  const auto ip = asio::ip::make_address(address.host, ec);
  if (ec) return base::fail("'" + address.host + "' is not an IP address: " + ec.message());
  const tcp::endpoint endpoint(ip, address.port);
  auto& a = impl_->acceptor.emplace(impl_->io);
  if (a.open(endpoint.protocol(), ec); ec) return base::fail("cannot open a socket: " + ec.message());
  a.set_option(asio::socket_base::reuse_address(true), ec);
  if (a.bind(endpoint, ec); ec) return base::fail("cannot listen on " + address.to_string() + ": " + ec.message());
  if (a.listen(asio::socket_base::max_listen_connections, ec); ec)
    return base::fail("cannot listen on " + address.to_string() + ": " + ec.message());
  impl_->port = a.local_endpoint(ec).port();
  impl_->accept();
  impl_->thread = std::thread([this] { impl_->io.run(); });
  return {};
}

std::uint16_t metrics_server::port() const { return impl_->port; }

std::uint64_t metrics_server::scrapes() const { return impl_->scrapes.count.load(); }

bool metrics_server::delivered_since(std::chrono::steady_clock::time_point t) const {
  return impl_->scrapes.count.load() > 0 && impl_->scrapes.rendered_ns.load() >= t.time_since_epoch().count();
}

std::chrono::nanoseconds metrics_server::scrape_gap() const {
  return std::chrono::nanoseconds(impl_->scrapes.gap_ns.load());
}

}  // namespace shield::live
