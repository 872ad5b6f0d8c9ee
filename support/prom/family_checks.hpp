#pragma once

// Semantic checks on samples and whole families of an exposition (internal).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "support/prom/exposition.hpp"

namespace shield::prom::detail {

// Collects parse errors up to a limit.
class error_collector {
 public:
  error_collector(std::vector<parse_error>& out, std::size_t max_errors) : out_(out), max_errors_(max_errors) {}

  // Records one error unless the limit is reached.
  void add(std::size_t line, std::string_view rule, std::string message);
  // The limit was hit and later errors were dropped.
  [[nodiscard]] bool truncated() const { return truncated_; }
  // No more room for errors: parsing may stop.
  [[nodiscard]] bool full() const { return out_.size() >= max_errors_; }

 private:
  std::vector<parse_error>& out_;  // destination owned by the exposition
  std::size_t max_errors_;         // cap so a garbage input cannot grow the list unbounded
  bool truncated_ = false;         // set once an error is dropped
};

// Part of a sample name after its family name ("_bucket", "_total", "" ...).
[[nodiscard]] inline std::string_view sample_suffix(const metric_family& family, const sample& s) {
  return s.name.substr(family.name.size());
}

// Suffixes a family of this type may put after its name in the given format.
[[nodiscard]] bool suffix_allowed(metric_type type, exposition_format format, std::string_view suffix);

// Key of a series from a name (or name suffix) and the sample's labels_hash.
[[nodiscard]] std::uint64_t series_key(std::string_view name, std::uint64_t labels_hash);
// The sample's labels_hash with one label (e.g. "le") taken out when present.
[[nodiscard]] std::uint64_t labels_hash_without(const sample& s, std::string_view label_name);
// Same name and the same label set (any order).
[[nodiscard]] bool same_series(const sample& a, const sample& b);
// Same label set once `skip` (e.g. "le") is left out of both; names are not compared.
[[nodiscard]] bool same_labels_except(const sample& a, const sample& b, std::string_view skip);
// Value of a label, or nullptr when absent.
[[nodiscard]] const std::string_view* find_label(std::span<const label> labels, std::string_view name);

// The family type has per-sample rules, i.e. check_sample() can report something.
[[nodiscard]] inline bool has_sample_rules(metric_type type) {
  return type == metric_type::counter || type == metric_type::summary || type == metric_type::stateset ||
         type == metric_type::info;
}

// Per-sample rules that depend on the family type (counter sign, summary quantile, stateset, info).
void check_sample(const metric_family& family, const sample& s, exposition_format format, error_collector& errors);

// parse_value() of histogram le texts, remembered: an exposition repeats the same few thresholds
// in every series. The texts must outlive the cache (they are views into the exposition).
class le_cache {
 public:
  [[nodiscard]] std::optional<double> parse(std::string_view text);

 private:
  static constexpr std::size_t entry_count = 64;
  enum class slot_state : std::uint8_t { empty, number, invalid };
  struct entry {
    std::string_view text;                 // threshold as written
    double value = 0.0;                    // parse_value(text) when it is a number
    slot_state state = slot_state::empty;  // slot use
  };
  entry entries_[entry_count];  // direct-mapped by hash
};

// Whole-family rules, run when the family ends (histogram bucket structure).
void check_family(const metric_family& family, exposition_format format, error_collector& errors, le_cache& thresholds);

}  // namespace shield::prom::detail
