#pragma once
// The results file's figures of load shapes and the capacity search: a case's `stages` array and
// the top-level `capacity` object.

#include "support/load/load_result.hpp"
#include "support/report/results/results_document.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace shield::report {

// [{"index","from","to","duration_s","begin_s","end_s","requests","ok","failed","not_sent",
//   "failures":{kind:count},"rps","ok_rps","latency_ms":{...},"retried","counters":{...},
//   "histograms":{"latency","service_time","connect"}}]
boost::json::array stages_json(const load::load_result& result);

// {"case","slo","precision","step_s","budget_s","highest_ok_rps","lowest_broken_rps",
//  "broken_clause","broken_endpoint","stop_reason","elapsed_s","minimum_rps","passed","steps":[...]}
boost::json::object capacity_json(const capacity_record& capacity);

}  // namespace shield::report
