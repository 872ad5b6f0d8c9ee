#pragma once

// Hashing and a compact open-addressing index for series lookups (internal).
// Slots are 8 bytes (32-bit tag + index) so a family of tens of thousands of series stays in L2;
// a tag match is confirmed by the caller's equality test, so results are exact.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace shield::prom::detail {

inline std::uint64_t load8(const char* p) {
  std::uint64_t v = 0;
  std::memcpy(&v, p, 8);
  return v;
}

inline std::uint64_t load4(const char* p) {
  std::uint32_t v = 0;
  std::memcpy(&v, p, 4);
  return v;
}

// Folds s into h 8 bytes at a time; constant-size loads only (overlapping at the end).
inline std::uint64_t absorb(std::uint64_t h, std::string_view s) {
  const char* p = s.data();
  const std::size_t n = s.size();
  std::uint64_t tail = 0;
  if (n >= 8) {
    const char* last = p + n - 8;
    for (; p < last; p += 8) {
      h = (h ^ load8(p)) * 0xbf58476d1ce4e5b9ULL;
      h ^= h >> 29;
    }
    tail = load8(last);
  } else if (n >= 4) {
    tail = (load4(p) << 32) | load4(p + n - 4);
  } else if (n > 0) {
    tail = (std::uint64_t{static_cast<unsigned char>(p[0])} << 16) |
           (std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) | static_cast<unsigned char>(p[n - 1]);
  }
  h = (h ^ tail) * 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

// 64-bit hash of one string.
[[nodiscard]] inline std::uint64_t fast_hash(std::string_view s) {
  const std::uint64_t h = absorb(0x9e3779b97f4a7c15ULL ^ (s.size() * 0xff51afd7ed558ccdULL), s);
  return h ^ (h >> 32);
}

// 64-bit hash of two strings (a label's name and value); lengths are mixed in first.
[[nodiscard]] inline std::uint64_t pair_hash(std::string_view a, std::string_view b) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ (((a.size() << 32) | b.size()) * 0xff51afd7ed558ccdULL);
  h = absorb(absorb(h, a), b) * 0xbf58476d1ce4e5b9ULL;
  return h ^ (h >> 32);
}

// splitmix64 finalizer: spreads bits so sums of hashes stay well distributed.
[[nodiscard]] inline std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

class series_index {
 public:
  // A found entry; set() replaces the stored index.
  struct hit {
    std::uint64_t* slot = nullptr;  // slot in the table, nullptr when the key was inserted
    explicit operator bool() const { return slot != nullptr; }
    [[nodiscard]] std::uint32_t value() const { return static_cast<std::uint32_t>(*slot) - 1; }
    void set(std::uint32_t v) const { *slot = (*slot & 0xffffffff00000000ULL) | (std::uint64_t{v} + 1); }
  };

  // Bytes of table memory held.
  [[nodiscard]] std::size_t memory_bytes() const {
    return slots_.capacity() * sizeof(std::uint64_t) + used_.capacity() * sizeof(std::uint32_t);
  }

  // Forgets every entry in O(entries), keeping the memory.
  void clear() {
    for (const std::uint32_t i : used_) {
      slots_[i] = 0;
    }
    used_.clear();
  }

  // Sizes the table for n entries up front.
  void reserve(std::size_t n) {
    std::size_t want = 64;
    while (want < n * 2) {
      want *= 2;
    }
    if (want > slots_.size()) {
      rehash(want);
    }
    used_.reserve(n);
  }

  // Entry whose tag matches hash and for which same(stored index) holds; otherwise stores value.
  template <typename Same>
  hit find_or_insert(std::uint64_t hash, std::uint32_t value, Same&& same) {
    if ((used_.size() + 1) * 2 > slots_.size()) {
      rehash(slots_.empty() ? 64 : slots_.size() * 2);
    }
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = tag & mask;; i = (i + 1) & mask) {
      std::uint64_t& slot = slots_[i];
      if (slot == 0) {
        slot = (std::uint64_t{tag} << 32) | (std::uint64_t{value} + 1);
        used_.push_back(static_cast<std::uint32_t>(i));
        return {};
      }
      if (static_cast<std::uint32_t>(slot >> 32) == tag && same(static_cast<std::uint32_t>(slot) - 1)) {
        return hit{&slot};
      }
    }
  }

 private:
  void rehash(std::size_t slots) {
    std::vector<std::uint64_t> old;
    old.swap(slots_);
    slots_.assign(slots, 0);
    used_.clear();
    const std::size_t mask = slots - 1;
    for (const std::uint64_t entry : old) {
      if (entry == 0) {
        continue;
      }
      std::size_t i = static_cast<std::size_t>(entry >> 32) & mask;
      while (slots_[i] != 0) {
        i = (i + 1) & mask;
      }
      slots_[i] = entry;
      used_.push_back(static_cast<std::uint32_t>(i));
    }
  }

  std::vector<std::uint64_t> slots_;  // tag << 32 | (index + 1); 0 = empty; power-of-two size
  std::vector<std::uint32_t> used_;   // occupied slot numbers, for O(entries) clear
};

// Empties an index kept for reuse (see scratch.hpp) and tells the memory it holds.
inline std::size_t clear_for_reuse(series_index& index) {
  index.clear();
  return index.memory_bytes();
}

}  // namespace shield::prom::detail
