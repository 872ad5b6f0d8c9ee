#pragma once

#include <string>

namespace shield::report {

// A measurement for tables: about four significant digits, "inf", or "-" for NaN.
std::string format_value(double value);

// A relative change, e.g. "+12.3%", "-0.4%", "+inf%"; "-" for NaN.
std::string format_change(double percent);

// A p-value with four decimals, or "<0.0001".
std::string format_p(double p);

// A number as written in rules and messages: shortest round-trip form ("5", "0.05").
std::string format_plain(double value);

}  // namespace shield::report
