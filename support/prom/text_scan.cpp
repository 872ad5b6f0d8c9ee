#include "support/prom/text_scan.hpp"

#include "support/base/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace shield::prom::detail {
namespace {

using base::iequals;
using base::is_digit;

// Checks [sign] digits [. digits] [e [sign] digits] with at least one mantissa digit.
bool is_real_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    ++i;
  }
  std::size_t mantissa_digits = 0;
  while (i < s.size() && is_digit(s[i])) {
    ++i;
    ++mantissa_digits;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) {
      ++i;
      ++mantissa_digits;
    }
  }
  if (mantissa_digits == 0) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      ++i;
    }
    std::size_t exponent_digits = 0;
    while (i < s.size() && is_digit(s[i])) {
      ++i;
      ++exponent_digits;
    }
    if (exponent_digits == 0) {
      return false;
    }
  }
  return i == s.size();
}

// True when a validated, non-zero real number is below 1 in magnitude (its out-of-range result is
// an underflow, not an overflow): the first non-zero digit's power of ten plus the exponent < 0.
bool magnitude_below_one(std::string_view s) {
  const std::size_t e = s.find_first_of("eE");
  const std::string_view mantissa = s.substr(0, e);
  const std::size_t point = std::min(mantissa.find('.'), mantissa.size());
  const std::size_t first = mantissa.find_first_of("123456789");
  if (first == std::string_view::npos) {
    return true;
  }
  long long power = first < point ? static_cast<long long>(point - first) - 1 : -static_cast<long long>(first - point);
  if (e != std::string_view::npos) {
    std::string_view exponent = s.substr(e + 1);
    const bool negative = exponent.front() == '-';
    if (exponent.front() == '+' || negative) {
      exponent.remove_prefix(1);
    }
    // Saturate: any exponent beyond a million decides the sign on its own.
    long long value = 0;
    for (const char c : exponent) {
      value = std::min(value * 10 + (c - '0'), 1'000'000'000LL);
    }
    power += negative ? -value : value;
  }
  return power < 0;
}

// from_chars on a validated real number (from_chars rejects a leading '+'). Like Go's ParseFloat
// (promtool), an underflow reads as a signed zero and an overflow is an error.
std::optional<double> convert_real(std::string_view s) {
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
  }
  double value = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (end != s.data() + s.size()) {
    return std::nullopt;
  }
  if (ec == std::errc::result_out_of_range && magnitude_below_one(s)) {
    return s.front() == '-' ? -0.0 : 0.0;
  }
  if (ec != std::errc()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

// Sixteen bytes per step with GCC/Clang vector extensions (SSE2 on x86-64).
std::size_t count_newlines(std::string_view s) {
  using bytes16 = unsigned char __attribute__((vector_size(16)));
  const char* p = s.data();
  const char* const end = p + s.size();
  std::size_t n = 0;
  while (end - p >= 16) {
    // Per-byte counters take at most 255 steps before they are summed.
    const std::size_t steps = std::min<std::size_t>(static_cast<std::size_t>(end - p) / 16, 255);
    bytes16 counts{};
    for (std::size_t i = 0; i < steps; ++i, p += 16) {
      bytes16 chunk;
      std::memcpy(&chunk, p, 16);
      counts -= reinterpret_cast<bytes16>(chunk == '\n');  // a match is all ones, i.e. -1
    }
    for (int i = 0; i < 16; ++i) {
      n += counts[i];
    }
  }
  for (; p < end; ++p) {
    n += *p == '\n' ? 1 : 0;
  }
  return n;
}

bool is_valid_metric_name(std::string_view s) { return !s.empty() && scan_metric_name(s, 0) == s.size(); }

bool is_valid_label_name(std::string_view s) { return !s.empty() && scan_label_name(s, 0) == s.size(); }

std::optional<double> parse_value(std::string_view token) {
  if (token.empty()) {
    return std::nullopt;
  }
  // Fast path: plain integers up to 15 digits convert exactly without from_chars.
  if (token.size() <= 15) {
    std::int64_t whole = 0;
    std::size_t i = 0;
    while (i < token.size() && is_digit(token[i])) {
      whole = whole * 10 + (token[i] - '0');
      ++i;
    }
    if (i == token.size()) {
      return static_cast<double>(whole);
    }
  }
  if (is_real_number(token)) {
    return convert_real(token);
  }
  // Special values: optional sign before inf/infinity; nan unsigned.
  std::string_view rest = token;
  double sign = 1.0;
  if (rest.front() == '+' || rest.front() == '-') {
    sign = rest.front() == '-' ? -1.0 : 1.0;
    rest.remove_prefix(1);
  }
  if (iequals(rest, "inf") || iequals(rest, "infinity")) {
    return sign * std::numeric_limits<double>::infinity();
  }
  if (rest.size() == token.size() && iequals(rest, "nan")) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return std::nullopt;
}

std::optional<std::int64_t> parse_integer(std::string_view token) {
  std::string_view digits = token;
  if (!digits.empty() && digits.front() == '+') {
    digits.remove_prefix(1);
  }
  if (digits.empty() || (digits.front() == '-' && digits.size() == 1)) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size()) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> parse_seconds(std::string_view token) {
  if (!is_real_number(token)) {
    return std::nullopt;
  }
  const auto seconds = convert_real(token);
  if (!seconds || !std::isfinite(*seconds)) {
    return std::nullopt;
  }
  return *seconds;
}

std::optional<std::int64_t> parse_seconds_as_ms(std::string_view token) {
  const auto seconds = parse_seconds(token);
  if (!seconds) {
    return std::nullopt;
  }
  const double ms = std::round(*seconds * 1000.0);
  // Any real number is a valid timestamp; beyond int64 milliseconds it saturates (the exact
  // seconds are kept in sample::timestamp_seconds).
  constexpr double limit = 9223372036854775808.0;  // 2^63, exactly representable
  if (ms >= limit) return std::numeric_limits<std::int64_t>::max();
  if (ms < -limit) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(ms);
}

bool has_backslash(std::string_view s) { return s.find('\\') != std::string_view::npos; }

unescape_status unescape(std::string_view s, escape_style style, std::string& out) {
  out.clear();
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (i + 1 >= s.size()) {
      if (style == escape_style::openmetrics) {
        out.push_back(c);
        continue;
      }
      return {false, i};
    }
    const char next = s[i + 1];
    if (next == '\\') {
      out.push_back('\\');
    } else if (next == 'n') {
      out.push_back('\n');
    } else if (next == '"' && style != escape_style::help_text) {
      out.push_back('"');
    } else if (style == escape_style::openmetrics) {
      // Undefined escapes are allowed (SHOULD NOT) in OpenMetrics: keep them verbatim.
      out.push_back('\\');
      out.push_back(next);
    } else {
      return {false, i};
    }
    ++i;
  }
  return {};
}

}  // namespace shield::prom::detail
