#pragma once
// The HTML report of a run: one self-contained file (inline CSS and SVG, no script, nothing loaded
// from a network) with the configuration, the summary with grades and threshold verdicts, the
// scalability sweep with its USL fit, latency by percentile per case, failures by kind with their
// first messages, streaming figures and the monitor's series. Rendered from the typed results
// model with the results file's own functions, so the page and the file tell the same numbers and
// shield_bench and shield_merge write the same report.

#include "support/report/results/results_document.hpp"

#include "support/base/result.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace shield::report {

// The whole page; `monitor` holds metrics_report documents (may be empty). A results file on disk
// is read with results_from_json first.
std::string render_html_report(const results_document& results, const std::vector<boost::json::value>& monitor = {});

// Renders and writes the page to `path` atomically; the failure says why not.
base::result<void> write_html_report(const results_document& results, const std::string& path,
                                     const std::vector<boost::json::value>& monitor = {});

// "DIR/stress_test_report_<stamp>.html" for "DIR/stress_test_results_<stamp>.json" (any file
// name: its .json becomes .html and "results" in it "report").
std::string report_path_for(const std::string& results_path);

}  // namespace shield::report
