#pragma once
// Run-wide settings of shield_checks besides the target: the payload seed and session naming.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/base/result.hpp"

namespace shield::functional {

// Seed every generated text of this run derives from (printed, so a failing run can be replayed).
std::uint64_t run_seed();
void set_run_seed(std::uint64_t seed);

// Takes --seed=N (or SHIELD_SEED) out of args (the one flag module's rules); a fresh random seed
// when neither is given. Fails naming a malformed or repeated value.
base::result<void> take_seed(std::vector<std::string>& args);

// A session id unique to this run and test: "chk-<concern>-<seed hex>-<index>".
std::string session_name(std::string_view concern, std::size_t index);

// Seed for one concern's generator, derived from the run seed.
std::uint64_t concern_seed(std::string_view concern);

}  // namespace shield::functional
