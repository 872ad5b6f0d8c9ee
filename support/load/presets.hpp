#pragma once
// The original scripts' presets and the comma-separated concurrency lists of the command line.

#include "support/base/result.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace shield::load {

// A named size of run: requests in flight and requests per case.
struct preset {
  std::string_view name;          // "quick", "light", "medium", "heavy", "extreme"
  std::uint32_t concurrency = 1;  // requests in flight
  std::uint64_t requests = 0;     // requests per case
};

// quick 3 x 15, light 5 x 50, medium 15 x 200, heavy 25 x 500, extreme 50 x 1000.
std::span<const preset> presets() noexcept;

// The preset with this name, or nullopt.
std::optional<preset> find_preset(std::string_view name) noexcept;

// Names joined for messages: "quick, light, medium, heavy, extreme".
std::string preset_names();

// Parses "1,5,15" (each 1..max_value, spaces around items allowed, at least one item): the values
// in the order given without duplicates, or a failure naming the bad item.
base::result<std::vector<std::uint32_t>> parse_concurrency_list(std::string_view text,
                                                                std::uint32_t max_value = 100000);

}  // namespace shield::load
