#pragma once
// The scalability section of a run: per endpoint run at three or more concurrencies, the USL fit
// of throughput (rps) against concurrency. Read from the results file's "cases", so shield_bench
// and shield_merge get the same figures.

#include "support/stats/usl_fit.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace shield::report {

// One endpoint's sweep and its fit.
struct scalability_row {
  std::string endpoint;                  // endpoint name, or "mixed"
  std::vector<stats::usl_point> points;  // (concurrency, rps) of every repetition that ran
  stats::usl_fit fit;                    // the fit (fit.error set when it failed)
};

// Rows for the endpoints whose cases ran at three or more distinct concurrencies, in first-seen order.
std::vector<scalability_row> scalability_from_cases(const boost::json::array& cases);

// [{"endpoint","concurrencies","points","lambda_rps","sigma","kappa","peak_concurrency",
//   "peak_rps","fit_error_percent","error"}]; non-finite figures (no peak) are null.
boost::json::value scalability_json(const std::vector<scalability_row>& rows);

// Console lines, one per row, e.g. "scalability anonymize: contention 0.041, coherency 0.00071,
// peak 912 rps at concurrency 37 (fit error 2.1 %)"; empty when there is no row.
std::string scalability_lines(const std::vector<scalability_row>& rows);

}  // namespace shield::report
