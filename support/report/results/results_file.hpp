#pragma once
// The results file on disk: its name, a readable JSON layout, and an atomic write.

#include "support/report/results/results_document.hpp"
#include "support/base/result.hpp"

#include <boost/json/value.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace shield::report {

// "stress_test_results_YYYYMMDD_HHMMSS.json" for the local time `when` (the original scripts' name).
std::string results_file_name(std::chrono::system_clock::time_point when);

// Local time as ISO 8601 with the UTC offset, e.g. "2024-05-01T12:30:00+0200".
std::string iso_local_time(std::chrono::system_clock::time_point when);

// JSON indented two spaces per level; arrays holding only numbers or such arrays stay on one line
// (histogram buckets). Parses back to the same value.
std::string pretty_json(const boost::json::value& value);

// Creates `dir` when needed and writes the document there under results_file_name(when)
// (with _2, _3... before .json when that name is already taken): the path written, or why not.
base::result<std::string> write_results(const std::string& dir, const results_document& document,
                                        std::chrono::system_clock::time_point when);

}  // namespace shield::report
