#include "support/http/detail/read_poller.hpp"

#include <boost/asio/post.hpp>

#include <sys/epoll.h>
#include <unistd.h>

#include <array>
#include <cerrno>

namespace shield::http::detail {

namespace {
constexpr std::uint32_t read_events = EPOLLIN | EPOLLRDHUP | EPOLLET;
constexpr int batch = 256;                    // events taken per epoll_wait; the rest come with the next wake-up
constexpr std::uint32_t most_again = 8;       // batches looked for in a row before the reactor's turn
constexpr std::uint32_t rest_after_miss = 8;  // wake-ups without looking again after a look found nothing
}  // namespace

boost::asio::execution_context::id read_poller::id;

read_poller::read_poller(boost::asio::execution_context& context)
    : boost::asio::execution_context::service(context),
      epoll_fd_(::epoll_create1(EPOLL_CLOEXEC)),
      watcher_(static_cast<boost::asio::io_context&>(context)) {
  if (epoll_fd_ < 0) return;
  boost::system::error_code ec;
  watcher_.assign(::dup(epoll_fd_), ec);  // the reactor owns (and closes) its own copy
}

read_poller::~read_poller() {
  if (epoll_fd_ >= 0) ::close(epoll_fd_);
}

void read_poller::shutdown() {
  down_ = true;
  boost::system::error_code ec;
  watcher_.close(ec);
}

int read_poller::add(int fd, client* owner) {
  if (epoll_fd_ < 0 || !watcher_.is_open()) {
    errno = EBADF;
    return -1;
  }
  int slot;
  if (free_.empty()) {
    slot = static_cast<int>(slots_.size());
    slots_.push_back(owner);
  } else {
    slot = free_.back();
    free_.pop_back();
    slots_[static_cast<std::size_t>(slot)] = owner;
  }
  epoll_event ev{};
  ev.events = read_events;
  ev.data.u64 = static_cast<std::uint64_t>(slot);
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev) != 0) {
    const int saved = errno;
    remove(slot);
    errno = saved;
    return -1;
  }
  return slot;
}

void read_poller::want_write(int slot, int fd, bool on) {
  epoll_event ev{};
  ev.events = read_events | (on ? EPOLLOUT : 0u);
  ev.data.u64 = static_cast<std::uint64_t>(slot);
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, fd, &ev);
}

void read_poller::remove(int slot) {
  if (slot < 0 || static_cast<std::size_t>(slot) >= slots_.size()) return;
  slots_[static_cast<std::size_t>(slot)] = nullptr;
  free_.push_back(slot);
}

bool read_poller::defer_send(int slot) {
  if (!dispatching_) return false;
  sends_.push_back(slot);
  return true;
}

void read_poller::wait_started() {
  ++waiting_;
  if (!armed_ && !polling_) arm();
}

void read_poller::wait_ended() {
  if (waiting_ > 0) --waiting_;
  if (waiting_ == 0 && armed_) {
    boost::system::error_code ec;
    watcher_.cancel(ec);  // let the event loop run out of work; the set keeps what arrives
  }
}

void read_poller::arm() {
  if (down_ || !watcher_.is_open()) return;
  armed_ = true;
  watcher_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                      [this](const boost::system::error_code& ec) { on_wake(ec); });
}

void read_poller::on_wake(const boost::system::error_code& ec) {
  armed_ = false;
  if (down_) return;
  again_ = 0;
  const int n = ec ? 0 : dispatch();
  if (n > 0 && rest_ == 0) return look_again();
  if (n > 0) --rest_;
  rearm();
}

// A batch found events: the server may have answered more meanwhile. Looking again (after the
// handlers already queued, so timers and posts are not starved) costs one epoll_wait, where a
// wake-up through the reactor costs its epoll_wait, the re-arming epoll_ctl and ours.
void read_poller::look_again() {
  if (waiting_ == 0 || again_ >= most_again) return rearm();
  ++again_;
  polling_ = true;
  boost::asio::post(watcher_.get_executor(), [this] { on_look(); });
}

void read_poller::on_look() {
  polling_ = false;
  if (down_) return;
  if (waiting_ > 0 && !armed_) {
    if (dispatch() > 0) return look_again();
    // The first look found nothing: events come sparsely (long streams), stop looking for a while.
    if (again_ == 1) rest_ = rest_after_miss;
  }
  rearm();
}

void read_poller::rearm() {
  if (waiting_ > 0 && !armed_ && !polling_) arm();
}

int read_poller::dispatch() {
  std::array<epoll_event, batch> events;
  const int n = ::epoll_wait(epoll_fd_, events.data(), batch, 0);
  dispatching_ = true;
  for (int i = 0; i < n; ++i) {
    const auto slot = static_cast<std::size_t>(events[static_cast<std::size_t>(i)].data.u64);
    // An owner removed by an earlier event of this batch left its slot null (or reused: harmless,
    // the new owner checks what it reads).
    if (slot < slots_.size() && slots_[slot] != nullptr)
      slots_[slot]->on_ready(events[static_cast<std::size_t>(i)].events);
  }
  dispatching_ = false;
  if (sends_.empty()) return n;
  // The sends put off meanwhile, back to back: the server finds the burst together.
  const auto now = std::chrono::steady_clock::now();
  for (const int slot : sends_) {
    // A slot freed meanwhile is null; one reused by a new owner is told, and finds nothing put off.
    if (auto* owner = slots_[static_cast<std::size_t>(slot)]) owner->on_send(now);
  }
  sends_.clear();
  return n;
}

}  // namespace shield::http::detail
