#include "support/prom/series_grouper.hpp"

#include <span>

#include "support/prom/byte_scan.hpp"
#include "support/prom/family_checks.hpp"

namespace shield::prom::detail {
namespace {

// The same views (not just equal text): labels the parser took over from the previous line.
bool same_views(const label& a, const label& b) {
  return a.name.data() == b.name.data() && a.name.size() == b.name.size() && a.value.data() == b.value.data() &&
         a.value.size() == b.value.size();
}

// Labels of a and b agree position by position once `skip` labels are left out, and neither has
// more than one `skip` label.
bool same_in_order_except(std::span<const label> a, std::span<const label> b, std::string_view skip) {
  // Shortcut: same length, and per position either the same views or two `skip` labels; then the
  // skip labels sit at the same places, so a having at most one means b has at most one.
  if (a.size() == b.size()) {
    std::size_t skipped = 0;
    std::size_t i = 0;
    for (; i < a.size(); ++i) {
      if (same_views(a[i], b[i])) {
        skipped += same_text(a[i].name, skip) ? 1 : 0;
      } else if (same_text(a[i].name, skip) && same_text(b[i].name, skip)) {
        ++skipped;
      } else {
        break;
      }
    }
    if (i == a.size() && skipped <= 1) {
      return true;
    }
  }
  std::size_t i = 0;
  std::size_t j = 0;
  std::size_t skipped_a = 0;
  std::size_t skipped_b = 0;
  while (true) {
    while (i < a.size() && same_text(a[i].name, skip)) {
      ++i;
      ++skipped_a;
    }
    while (j < b.size() && same_text(b[j].name, skip)) {
      ++j;
      ++skipped_b;
    }
    if (i == a.size() || j == b.size()) {
      break;
    }
    if (!same_text(a[i].name, b[j].name) || !same_text(a[i].value, b[j].value)) {
      return false;
    }
    ++i;
    ++j;
  }
  return i == a.size() && j == b.size() && skipped_a <= 1 && skipped_b <= 1;
}

// No label name appears twice.
bool distinct_names(std::span<const label> labels) {
  for (std::size_t i = 1; i < labels.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (same_text(labels[i].name, labels[j].name)) {
        return false;
      }
    }
  }
  return true;
}

}  // namespace

std::uint32_t series_grouper::series_of(const sample& s, bool& new_series) {
  new_series = false;
  // With distinct label names everywhere, same_labels_except is set equality: at most one series
  // matches, so the previous sample's series is the one the index would return, provided the
  // index would look there (same tag; always so when the hashes match the labels).
  const bool try_last = last_ != none && all_plain_;
  const auto like_last = [&] { return same_in_order_except((*firsts_)[last_]->labels, s.labels, skip_); };
  if (try_last && consistent_ && like_last()) {
    return last_;
  }
  const std::uint64_t key = labels_hash_without(s, skip_);
  const auto tag = static_cast<std::uint32_t>(key >> 32);
  if (try_last && !consistent_ && tag == last_tag_ && like_last()) {
    return last_;
  }
  const auto next = static_cast<std::uint32_t>(firsts_->size());
  const auto same = [&](std::uint32_t i) { return same_labels_except(*(*firsts_)[i], s, skip_); };
  if (const auto found = index_->find_or_insert(key, next, same)) {
    last_ = found.value();
  } else {
    firsts_->push_back(&s);
    all_plain_ = all_plain_ && distinct_names(s.labels);
    last_ = next;
    new_series = true;
  }
  last_tag_ = tag;
  return last_;
}

}  // namespace shield::prom::detail
