#pragma once

#include "support/report/compare/compare_cases.hpp"

#include <boost/json/value.hpp>

#include <string>

namespace shield::report {

// Format tag and version written into the comparison JSON.
inline constexpr const char* comparison_json_format = "shield.compare";
inline constexpr int comparison_json_version = 1;

// The whole comparison as JSON: runs, options, summary, warnings, one-sided cases and every
// case's counters with per-repetition values and test results. Non-finite numbers become null.
boost::json::value comparison_to_json(const comparison_report& report);

// comparison_to_json serialised, with a trailing newline.
std::string comparison_json_text(const comparison_report& report);

}  // namespace shield::report
