#pragma once
// Open-file limit: a run with N connections needs N descriptors plus some for everything else.

#include <cstdint>
#include <string>

#include "support/base/result.hpp"

namespace shield::load {

// Descriptors a run with `connections` connections needs (connections plus headroom).
std::uint64_t files_needed(std::uint64_t connections) noexcept;

// Raises the soft RLIMIT_NOFILE to at least `needed` (up to the hard limit); the failure is one
// sentence saying what the limits are and what to do.
base::result<void> ensure_open_files(std::uint64_t needed);

}  // namespace shield::load
