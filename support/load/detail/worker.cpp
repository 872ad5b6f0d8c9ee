#include "support/load/detail/worker.hpp"

#include <boost/asio/post.hpp>

namespace shield::load::detail {

namespace {

// Closed loop: sequence numbers a thread claims at a time from the run's counter, so that the
// threads touch the shared counter once per block rather than once per request. A claimed number
// below the request limit is always sent (unless stopped), so --requests counts stay exact.
constexpr std::uint64_t claim_block = 16;

std::uint64_t nanos_between(clock::time_point from, clock::time_point to) {
  const auto d = std::chrono::duration_cast<std::chrono::nanoseconds>(to - from).count();
  return d > 0 ? static_cast<std::uint64_t>(d) : 0;
}

}  // namespace

// One connection and the state of the request it carries.
struct worker::slot {
  http::connection conn;               // kept alive between requests
  http::response res;                  // reused: keeps buffer capacity
  http::request own;                   // stream requests are copied here: their event callback points at this slot
  stream_probe probe;                  // events of the current stream
  const http::request* req = nullptr;  // the request in flight
  clock::time_point intended;          // open loop: when the schedule wanted it sent
  std::uint32_t endpoint = 0;          // workload endpoint of the request in flight
  std::uint32_t stage = 0;             // stage the request was sent (open loop: due) in
  bool busy = false;                   // a request is in flight

  slot(boost::asio::io_context& ioc, const load_target& t, http::client_options options)
      : conn(ioc, t.url, std::move(options), t.tls, t.addresses) {
    own.on_event = [this](const http::sse_message& ev, http::steady_time at) { probe.on_event(ev, at); };
  }
};

worker::worker(run_shared& shared, std::uint32_t index, std::uint32_t connections, std::uint64_t first,
               const load_target& target)
    : shared_(shared),
      index_(index),
      open_loop_(shared.config.mode == load_mode::open),
      ioc_(1),
      timer_(ioc_),
      shape_(shared.config.shape.empty() ? nullptr : &shared.config.shape),
      live_(shape_ != nullptr ? shape_->stages().size() : 1,
            tally(shared.work.endpoints.size(), shared.work.has_stream())) {
  slots_.reserve(connections);
  http::client_options options = target.options;
  const auto& sources = target.source_addresses;
  for (std::uint32_t i = 0; i < connections; ++i) {
    if (!sources.empty()) options.source_address = sources[(first + i) % sources.size()];
    slots_.push_back(std::make_unique<slot>(ioc_, target, options));
  }
  if (open_loop_) {
    // Shard s of N, thread t of T: global arrivals k with k mod (T*N) == t*N + s, so shard s gets k mod N == s.
    const std::uint32_t shards = shared.config.shard_count, shard = shared.config.shard_index;
    schedule_.emplace(shared.config.rate, shared.workers * shards, index * shards + shard, shared.config.requests,
                      shared.config.duration, shape_);
    free_.reserve(connections);
  }
}

worker::~worker() = default;

void run_shared::arrive() {
  std::unique_lock lock(gate_mutex);
  if (++connected == workers) {
    start = clock::now();
    deadline = run_length(config).count() > 0 ? start + run_length(config) : clock::time_point::max();
    started = true;
    gate.notify_all();
    return;
  }
  gate.wait(lock, [this] { return started; });
}

void run_shared::wait_started() {
  std::unique_lock lock(gate_mutex);
  gate.wait(lock, [this] { return started; });
}

void worker::run() {
  preconnect();
  shared_.arrive();
  guard_.emplace(ioc_.get_executor());
  start();
  ioc_.run();
  std::lock_guard lock(take_mutex_);
  loop_ended_ = true;
  took_.notify_all();
}

void worker::request_stop() {
  boost::asio::post(ioc_, [this] { do_stop(); });
}

void worker::take(std::vector<tally>& spare) {
  std::unique_lock lock(take_mutex_);
  if (!loop_ended_) {
    swapped_ = false;
    // A posted handler keeps the loop running until it ran, unless the loop had ended already.
    boost::asio::post(ioc_, [this, &spare] {
      std::lock_guard inner(take_mutex_);
      std::swap(live_, spare);
      swapped_ = true;
      took_.notify_all();
    });
    took_.wait(lock, [this] { return swapped_ || loop_ended_; });
    if (swapped_) return;
  }
  std::swap(live_, spare);
}

std::uint64_t worker::connections_opened() const {
  std::uint64_t n = 0;
  for (const auto& s : slots_) n += s->conn.connections_opened();
  return n;
}

// --- starting and sending ---

// Before the clock: every connection opened (bounded by the connect timeout), its connect time
// recorded apart. A connection that fails to open is retried by its first request, which counts.
void worker::preconnect() {
  for (auto& s : slots_) {
    s->conn.async_open(s->res, [this](http::response& res) {
      if (!res.ok() || res.reused_connection) return;
      live_.front().connect.record(nanos_between(res.times.start, res.times.connected));
    });
  }
  ioc_.run();  // no work guard yet: returns when every open completed
  ioc_.restart();
}

void worker::start() {
  const auto now = clock::now();
  if (open_loop_) {
    for (auto it = slots_.rbegin(); it != slots_.rend(); ++it) free_.push_back(it->get());
    advance(now);
    pump(now);
    arm_timer();
  } else {
    for (auto& s : slots_) {
      if (exhausted_) break;
      issue_closed(*s, now);
    }
    if (shape_ != nullptr) arm_tick(now);
  }
  finish_if_done();
}

// --- closed loop with stages: the in-flight target ---

// This thread's share of the shape's in-flight target at `now` (rounded; the shard's share first).
std::uint64_t worker::in_flight_target(clock::time_point now) const {
  const auto t = std::chrono::duration_cast<std::chrono::nanoseconds>(now - shared_.start);
  const auto whole = static_cast<std::uint64_t>(std::llround(std::max(0.0, shape_->value_at(t))));
  return share_of(shard_share(shared_.config, whole), shared_.workers, index_);
}

// Wakes when the target can next change, to send on parked connections (or end the run).
void worker::arm_tick(clock::time_point now) {
  if (timer_armed_ || stopping_ || exhausted_) return;
  const auto t = std::chrono::duration_cast<std::chrono::nanoseconds>(now - shared_.start);
  const auto next = shape_->next_change(t);
  timer_armed_ = true;
  timer_.expires_at(next == std::chrono::nanoseconds::max() ? shared_.deadline : shared_.start + next);
  timer_.async_wait([this](const boost::system::error_code& ec) { on_tick(ec); });
}

void worker::on_tick(const boost::system::error_code& ec) {
  timer_armed_ = false;
  if (!ec && !stopping_) {
    const auto now = clock::now();
    while (!exhausted_ && !parked_.empty() && active_.load(std::memory_order_relaxed) < in_flight_target(now)) {
      slot* s = parked_.back();
      parked_.pop_back();
      issue_closed(*s, now);
    }
    if (now >= shared_.deadline) exhausted_ = true;
    arm_tick(now);
  }
  finish_if_done();
}

std::uint32_t worker::stage_of(clock::time_point at) const {
  if (shape_ == nullptr) return 0;
  return static_cast<std::uint32_t>(
      shape_->stage_at(std::chrono::duration_cast<std::chrono::nanoseconds>(at - shared_.start)));
}

// Closed loop: claims the next sequence number of the run, unless the run is over.
void worker::issue_closed(slot& s, clock::time_point now) {
  if (stopping_ || now >= shared_.deadline) {
    exhausted_ = true;
    return;
  }
  if (shape_ != nullptr && active_.load(std::memory_order_relaxed) >= in_flight_target(now)) {
    parked_.push_back(&s);  // above the stage's target: idle until it rises
    return;
  }
  if (claimed_ == claimed_end_) {
    claimed_ = shared_.next_seq.fetch_add(claim_block, std::memory_order_relaxed);
    claimed_end_ = claimed_ + claim_block;
  }
  const std::uint64_t seq = claimed_++;
  if (shared_.config.requests > 0 && seq >= shard_share(shared_.config, shared_.config.requests)) {
    exhausted_ = true;
    return;
  }
  // Run-wide sequence number: a shard's requests interleave with the others' as on one machine.
  dispatch(s, seq * shared_.config.shard_count + shared_.config.shard_index, {}, now);
}

void worker::dispatch(slot& s, std::uint64_t seq, clock::time_point intended, clock::time_point now) {
  const std::size_t k = seq % shared_.work.pool.size();
  const planned_request& planned = shared_.work.pool[k];
  const workload_endpoint& ep = shared_.work.endpoints[planned.endpoint];
  s.intended = intended;
  s.stage = stage_of(open_loop_ ? intended : now);  // closed loop: the stage it is sent in
  s.endpoint = planned.endpoint;
  s.req = &planned.request;
  if (ep.stream) {
    // Assignments reuse the slot's string capacity; on_event stays.
    const http::request& from = planned.request;
    s.own.method = from.method;
    s.own.target = from.target;
    s.own.headers = from.headers;
    s.own.body = from.body;
    s.own.content_type = from.content_type;
    s.own.expected_status = from.expected_status;
    s.own.timeout = from.timeout;
    s.own.keep_headers = from.keep_headers;
    s.own.keep_body = from.keep_body;
    s.own.keep_events = false;
    s.probe.begin(ep);
    s.req = &s.own;
  }
  s.busy = true;
  active_.store(active_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  auto done = [this, p = &s](http::response& res) { on_complete(*p, res); };
  if (shared_.wires.empty()) return s.conn.async_send(*s.req, s.res, std::move(done));
  s.conn.async_send(*s.req, shared_.wires[k], s.res, std::move(done), now);
}

void worker::on_complete(slot& s, http::response& res) {
  s.busy = false;
  active_.store(active_.load(std::memory_order_relaxed) - 1, std::memory_order_relaxed);
  last_completion_ = res.times.complete;
  if (stopping_ && res.error == http::error_kind::reset) {
    ++abandoned_;  // closed by our own stop: not a server failure, not counted
  } else {
    record(s, res);
  }
  const auto now = res.times.complete;
  if (!stopping_) {
    if (open_loop_) {
      free_.push_back(&s);
      advance(now);
      pump(now);
      arm_timer();
    } else if (!exhausted_) {
      issue_closed(s, now);
    }
  }
  finish_if_done();
}

// --- counting ---

void worker::record(slot& s, const http::response& res) {
  const workload_endpoint& ep = shared_.work.endpoints[s.endpoint];
  outcome result = from_error(res.error);
  const bool stream_started =
      ep.stream && res.status != 0 && (s.req->expected_status == 0 || res.status == s.req->expected_status);
  if (result == outcome::ok && ep.stream && ep.end_marker && !s.probe.saw_end()) result = outcome::incomplete_stream;
  const auto from = open_loop_ ? s.intended : res.times.start;
  const auto latency = nanos_between(from, res.times.complete);

  tally& live = live_[s.stage];
  if (!res.reused_connection && res.times.connected != http::steady_time{}) {
    live.connect.record(nanos_between(res.times.start, res.times.connected));
  }
  if (res.retried) ++live.retried;
  ++live.requests;
  outcome_tally& counted = live.outcomes[index_of(result)];
  ++counted.count;
  endpoint_tally& per_endpoint = live.endpoints[s.endpoint];
  ++per_endpoint.requests;
  ++per_endpoint.outcomes[index_of(result)];
  if (result == outcome::ok) {
    ++live.ok;
    ++per_endpoint.ok;
    live.latency.record(latency);
    live.service.record(nanos_between(res.times.start, res.times.complete));
    per_endpoint.latency.record(latency);
  } else if (counted.messages.size() < shared_.config.messages_per_kind) {
    std::string message = ep.name + ": ";
    if (result == outcome::incomplete_stream) {
      message += "stream ended after " + std::to_string(s.probe.tokens()) + " tokens without its end marker \"" +
                 *ep.end_marker + "\"";
    } else {
      message += res.error_message;
    }
    counted.messages.push_back(std::move(message));
  }
  if (!stream_started || !live.stream) return;
  stream_figures& st = *live.stream;
  ++st.streams;
  const bool ended = ep.end_marker ? s.probe.saw_end() : res.ok();
  if (!ended) ++st.incomplete;
  if (res.times.first_byte != http::steady_time{}) st.ttfb.record(nanos_between(from, res.times.first_byte));
  const std::uint32_t tokens = s.probe.tokens();
  st.tokens += tokens;
  if (tokens > 0) st.ttft.record(nanos_between(from, s.probe.first_token()));
  for (std::uint64_t g : s.probe.gaps_ns()) st.gap.record(g);
  if (tokens >= 2) {
    st.rated_tokens += tokens - 1;
    st.token_time_ns += nanos_between(s.probe.first_token(), s.probe.last_token());
  }
}

// --- open loop: the schedule ---

void worker::advance(clock::time_point now) {
  const std::uint64_t size = schedule_->size();
  while (due_ < size && shared_.start + schedule_->offset(due_) <= now) ++due_;
}

void worker::pump(clock::time_point now) {
  if (stopping_) return;
  const bool cut = shared_.config.duration.count() > 0 && now >= shared_.deadline;
  while (!cut && sent_ < due_ && !free_.empty()) {
    slot* s = free_.back();
    free_.pop_back();
    dispatch(*s, schedule_->sequence(sent_), shared_.start + schedule_->offset(sent_), now);
    ++sent_;
  }
  // Nothing more will be sent: the schedule is used up, or the duration is over (the rest is unsent).
  if (sent_ == schedule_->size() || cut) exhausted_ = true;
}

void worker::arm_timer() {
  // Only free connections need a wake-up; busy ones pick up due arrivals when they complete.
  if (timer_armed_ || stopping_ || exhausted_ || free_.empty() || due_ >= schedule_->size()) return;
  timer_armed_ = true;
  timer_.expires_at(shared_.start + schedule_->offset(due_));
  timer_.async_wait([this](const boost::system::error_code& ec) { on_timer(ec); });
}

void worker::on_timer(const boost::system::error_code& ec) {
  timer_armed_ = false;
  if (!ec && !stopping_) {
    const auto now = clock::now();
    advance(now);
    pump(now);
    arm_timer();
  }
  finish_if_done();
}

// --- the end ---

void worker::do_stop() {
  if (stopping_ || finished_) return;
  if (open_loop_) advance(clock::now());
  stopping_ = true;
  timer_.cancel();
  for (auto& s : slots_) {
    if (s->busy) s->conn.close();  // completes with a reset, counted as abandoned
  }
  finish_if_done();
}

// Arrivals that were due but found every connection busy until the end: failures, not omissions.
void worker::record_unsent() {
  if (unsent_ == 0) return;
  for (std::uint64_t j = sent_; j < due_; ++j) {
    const std::uint32_t endpoint = shared_.work.pick(schedule_->sequence(j)).endpoint;
    tally& live = live_[stage_of(shared_.start + schedule_->offset(j))];  // the stage it was due in
    ++live.requests;
    ++live.outcomes[index_of(outcome::not_sent)].count;
    ++live.endpoints[endpoint].requests;
    ++live.endpoints[endpoint].outcomes[index_of(outcome::not_sent)];
  }
  outcome_tally& counted =
      live_[stage_of(shared_.start + schedule_->offset(sent_))].outcomes[index_of(outcome::not_sent)];
  if (counted.messages.size() < shared_.config.messages_per_kind) {
    const std::uint32_t first = shared_.work.pick(schedule_->sequence(sent_)).endpoint;
    counted.messages.push_back(shared_.work.endpoints[first].name + ": " + std::to_string(unsent_) +
                               " requests due were never sent: all " + std::to_string(slots_.size()) +
                               " connections of I/O thread " + std::to_string(index_) +
                               " stayed busy (raise --concurrency, or lower --rate)");
  }
}

void worker::finish_if_done() {
  if (finished_ || active_.load(std::memory_order_relaxed) != 0 || !(exhausted_ || stopping_)) return;
  if (open_loop_) {
    if (!stopping_) advance(clock::now());
    unsent_ = due_ - sent_;
    if (!stopping_) record_unsent();  // Ctrl-C: those still queued are left out, like abandoned ones
  }
  finished_ = true;
  timer_.cancel();
  guard_.reset();  // run() returns once the connections' last handlers ran
}

}  // namespace shield::load::detail
