#pragma once
// The console summary of a run: one row per case run with its headline figures and grade.

#include "support/report/results/results_document.hpp"

#include <string>
#include <vector>

namespace shield::report {

// A fixed-width table: case, requests, success %, rps, mean/p50/p95/p99 ms, failures by kind,
// grade, threshold verdict; followed by one line per failed threshold and per case error.
std::string summary_table(const std::vector<case_record>& cases);

// "reset 3, request_timeout 1" for the failures of a tally; "-" when there are none.
std::string failure_summary(const load::tally& totals);

}  // namespace shield::report
