#pragma once
// Renders a client metrics snapshot as Prometheus text format 0.0.4 (HELP and TYPE for every
// family, escaped label values, cumulative buckets ending in +Inf).

#include "support/export/client_metrics.hpp"

#include <string>
#include <string_view>

namespace shield::live {

// Content-Type of the exposition.
inline constexpr std::string_view exposition_content_type = "text/plain; version=0.0.4; charset=utf-8";

// shield_client_requests_total, shield_client_request_duration_seconds, shield_client_in_flight,
// and shield_client_ttft_seconds when a case streams.
std::string render_exposition(const metrics_snapshot& snapshot);

// A label value escaped for the text format (backslash, double quote, line feed).
std::string escape_label_value(std::string_view value);

}  // namespace shield::live
