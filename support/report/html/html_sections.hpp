#pragma once
// The sections of the HTML report, each rendered from the results file's JSON (and the monitor's
// metrics reports), every outside string escaped. Missing fields show as "–", never throw.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace shield::report::html {

// The object at `key`, or an empty one.
const boost::json::object& object_at(const boost::json::object& o, std::string_view key);
// The string at `key` (numbers and booleans as text), or "".
std::string text_at(const boost::json::object& o, std::string_view key);
// The number at `key`, or NaN.
double number_at(const boost::json::object& o, std::string_view key);

// Target, times, tool, loop, thresholds... as a two-column table.
std::string configuration_section(const boost::json::object& results);
// One row per case: requests, success, rps, latency figures, grade, threshold verdicts.
std::string summary_section(const boost::json::object& results);
// Throughput and p95 against concurrency per endpoint, with the USL fit when there is one.
std::string scalability_section(const boost::json::object& results);
// Latency by percentile (HdrHistogram's log axis), one chart per case, from the stored histograms.
std::string distribution_section(const boost::json::object& results);
// Failures by kind with their first messages.
std::string failures_section(const boost::json::object& results);
// Streaming figures of the cases that stream.
std::string streaming_section(const boost::json::object& results);
// Per-stage tables and charts (throughput, p50/p99, failures over time, stage boundaries) of
// shaped cases; empty when no case has stages.
std::string shapes_section(const boost::json::object& results);
// Mixed cases: a table and latency-by-percentile curves per endpoint; empty when none.
std::string endpoints_section(const boost::json::object& results);
// The capacity search: answer, steps, goodput and p99 against offered rate; empty without one.
std::string capacity_section(const boost::json::object& results);
// The monitor's series and verdicts, one block per metrics report.
std::string monitor_section(const std::vector<boost::json::value>& reports);

}  // namespace shield::report::html
