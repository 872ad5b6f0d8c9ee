#pragma once
// shield_compare --html: the comparison of two runs as one self-contained HTML page (inline CSS
// and SVG, no script), every outside string escaped.

#include "support/report/compare/compare_cases.hpp"

#include <string>

namespace shield::report {

// Runs compared, summary, warnings, per-case verdicts with every counter, the change of rps and
// p95 per case as a chart, and the cases found in one run only.
std::string render_comparison_html(const comparison_report& report);

}  // namespace shield::report
