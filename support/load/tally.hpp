#pragma once
// What a set of completed requests adds up to: counts per outcome, latency histograms, streaming
// measures, per-endpoint figures. One per I/O thread while a run goes, merged at the end.

#include "support/load/outcome.hpp"
#include "support/stats/latency_histogram.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shield::load {

// Count of one outcome and the first messages of its failures.
struct outcome_tally {
  std::uint64_t count = 0;            // requests with this outcome
  std::vector<std::string> messages;  // first few failure messages, in arrival order
};

// Streaming measures of the stream endpoints' responses.
struct stream_figures {
  std::uint64_t streams = 0;        // responses with the expected status from a stream endpoint
  std::uint64_t incomplete = 0;     // of those, streams that ended without their end marker
  std::uint64_t tokens = 0;         // token events over all streams
  std::uint64_t rated_tokens = 0;   // tokens after the first, over streams with two or more
  std::uint64_t token_time_ns = 0;  // time from first to last token, summed over those streams
  stats::latency_histogram ttfb;    // intended send to the first response byte
  stats::latency_histogram ttft;    // intended send to the first token
  stats::latency_histogram gap;     // between consecutive tokens of a stream

  // Decode rate: rated_tokens over token_time; 0 when no stream had two tokens.
  double tokens_per_second() const noexcept;
  void merge(const stream_figures& other);
  void reset() noexcept;
};

// One endpoint's share of a run (meaningful for `mixed`).
struct endpoint_tally {
  std::uint64_t requests = 0;                           // completed requests to it
  std::uint64_t ok = 0;                                 // of those, successful
  std::array<std::uint64_t, outcome_count> outcomes{};  // per outcome (index_of), ok included
  stats::latency_histogram latency;                     // latency of its successful requests

  void merge(const endpoint_tally& other);
  void reset() noexcept;
};

// Counts and histograms of completed requests; latencies are of successful requests only.
struct tally {
  std::uint64_t requests = 0;                         // completed: ok + failures
  std::uint64_t ok = 0;                               // successful
  std::array<outcome_tally, outcome_count> outcomes;  // per outcome (index_of); [ok] has no messages
  stats::latency_histogram latency;                   // from the intended send (open loop: the schedule)
  stats::latency_histogram service;                   // from the actual send (no queueing wait)
  stats::latency_histogram connect;                   // each connection opened: resolve + TCP + TLS
  std::uint64_t retried = 0;                          // requests sent a second time (--retry=idempotent)
  std::optional<stream_figures> stream;               // set when the workload streams
  std::vector<endpoint_tally> endpoints;              // per workload endpoint

  // A tally for `endpoints` endpoints, with streaming measures when `streaming`.
  tally(std::size_t endpoints = 1, bool streaming = false);

  // Failed requests (requests - ok).
  std::uint64_t failures() const noexcept { return requests - ok; }
  // Adds `other` (same shape); keeps at most `messages_per_kind` messages per outcome.
  void merge(const tally& other, std::size_t messages_per_kind);
  // Back to zero, keeping storage.
  void reset() noexcept;
};

}  // namespace shield::load
