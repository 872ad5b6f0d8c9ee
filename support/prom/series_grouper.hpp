#pragma once

// Grouping of a family's samples into series by their labels minus one label (internal).

#include <cstdint>
#include <string_view>
#include <vector>

#include "support/prom/exposition.hpp"
#include "support/prom/scratch.hpp"
#include "support/prom/series_index.hpp"

namespace shield::prom::detail {

// Series by labels minus `skip` (histogram "le", summary "quantile"): a series_index lookup
// confirmed by same_labels_except. Samples of one series usually come in a row, so the previous
// sample's series is tried first; that shortcut is taken only where same_labels_except is an
// equivalence (no repeated label names), so it finds the very series the lookup would.
class series_grouper {
 public:
  // consistent_hashes: every labels_hash is hash_labels(labels), as the parser fills it; then a
  // sample with the previous series' labels has that series' hash too, and none is computed.
  series_grouper(std::string_view skip, bool consistent_hashes) : skip_(skip), consistent_(consistent_hashes) {}

  // Series number of s (0, 1, ... in order of first appearance); new_series tells a new one.
  std::uint32_t series_of(const sample& s, bool& new_series);

 private:
  static constexpr std::uint32_t none = static_cast<std::uint32_t>(-1);

  std::string_view skip_;                       // label left out of the series identity
  bool consistent_ = false;                     // labels_hash known to match the labels
  scratch<series_index> index_;                 // labels-minus-skip hash -> series number
  scratch<std::vector<const sample*>> firsts_;  // first sample of each series
  bool all_plain_ = true;                       // every series' first sample has distinct label names
  std::uint32_t last_ = none;                   // series of the previous sample
  std::uint32_t last_tag_ = 0;                  // index tag of that series
};

}  // namespace shield::prom::detail
