#pragma once
// The sections of the HTML report, each rendered from the typed results model (the figures come
// from the same functions the results file's writer uses) and the monitor's metrics reports;
// every outside string escaped. A figure without data shows as "–".

#include "support/report/results/results_document.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace shield::report::html {

// Target, times, tool, loop, thresholds... as a two-column table.
std::string configuration_section(const results_document& results);
// One row per case: requests, success, rps, latency figures, grade, threshold verdicts.
std::string summary_section(const results_document& results);
// Throughput and p95 against concurrency per endpoint, with the USL fit when there is one.
std::string scalability_section(const results_document& results);
// Latency by percentile (HdrHistogram's log axis), one chart per case, from the histograms.
std::string distribution_section(const results_document& results);
// Failures by kind with their first messages.
std::string failures_section(const results_document& results);
// Streaming figures of the cases that stream.
std::string streaming_section(const results_document& results);
// Per-stage tables and charts (throughput, p50/p99, failures over time, stage boundaries) of
// shaped cases; empty when no case has stages.
std::string shapes_section(const results_document& results);
// Mixed cases: a table and latency-by-percentile curves per endpoint; empty when none.
std::string endpoints_section(const results_document& results);
// The capacity search: answer, steps, goodput and p99 against offered rate; empty without one.
std::string capacity_section(const results_document& results);
// The monitor's series and verdicts, one block per metrics report (shield.metrics_report JSON).
std::string monitor_section(const std::vector<boost::json::value>& reports);

}  // namespace shield::report::html
