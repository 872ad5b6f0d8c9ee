#include "support/http/detail/connection_impl.hpp"

#include "support/http/request_writer.hpp"

#include <boost/asio/post.hpp>

namespace shield::http::detail {

namespace {
using clock = std::chrono::steady_clock;

std::string ms_text(clock::duration d) {
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()) + " ms";
}
}  // namespace

connection_impl::connection_impl(boost::asio::io_context& ioc, target_url url, client_options options)
    : ioc_(ioc),
      url_(std::move(url)),
      options_(std::move(options)),
      host_header_(url_.host_header()),
      port_text_(std::to_string(url_.port)),
      guard_(ioc, [this] { on_deadline(); }) {}

bool connection_impl::reject_busy(response& out, send_handler& done) {
  if (req_ == nullptr) return false;
  out.error = error_kind::protocol;
  out.error_message = "connection busy: one request at a time per connection";
  out.times.complete = out.times.start;
  boost::asio::post(ioc_, [&out, done = std::move(done)]() { done(out); });
  return true;
}

bool connection_impl::begin(const request& req, response& out, send_handler& done, steady_time now) {
  out.clear();
  out.times.start = now != steady_time{} ? now : clock::now();
  if (reject_busy(out, done)) return false;
  req_ = &req;
  out_ = &out;
  done_ = std::move(done);
  ++send_id_;
  retried_ = false;
  timed_out_ = false;
  closed_ = false;
  return true;
}

void connection_impl::start(const request& req, response& out, send_handler done) {
  if (!begin(req, out, done)) return;
  if (auto written = write_request(req, {url_.base_path, host_header_, options_.user_agent}, wire_); !written) {
    return fail(error_kind::protocol, std::move(written.error().message), true);
  }
  wire_view_ = wire_;
  send_begun(req, out);
}

void connection_impl::start_rendered(const request& req, std::string_view wire, response& out, send_handler done,
                                     steady_time now) {
  if (!begin(req, out, done, now)) return;
  wire_view_ = wire;
  send_begun(req, out);
}

void connection_impl::send_begun(const request& req, response& out) {
  deadline_ = out.times.start + (req.timeout.count() > 0 ? req.timeout : options_.request_timeout);
  if (open_) {
    out.reused_connection = true;
    out.times.connected = out.times.start;
  }
  send_request();
}

void connection_impl::start_open(response& out, send_handler done) {
  static const request no_request;  // stands in while connecting: marks the connection busy
  if (!begin(no_request, out, done)) return;
  open_only_ = true;
  deadline_ = out.times.start + options_.request_timeout;  // the connect timeout binds first, as for a send
  if (open_) {
    out.reused_connection = true;
    out.times.connected = out.times.start;
    out.times.complete = out.times.start;
    boost::asio::post(ioc_, [self = shared_from_this(), this]() { complete(); });
    return;
  }
  send_request();
}

void connection_impl::opened(steady_time now) {
  out_->times.complete = now;
  idle_since_ = now;
  complete();
}

void connection_impl::close() {
  closed_ = req_ != nullptr;
  guard_.cancel();
  abort_io();  // pending operations complete as aborted
}

void connection_impl::watch(step s, steady_time deadline) {
  step_ = s;
  guard_.watch(deadline);
}

// The guarded step's deadline passed: abort it; its handler reports the timeout (see stopped()).
void connection_impl::on_deadline() {
  timed_out_ = true;
  abort_io();
}

// Which deadline passed decides the kind; the request deadline wins when it was the nearer one.
error_kind connection_impl::timeout_kind() const {
  bool request_bound = connect_deadline_ == deadline_;
  switch (step_) {
    case step::resolve:
      return request_bound ? error_kind::request_timeout : error_kind::dns;
    case step::connect:
      return request_bound ? error_kind::request_timeout : error_kind::connect_timeout;
    case step::read:
      return idle_binding_ ? error_kind::idle_timeout : error_kind::request_timeout;
    default:
      return error_kind::request_timeout;
  }
}

// (The flags are read before failing: the completion may start the next send and reset them.)
bool connection_impl::stopped(std::string_view during) {
  if (timed_out_) {
    fail_timeout(during);
    return true;
  }
  if (closed_) {
    fail(error_kind::reset, "connection closed by the client while " + std::string(during) + " " + where());
    return true;
  }
  return false;
}

void connection_impl::fail_timeout(std::string_view during) {
  error_kind kind = timeout_kind();
  std::string message = std::string(to_string(kind)) + " " + std::string(during) + " " + where() + ": ";
  const auto now = clock::now();
  if (kind == error_kind::idle_timeout && out_->event_count > 0) {
    message += "the stream went quiet: " + std::to_string(out_->event_count) + " events arrived, the last " +
               ms_text(now - out_->times.last_event) + " ago (idle timeout " + ms_text(options_.idle_timeout) + ")";
  } else if (kind == error_kind::idle_timeout && out_->times.first_byte != steady_time{}) {
    message += "the response started, then no byte for " + ms_text(options_.idle_timeout);
  } else if (kind == error_kind::idle_timeout) {
    message += "no response byte for " + ms_text(options_.idle_timeout);
  } else if (kind == error_kind::dns) {
    message += "no address within " + ms_text(options_.connect_timeout);
  } else if (kind == error_kind::connect_timeout) {
    message += "not connected within " + ms_text(options_.connect_timeout);
  } else {
    message += "request deadline of " + ms_text(deadline_ - out_->times.start) + " passed";
  }
  fail(kind, std::move(message));
}

void connection_impl::fail(error_kind kind, std::string message, bool later) {
  out_->error = kind;
  out_->error_message = std::move(message);
  out_->times.complete = clock::now();
  if (later) {
    boost::asio::post(ioc_, [self = shared_from_this(), this]() { complete(); });  // connection untouched
    return;
  }
  close_stream();
  complete();
}

void connection_impl::succeed(steady_time now) {
  out_->times.complete = now;
  // Leftover bytes after a complete response mean the stream is out of step: do not reuse it.
  if (!reader_->keep_alive() || buffer_.size() != 0) close_stream();
  idle_since_ = now;
  if (req_->expected_status != 0 && out_->status != req_->expected_status) {
    out_->error = error_kind::unexpected_status;
    out_->error_message =
        "expected status " + std::to_string(req_->expected_status) + ", got " + std::to_string(out_->status);
  }
  complete();
}

void connection_impl::complete() {
  reader_.reset();
  open_only_ = false;
  step_ = step::idle;
  guard_.clear();
  send_handler done = std::move(done_);
  done_ = nullptr;
  response& out = *out_;
  req_ = nullptr;
  out_ = nullptr;
  done(out);  // may start the next request
  if (step_ == step::idle) {
    guard_.cancel();  // no next request: let the io_context run out of work
    went_idle();
  }
}

}  // namespace shield::http::detail
