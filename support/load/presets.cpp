#include "support/load/presets.hpp"

#include "support/base/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace shield::load {

namespace {

constexpr std::array<preset, 5> table{{
    {"quick", 3, 15},
    {"light", 5, 50},
    {"medium", 15, 200},
    {"heavy", 25, 500},
    {"extreme", 50, 1000},
}};

}  // namespace

std::span<const preset> presets() noexcept { return table; }

std::optional<preset> find_preset(std::string_view name) noexcept {
  for (const auto& p : table) {
    if (p.name == name) return p;
  }
  return std::nullopt;
}

std::string preset_names() {
  std::string out;
  for (const auto& p : table) {
    if (!out.empty()) out += ", ";
    out += p.name;
  }
  return out;
}

base::result<std::vector<std::uint32_t>> parse_concurrency_list(std::string_view text, std::uint32_t max_value) {
  std::vector<std::uint32_t> values;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    // Items may have spaces and tabs around them.
    const std::string_view item =
        base::trim(text.substr(start, comma == std::string_view::npos ? comma : comma - start), " \t");
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
    if (item.empty()) return base::fail("empty item in concurrency list '" + std::string(text) + "'");
    if (ec != std::errc{} || end != item.data() + item.size()) {
      return base::fail("'" + std::string(item) + "' is not a whole number (concurrency list '" + std::string(text) +
                        "')");
    }
    if (value < 1 || value > max_value) {
      return base::fail("concurrency " + std::string(item) + " is outside 1.." + std::to_string(max_value));
    }
    const auto v = static_cast<std::uint32_t>(value);
    if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return values;
}

}  // namespace shield::load
