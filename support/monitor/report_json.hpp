#pragma once

// JSON form of a monitor_report (Boost.JSON): settings, samples (absent values as null), verdicts.
//
// {"format":"shield.metrics_report","version":1,"settings":{...},
//  "samples":[{"t","phase","client":{...},"target":{...,"rates":{...}},"local":{...}}],
//  "verdicts":[{"name","status","detail"}]}

#include "support/monitor/report.hpp"

#include <boost/json/value.hpp>

namespace shield::monitor {

// Whole report as a JSON document.
[[nodiscard]] boost::json::value report_to_json(const monitor_report& report);

// One sample as a JSON object (the elements of "samples").
[[nodiscard]] boost::json::value sample_to_json(const series_sample& sample);

}  // namespace shield::monitor
