#include "support/grafana/interval.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

namespace shield::grafana {

namespace {

constexpr std::int64_t second = 1000;
constexpr std::int64_t minute = 60 * second;
constexpr std::int64_t hour = 60 * minute;
constexpr std::int64_t day = 24 * hour;
constexpr std::int64_t week = 7 * day;
constexpr std::int64_t year = 365 * day;

struct unit {
  std::string_view suffix;  // as written after the number
  std::int64_t ms;          // its length
};

// Largest first; "ms" before "m" so the longer suffix wins.
constexpr std::array<unit, 7> units = {{
    {"y", year},
    {"w", week},
    {"d", day},
    {"h", hour},
    {"ms", 1},
    {"m", minute},
    {"s", second},
}};

// Output order, largest first.
constexpr std::array<unit, 7> format_units = {{
    {"y", year},
    {"w", week},
    {"d", day},
    {"h", hour},
    {"m", minute},
    {"s", second},
    {"ms", 1},
}};

// Upper bounds of raw steps and the nice step each rounds to.
constexpr std::array<std::pair<std::int64_t, std::int64_t>, 28> rounding = {{
    {15, 10},
    {35, 20},
    {75, 50},
    {150, 100},
    {350, 200},
    {750, 500},
    {1'500, 1 * second},
    {3'500, 2 * second},
    {7'500, 5 * second},
    {12'500, 10 * second},
    {17'500, 15 * second},
    {25'000, 20 * second},
    {45'000, 30 * second},
    {90'000, 1 * minute},
    {210'000, 2 * minute},
    {450'000, 5 * minute},
    {750'000, 10 * minute},
    {1'050'000, 15 * minute},
    {1'500'000, 20 * minute},
    {2'700'000, 30 * minute},
    {5'400'000, 1 * hour},
    {9'000'000, 2 * hour},
    {16'200'000, 3 * hour},
    {24'300'000, 6 * hour},
    {64'800'000, 12 * hour},
    {604'800'000, 1 * day},
    {1'814'400'000, 1 * week},
    {3'628'800'000, 30 * day},
}};

}  // namespace

std::optional<std::int64_t> parse_duration_ms(std::string_view text) {
  if (!text.empty() && text.front() == '>') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  std::int64_t total = 0;
  std::size_t at = 0;
  std::size_t last_unit = 0;  // index into units + 1 of the previous unit, to enforce order
  bool bare_number = true;
  while (at < text.size()) {
    std::int64_t number = 0;
    const std::size_t digits_start = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      number = number * 10 + (text[at] - '0');
      if (number > max_duration_ms) return std::nullopt;
      ++at;
    }
    if (at == digits_start) return std::nullopt;
    if (at == text.size() && bare_number) {
      if (number > max_duration_ms / second) return std::nullopt;
      return number * second;
    }
    bare_number = false;
    std::size_t matched = units.size();
    for (std::size_t u = 0; u < units.size(); ++u) {
      if (text.substr(at, units[u].suffix.size()) == units[u].suffix) {
        matched = u;
        break;
      }
    }
    if (matched == units.size()) return std::nullopt;
    // Units must come largest first, each once (ms sorts after s).
    const std::size_t rank = matched == 4 ? 7 : (matched > 4 ? matched : matched + 1);
    if (rank <= last_unit) return std::nullopt;
    last_unit = rank;
    // Each term and the total stay within max_duration_ms, checked before they are made.
    if (number > max_duration_ms / units[matched].ms) return std::nullopt;
    const std::int64_t term = number * units[matched].ms;
    if (term > max_duration_ms - total) return std::nullopt;
    total += term;
    at += units[matched].suffix.size();
  }
  return total;
}

std::string format_duration(std::int64_t ms) {
  if (ms <= 0) return "0s";
  std::string out;
  for (const auto& u : format_units) {
    if (ms >= u.ms) {
      out += std::to_string(ms / u.ms);
      out += u.suffix;
      ms %= u.ms;
    }
  }
  return out;
}

std::int64_t round_interval_ms(std::int64_t ms) {
  for (const auto& [bound, nice] : rounding)
    if (ms < bound) return nice;
  return year;
}

std::int64_t calculate_interval_ms(std::int64_t range_ms, std::int64_t resolution, std::int64_t min_ms) {
  const std::int64_t raw = resolution > 0 ? range_ms / resolution : range_ms;
  return std::max(round_interval_ms(raw), min_ms);
}

std::int64_t rate_interval_ms(std::int64_t interval_ms, std::int64_t scrape_ms) {
  return std::max(interval_ms + scrape_ms, 4 * scrape_ms);
}

}  // namespace shield::grafana
