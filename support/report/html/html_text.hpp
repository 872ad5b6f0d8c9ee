#pragma once
// Text helpers of the HTML report: escaping (every string from outside goes through it) and
// number formatting.

#include <string>
#include <string_view>

namespace shield::report {

// `text` with &, <, >, " and ' replaced by entities: safe in element content and quoted attributes.
std::string html_escape(std::string_view text);

// A figure with `decimals` decimals, "–" when not finite.
std::string format_number(double value, int decimals);

// The reports' stylesheet (run report and comparison page).
const char* report_css();

}  // namespace shield::report
