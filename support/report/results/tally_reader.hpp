#pragma once
// The pieces of a tally as the results document writes them, read back strictly: histograms,
// failure kinds and their counts, seconds as the engine's nanoseconds. Shared by the case, stage
// and endpoint readers.

#include "support/base/result.hpp"
#include "support/load/outcome.hpp"
#include "support/report/results/json_reader.hpp"
#include "support/stats/latency_histogram.hpp"

#include <chrono>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace shield::report::detail {

// Seconds as written (nanoseconds / 1e9) back to nanoseconds.
std::chrono::nanoseconds nanos(double seconds);

// The histogram at `key` (histogram_from_json; its failure prefixed with the key's path).
base::result<stats::latency_histogram> read_histogram(const json_object_reader& o, std::string_view key);

// The failure kind named `key` of object `o` ("reset", "request_timeout"...).
base::result<load::outcome> read_failure_kind(const json_object_reader& o, std::string_view key);

// A {kind: count} object (stages, endpoints): each kind with its count.
base::result<std::vector<std::pair<load::outcome, std::uint64_t>>> read_failure_counts(const json_object_reader& o);

}  // namespace shield::report::detail
