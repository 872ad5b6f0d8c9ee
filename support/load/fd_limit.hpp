#pragma once
// Open-file limit: a run with N connections needs N descriptors plus some for everything else.

#include <cstdint>
#include <string>

namespace shield::load {

// Descriptors a run with `connections` connections needs (connections plus headroom).
std::uint64_t files_needed(std::uint64_t connections) noexcept;

// Raises the soft RLIMIT_NOFILE to at least `needed` (up to the hard limit); empty on success,
// else one sentence saying what the limits are and what to do.
std::string ensure_open_files(std::uint64_t needed);

}  // namespace shield::load
