#pragma once

#include "support/report/compare/compare_cases.hpp"
#include "support/report/compare/compare_table.hpp"

#include <string>

namespace shield::report {

// The per-counter table: case, verdict, repetitions, counter, base, contender, change, p-value, effect.
text_table comparison_table(const comparison_report& report);

// Console report: run headers, the table, reasons, one-sided cases, notes and a summary line.
// Warnings are left out (the caller prints them to stderr).
std::string render_comparison_console(const comparison_report& report);

// Markdown for a pull-request comment: summary title, warnings, the table, reasons, one-sided cases.
std::string render_comparison_markdown(const comparison_report& report);

// "1 regressed, 2 improved, 5 same".
std::string summary_line(const comparison_report& report);

}  // namespace shield::report
