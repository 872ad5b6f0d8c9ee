#pragma once
// Google Benchmark JSON of a merged run, shaped as shield_bench's --benchmark_out writes it, so
// shield_compare and Google Benchmark's compare.py read a distributed run like any other.

#include <boost/json/object.hpp>

namespace shield::merge {

// {"context":{...,"shield_run_id","shield_shards"},"benchmarks":[one "iteration" entry per case
// and repetition: real_time as shield_bench's (closed loop: union window per completed request; open
// loop: mean latency), cpu_time = the shards' client CPU per completed request (us), counters, grade label]}.
boost::json::object bench_json_of(const boost::json::object& merged_document);

}  // namespace shield::merge
