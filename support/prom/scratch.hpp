#pragma once

// Per-thread reuse of temporary working memory (internal). A check of a large exposition needs
// tables and arrays of a few hundred KB that live only during the call; taking them from the
// previous call on the same thread saves allocating them again and touching fresh pages (page
// faults cost more than the work done in them). Only empty objects with their capacity are kept,
// never data, and at most a few per type, each at most max_kept_bytes large.

#include <cstddef>
#include <utility>
#include <vector>

namespace shield::prom::detail {

// Empties a scratch object, keeping its memory, and tells how many bytes it holds.
template <typename T>
std::size_t clear_for_reuse(std::vector<T>& v) {
  v.clear();
  return v.capacity() * sizeof(T);  // NOLINT(bugprone-sizeof-expression): T may be a pointer; its size is meant
}

// A T taken from this thread's spares (or made new) and given back, emptied, when the scope ends.
// T needs a clear_for_reuse(T&) overload.
template <typename T>
class scratch {
 public:
  static constexpr std::size_t max_spares = 4;                          // spares kept per type and thread
  static constexpr std::size_t max_kept_bytes = std::size_t{16} << 20;  // larger objects are freed

  scratch() {
    std::vector<T>& s = spares();
    if (!s.empty()) {
      item_ = std::move(s.back());
      s.pop_back();
    }
  }
  ~scratch() {
    // The spare list has room reserved, so giving the object back cannot throw.
    std::vector<T>& s = spares();
    if (clear_for_reuse(item_) <= max_kept_bytes && s.size() < max_spares) {
      s.push_back(std::move(item_));
    }
  }
  scratch(const scratch&) = delete;
  scratch& operator=(const scratch&) = delete;

  T& operator*() { return item_; }
  T* operator->() { return &item_; }

 private:
  // This thread's spares; first used by a constructor, where allocating may throw.
  static std::vector<T>& spares() {
    thread_local std::vector<T> kept = [] {
      std::vector<T> v;
      v.reserve(max_spares);
      return v;
    }();
    return kept;
  }

  T item_;  // the object in use
};

}  // namespace shield::prom::detail
