#pragma once
// Google Benchmark JSON of a merged run, shaped as shield_bench's --benchmark_out writes it, so
// shield_compare and Google Benchmark's compare.py read a distributed run like any other.

#include "support/report/results/results_document.hpp"

#include <boost/json/object.hpp>

namespace shield::merge {

// {"context":{...,"shield_run_id","shield_shards"},"benchmarks":[one "iteration" entry per case and
// repetition, then its stages' and (mixed) endpoints' entries, as shield_bench registers them]}.
// From the typed model with shield_bench's own functions: real_time load::benchmark_seconds
// (closed loop: window per completed request; open loop: mean latency), cpu_time
// report::cpu_seconds_per_request (every shard's client CPU), counters load::case_counters, label
// report::benchmark_label.
boost::json::object bench_json_of(const report::results_document& merged);

}  // namespace shield::merge
