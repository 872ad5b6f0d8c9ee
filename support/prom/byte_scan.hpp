#pragma once

// Word-at-a-time byte helpers for the exposition parser and checks (internal). Every load stays
// inside the strings given; results are exact (no hashing).

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace shield::prom::detail {

// Unaligned load of N (4 or 8) bytes.
template <std::size_t N>
[[nodiscard]] inline std::uint64_t load_word(const char* p) {
  static_assert(N == 4 || N == 8);
  if constexpr (N == 8) {
    std::uint64_t v = 0;
    std::memcpy(&v, p, 8);
    return v;
  } else {
    std::uint32_t v = 0;
    std::memcpy(&v, p, 4);
    return v;
  }
}

// Equality of two strings, inlined: the strings compared here are mostly short, and often the
// very same view (the parser shares views of repeated names and labels).
[[nodiscard]] inline bool same_text(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) {
    return false;
  }
  const char* p = a.data();
  const char* q = b.data();
  if (p == q) {
    return true;
  }
  if (n >= 8) {
    // Whole words, then the last word (overlapping the previous one).
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (load_word<8>(p + i) != load_word<8>(q + i)) {
        return false;
      }
    }
    return load_word<8>(p + n - 8) == load_word<8>(q + n - 8);
  }
  if (n >= 4) {
    return load_word<4>(p) == load_word<4>(q) && load_word<4>(p + n - 4) == load_word<4>(q + n - 4);
  }
  if (n >= 2) {
    // First two and last byte cover lengths 2 and 3.
    return p[0] == q[0] && p[1] == q[1] && p[n - 1] == q[n - 1];
  }
  return n == 0 || p[0] == q[0];
}

// Length of the common prefix of a[0, n) and b[0, n).
[[nodiscard]] inline std::size_t common_prefix(const char* a, const char* b, std::size_t n) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const std::uint64_t diff = load_word<8>(a + i) ^ load_word<8>(b + i);
    if (diff != 0) {
      // Little-endian: the lowest differing byte is the first one.
      return i + static_cast<std::size_t>(std::countr_zero(diff) >> 3);
    }
  }
  while (i < n && a[i] == b[i]) {
    ++i;
  }
  return i;
}

// First '"' or '\\' in [p, end), or end.
[[nodiscard]] inline const char* find_quote_or_backslash(const char* p, const char* end) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  while (end - p >= 8) {
    const std::uint64_t word = load_word<8>(p);
    const std::uint64_t quote = word ^ (ones * '"');
    const std::uint64_t slash = word ^ (ones * '\\');
    // High bit set in zero bytes; only bytes above a true zero can be false hits, so the lowest
    // flagged byte is exact.
    const std::uint64_t hits = (((quote - ones) & ~quote) | ((slash - ones) & ~slash)) & highs;
    if (hits != 0) {
      return p + (std::countr_zero(hits) >> 3);
    }
    p += 8;
  }
  while (p < end && *p != '"' && *p != '\\') {
    ++p;
  }
  return p;
}

}  // namespace shield::prom::detail
