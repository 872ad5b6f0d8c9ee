#pragma once
// What a person watching a run sees while a case goes: a progress line on a terminal, and the
// per-interval lines of --monitor. Both are load::interval_observer implementations.

#include "support/load/interval_observer.hpp"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace shield::bench {

// One line rewritten in place ("\r") each interval, cleared at the end; for terminals only.
class progress_line final : public load::interval_observer {
 public:
  progress_line(std::string case_name, std::FILE* out) : name_(std::move(case_name)), out_(out) {}
  void on_interval(const load::interval_report& report) override;

 private:
  std::string name_;  // the case being run
  std::FILE* out_;    // stderr, a terminal
};

// One full line per interval: rate, failures and latency of the interval.
class monitor_lines final : public load::interval_observer {
 public:
  monitor_lines(std::string case_name, std::FILE* out) : name_(std::move(case_name)), out_(out) {}
  void on_interval(const load::interval_report& report) override;

 private:
  std::string name_;  // the case being run
  std::FILE* out_;    // where lines go
};

// Forwards each report to every observer it holds.
class observer_fanout final : public load::interval_observer {
 public:
  void add(std::unique_ptr<load::interval_observer> observer);
  bool empty() const { return observers_.empty(); }
  void on_interval(const load::interval_report& report) override;

 private:
  std::vector<std::unique_ptr<load::interval_observer>> observers_;  // in the order added
};

// "1234 requests, 5678/s, 2 failed, 3 in flight, p99 12.3 ms" for an interval report.
std::string describe_interval(const load::interval_report& report);

}  // namespace shield::bench
