#include "support/load/engine.hpp"

#include "support/load/detail/worker.hpp"
#include "support/http/connection.hpp"
#include "support/http/tls_context.hpp"

#include <algorithm>
#include <condition_variable>
#include <thread>

namespace shield::load {

namespace {

using detail::clock;

// How often the controlling thread looks at the stop flag between intervals.
constexpr std::chrono::milliseconds stop_poll{50};

// The controlling thread's view of the workers: their threads, and when the last one is done.
class controller {
 public:
  controller(const load_config& config, const workload& work, const load_target& target, std::uint32_t threads)
      : config_(config), shared_{config, work, {}, threads, {}, {}, {}, {}, {}, 0, false} {
    // Each pooled request rendered once; if one cannot be, every send renders (and fails) as usual.
    shared_.wires.reserve(work.pool.size());
    for (const planned_request& p : work.pool) {
      auto wire = http::render_request(p.request, target.url, target.options);
      if (!wire) {
        shared_.wires.clear();
        break;
      }
      shared_.wires.push_back(std::move(*wire));
    }
    std::uint64_t first = 0;
    for (std::uint32_t i = 0; i < threads; ++i) {
      const auto connections =
          static_cast<std::uint32_t>(detail::share_of(shard_share(config, config.concurrency), threads, i));
      workers_.push_back(std::make_unique<detail::worker>(shared_, i, connections, first, target));
      first += connections;
      spares_.emplace_back(std::max<std::size_t>(1, config.shape.stages().size()),
                           tally(work.endpoints.size(), work.has_stream()));
    }
  }

  ~controller() {
    for (auto& t : threads_) {
      if (t.joinable()) t.join();
    }
  }

  load_result run(interval_observer* observer) {
    load_result result;
    result.config = config_;
    result.config.stop = nullptr;
    result.threads = static_cast<std::uint32_t>(workers_.size());
    result.endpoints.reserve(shared_.work.endpoints.size());
    for (const auto& e : shared_.work.endpoints) result.endpoints.push_back(e.name);
    result.totals = tally(shared_.work.endpoints.size(), shared_.work.has_stream());
    tally interval(shared_.work.endpoints.size(), shared_.work.has_stream());
    const load_shape& shape = config_.shape;
    for (std::size_t i = 0; i < shape.stages().size(); ++i) {
      stage_result st;
      st.spec = shape.stages()[i];
      st.from = i == 0 ? shape.start_value() : shape.stages()[i - 1].target;
      st.begin = shape.stage_begin(i);
      st.end = shape.stage_end(i);
      st.totals = tally(shared_.work.endpoints.size(), shared_.work.has_stream());
      result.stages.push_back(std::move(st));
    }

    for (auto& w : workers_) {
      threads_.emplace_back([this, w = w.get()] {
        w->run();
        std::lock_guard lock(mutex_);
        ++finished_;
        done_.notify_all();
      });
    }
    shared_.wait_started();  // the workers opened their connections; the clock runs from here

    auto interval_start = shared_.start;
    auto next_report = shared_.start + config_.interval;
    bool stop_sent = false;
    std::unique_lock lock(mutex_);
    while (finished_ < workers_.size()) {
      const auto wake = std::min(next_report, clock::now() + stop_poll);
      done_.wait_until(lock, wake, [&] { return finished_ == workers_.size(); });
      if (finished_ == workers_.size()) break;
      if (!stop_sent && config_.stop != nullptr && config_.stop->load()) {
        stop_sent = true;
        result.interrupted = true;
        for (auto& w : workers_) w->request_stop();
      }
      const auto now = clock::now();
      if (now >= next_report) {
        lock.unlock();
        collect(interval, result);
        report(observer, interval, result.totals, now, now - interval_start, false);
        interval.reset();
        interval_start = now;
        next_report = now + config_.interval;
        lock.lock();
      }
    }
    lock.unlock();
    for (auto& t : threads_) t.join();
    threads_.clear();

    collect(interval, result);
    auto last = shared_.start;
    for (auto& w : workers_) {
      last = std::max(last, w->last_completion());
      result.unsent += w->unsent();
      result.abandoned += w->abandoned();
      result.connections_opened += w->connections_opened();
    }
    result.wall = std::chrono::duration_cast<std::chrono::nanoseconds>(last - shared_.start);
    const auto end = std::max(last, interval_start);
    report(observer, interval, result.totals, end, end - interval_start, true);
    if (config_.stop != nullptr && config_.stop->load()) result.interrupted = true;
    return result;
  }

 private:
  // Moves every worker's live tallies into `interval`, the run's totals and its stages'.
  void collect(tally& interval, load_result& result) {
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      workers_[i]->take(spares_[i]);
      for (std::size_t s = 0; s < spares_[i].size(); ++s) {
        interval.merge(spares_[i][s], config_.messages_per_kind);
        result.totals.merge(spares_[i][s], config_.messages_per_kind);
        if (s < result.stages.size()) result.stages[s].totals.merge(spares_[i][s], config_.messages_per_kind);
        spares_[i][s].reset();
      }
    }
  }

  void report(interval_observer* observer, const tally& interval, const tally& total, clock::time_point now,
              clock::duration length, bool final) {
    if (observer == nullptr) return;
    interval_report r;
    r.elapsed = std::chrono::duration_cast<std::chrono::nanoseconds>(now - shared_.start);
    r.length = std::chrono::duration_cast<std::chrono::nanoseconds>(length);
    r.interval = &interval;
    r.total = &total;
    for (auto& w : workers_) r.in_flight += w->in_flight();
    r.final = final;
    if (!config_.shape.empty()) {
      r.stages = config_.shape.stages().size();
      r.stage = config_.shape.stage_at(r.elapsed);
      r.target = config_.shape.value_at(r.elapsed);
    }
    observer->on_interval(r);
  }

  const load_config& config_;                             // the run's settings
  detail::run_shared shared_;                             // what the workers share
  std::vector<std::unique_ptr<detail::worker>> workers_;  // one per I/O thread
  std::vector<std::vector<tally>> spares_;                // per worker and stage: swapped with its live tallies
  std::vector<std::thread> threads_;                      // the I/O threads
  std::mutex mutex_;                                      // guards finished_
  std::condition_variable done_;                          // a worker finished
  std::size_t finished_ = 0;                              // workers whose run() returned
};

}  // namespace

load_result run_load(const load_config& config, const workload& work, const load_target& target,
                     interval_observer* observer) {
  auto runnable = validate(config);
  if (runnable) runnable = work.check();
  if (!runnable) {
    load_result result;
    result.config = config;
    result.config.stop = nullptr;
    result.error = std::move(runnable.error().message);
    return result;
  }
  load_target shared_target = target;
  if (shared_target.url.tls() && !shared_target.tls) {
    shared_target.tls = std::make_shared<http::tls_context>(shared_target.options);  // one SSL_CTX for all
  }
  if (!shared_target.addresses) {
    // A name that does not resolve now stays null: each request then fails as dns, counted.
    if (auto addresses = http::resolve_addresses(shared_target.url)) shared_target.addresses = *addresses;
  }
  controller c(config, work, shared_target, effective_threads(config));
  return c.run(observer);
}

}  // namespace shield::load
