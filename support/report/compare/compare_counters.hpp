#pragma once
// The counters shield_compare compares, with their direction and role.

#include "support/stats/counter_table.hpp"

#include <array>
#include <cstddef>
#include <string_view>

namespace shield::report {

// Which way a counter gets better, and its role in a verdict: from the one counter table.
using stats::better_when;
using stats::counter_rule;

// One counter the comparison reports.
struct counter_spec {
  std::string_view name;                       // counter key in the benchmark JSON
  better_when direction = better_when::lower;  // which change is an improvement
  counter_rule rule = counter_rule::shown;     // role in the verdict
};

// Counters compared, in display order (derived from stats::counter_table); stream measures appear
// only when a file has them.
inline constexpr auto compared_counters = [] {
  constexpr auto infos = stats::compared_in_display_order();
  std::array<counter_spec, infos.size()> out{};
  for (std::size_t i = 0; i < infos.size(); ++i) out[i] = {infos[i].name, infos[i].better, infos[i].compare};
  return out;
}();
static_assert(compared_counters.back().name == "incomplete_streams", "every compared counter placed, in order");

}  // namespace shield::report
