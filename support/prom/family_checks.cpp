#include "support/prom/family_checks.hpp"

#include <algorithm>
#include <limits>
#include <cmath>
#include <optional>

#include "support/prom/scratch.hpp"
#include "support/prom/series_grouper.hpp"
#include "support/prom/series_index.hpp"
#include "support/prom/text_scan.hpp"

namespace shield::prom::detail {
namespace {

std::string format_number(double v) {
  if (std::isnan(v)) {
    return "NaN";
  }
  if (std::isinf(v)) {
    return v > 0 ? "+Inf" : "-Inf";
  }
  std::string text = std::to_string(v);
  // Trim the fixed six decimals std::to_string always prints.
  if (text.find('.') != std::string::npos) {
    while (!text.empty() && text.back() == '0') {
      text.pop_back();
    }
    if (!text.empty() && text.back() == '.') {
      text.pop_back();
    }
  }
  return text;
}

// One histogram bucket as seen in the input.
struct bucket {
  double le = 0.0;                            // parsed threshold
  const sample* s = nullptr;                  // the bucket sample (count, line)
  const std::string_view* le_text = nullptr;  // threshold as written (the le label's value)
};

// All samples of one histogram series (labels minus le) but its buckets, which live in one array.
struct histogram_series {
  const sample* count = nullptr;   // _count / _gcount sample
  const sample* sum = nullptr;     // _sum / _gsum sample
  std::size_t first_line = 0;      // first line of any sample of the series
  std::uint32_t first_bucket = 0;  // index of its first bucket in the bucket array
  std::uint32_t buckets = 0;       // how many buckets it has
};

// OpenMetrics: count if and only if sum; sum a counter (not NaN, not negative) unless buckets go
// below zero, where a histogram may not have one and a gauge histogram's may be negative.
void check_sum_and_count(const histogram_series& series, std::span<const bucket> b, bool gauge,
                         error_collector& errors) {
  if (series.sum != nullptr && series.count == nullptr) {
    errors.add(series.sum->line, rules::histogram_sum_without_count, "histogram series has a sum but no count");
  }
  if (series.count != nullptr && series.sum == nullptr) {
    errors.add(series.count->line, rules::histogram_count_without_sum, "histogram series has a count but no sum");
  }
  if (series.sum == nullptr) {
    return;
  }
  const bool negative_buckets = std::any_of(b.begin(), b.end(), [](const bucket& x) { return x.le < 0; });
  const double sum = series.sum->value;
  if (!gauge && negative_buckets) {
    errors.add(series.sum->line, rules::histogram_sum_with_negative_buckets,
               "histogram series with negative le buckets may not have a sum");
  } else if (std::isnan(sum) || (sum < 0 && !(gauge && negative_buckets))) {
    errors.add(series.sum->line, rules::histogram_invalid_sum,
               "sum " + format_number(sum) + " must be a non-negative number" +
                   (gauge ? " (a gauge histogram's may be negative only with negative le buckets)" : ""));
  }
}

void check_series(const histogram_series& series, std::span<const bucket> b, exposition_format format, bool gauge,
                  error_collector& errors) {
  for (std::size_t i = 1; i < b.size(); ++i) {
    const bool backwards = b[i].le < b[i - 1].le;
    const bool repeated = b[i].le == b[i - 1].le && *b[i].le_text != *b[i - 1].le_text;
    if (backwards || repeated) {
      errors.add(b[i].s->line, rules::histogram_buckets_not_ascending,
                 "bucket le=\"" + std::string(*b[i].le_text) + "\" follows le=\"" + std::string(*b[i - 1].le_text) +
                     "\"; buckets must be sorted by increasing le");
      break;
    }
  }
  // Cumulative check runs in le order so an ordering error is not reported twice.
  const auto by_le = [](const bucket& x, const bucket& y) { return x.le < y.le; };
  std::vector<bucket> sorted;
  std::span<const bucket> ordered = b;
  if (!std::is_sorted(b.begin(), b.end(), by_le)) {
    sorted.assign(b.begin(), b.end());
    std::stable_sort(sorted.begin(), sorted.end(), by_le);
    ordered = sorted;
  }
  for (std::size_t i = 1; i < ordered.size(); ++i) {
    const bucket& prev = ordered[i - 1];
    const bucket& cur = ordered[i];
    if (cur.s->value < prev.s->value) {
      errors.add(cur.s->line, rules::histogram_bucket_not_cumulative,
                 "bucket le=\"" + std::string(*cur.le_text) + "\" has count " + format_number(cur.s->value) +
                     ", below " + format_number(prev.s->value) + " of bucket le=\"" + std::string(*prev.le_text) +
                     "\"");
      break;
    }
  }
  const auto inf = std::find_if(b.begin(), b.end(), [](const bucket& x) { return std::isinf(x.le) && x.le > 0; });
  if (inf == b.end()) {
    errors.add(series.first_line, rules::histogram_missing_inf_bucket, "histogram series has no le=\"+Inf\" bucket");
  } else if (series.count != nullptr && series.count->value != inf->s->value) {
    errors.add(series.count->line, rules::histogram_count_mismatch,
               "count " + format_number(series.count->value) + " differs from the +Inf bucket " +
                   format_number(inf->s->value));
  }
  if (format == exposition_format::openmetrics) {
    check_sum_and_count(series, b, gauge, errors);
  }
}

void check_histogram(const metric_family& family, exposition_format format, error_collector& errors,
                     le_cache& thresholds) {
  const bool gauge = family.type == metric_type::gauge_histogram;
  const std::string_view count_suffix = gauge ? "_gcount" : "_count";
  const std::string_view sum_suffix = gauge ? "_gsum" : "_sum";
  series_grouper groups("le", true);  // samples straight from the parser
  scratch<std::vector<histogram_series>> series_kept;
  scratch<std::vector<bucket>> buckets_kept;
  scratch<std::vector<std::uint32_t>> owners_kept;
  std::vector<histogram_series>& series = *series_kept;
  std::vector<bucket>& buckets = *buckets_kept;       // every bucket, in input order
  std::vector<std::uint32_t>& owners = *owners_kept;  // series of each bucket
  bool grouped = true;                                // each series' buckets form one run of `buckets`
  buckets.reserve(family.samples.size());
  owners.reserve(family.samples.size());
  const auto series_of = [&](const sample& s) -> std::uint32_t {
    bool is_new = false;
    const std::uint32_t k = groups.series_of(s, is_new);
    if (is_new) {
      series.emplace_back();
      series.back().first_line = s.line;
    }
    return k;
  };
  const bool om = format == exposition_format::openmetrics;
  std::uint32_t last = std::numeric_limits<std::uint32_t>::max();  // series of the previous sample
  std::vector<bool> ended;                                         // series that gave way to another
  bool interleaving_reported = false;
  // OpenMetrics: metrics (label sets) must not be interleaved: once another starts, one is done.
  const auto note_order = [&](std::uint32_t k, const sample& s) {
    if (!om || interleaving_reported) return;
    ended.resize(series.size(), false);
    if (k != last && ended[k]) {
      errors.add(s.line, rules::metric_interleaved,
                 "samples of one metric of " + std::string(family.name) +
                     " resume after another metric's; metrics must not be interleaved");
      interleaving_reported = true;
    }
    if (k != last && last != std::numeric_limits<std::uint32_t>::max()) ended[last] = true;
    last = k;
  };
  for (const sample& s : family.samples) {
    const std::string_view suffix = sample_suffix(family, s);
    if (same_text(suffix, "_bucket")) {
      const std::string_view* le = find_label(s.labels, "le");
      if (le == nullptr) {
        errors.add(s.line, rules::histogram_missing_le, "bucket sample has no le label");
        continue;
      }
      const auto threshold = thresholds.parse(*le);
      if (!threshold || std::isnan(*threshold)) {
        errors.add(s.line, rules::histogram_invalid_le, "le=\"" + std::string(*le) + "\" is not a number");
        continue;
      }
      if (om && std::isinf(*threshold) && *le != "+Inf" && *le != "-Inf") {
        errors.add(s.line, rules::histogram_non_canonical_le,
                   "le=\"" + std::string(*le) + "\" must be written +Inf (canonical numbers)");
      }
      if (std::isnan(s.value) || s.value < 0) {
        errors.add(s.line, rules::histogram_invalid_bucket_value,
                   "bucket count " + format_number(s.value) + " must be a non-negative number");
      }
      const std::uint32_t k = series_of(s);
      note_order(k, s);
      histogram_series& one = series[k];
      const auto at = static_cast<std::uint32_t>(buckets.size());
      if (one.buckets == 0) {
        one.first_bucket = at;
      } else if (one.first_bucket + one.buckets != at) {
        grouped = false;
      }
      ++one.buckets;
      buckets.push_back({*threshold, &s, le});
      owners.push_back(k);
    } else if (same_text(suffix, count_suffix)) {
      const std::uint32_t k = series_of(s);
      note_order(k, s);
      series[k].count = &s;
    } else if (same_text(suffix, sum_suffix)) {
      const std::uint32_t k = series_of(s);
      note_order(k, s);
      series[k].sum = &s;
    }
  }
  if (!grouped) {
    // Interleaved series: a stable counting sort by series keeps each series' input order.
    std::uint32_t next = 0;
    for (histogram_series& one : series) {
      one.first_bucket = next;
      next += one.buckets;
    }
    scratch<std::vector<bucket>> by_series_kept;
    std::vector<bucket>& by_series = *by_series_kept;
    by_series.resize(buckets.size());
    std::vector<std::uint32_t> fill(series.size(), 0);
    for (std::size_t i = 0; i < buckets.size(); ++i) {
      const std::uint32_t k = owners[i];
      by_series[series[k].first_bucket + fill[k]++] = buckets[i];
    }
    buckets.swap(by_series);
  }
  const std::span<const bucket> all = buckets;
  for (const histogram_series& one : series) {
    check_series(one, all.subspan(one.first_bucket, one.buckets), format, gauge, errors);
  }
}

}  // namespace

void error_collector::add(std::size_t line, std::string_view rule, std::string message) {
  if (full()) {
    truncated_ = true;
    return;
  }
  out_.push_back(parse_error{line, rule, std::move(message)});
}

bool suffix_allowed(metric_type type, exposition_format format, std::string_view suffix) {
  const bool om = format == exposition_format::openmetrics;
  switch (type) {
    case metric_type::counter:
      return om ? (suffix == "_total" || suffix == "_created") : suffix.empty();
    case metric_type::summary:
      return suffix.empty() || suffix == "_sum" || suffix == "_count" || (om && suffix == "_created");
    case metric_type::histogram:
      return suffix == "_bucket" || suffix == "_sum" || suffix == "_count" || (om && suffix == "_created");
    case metric_type::gauge_histogram:
      return suffix == "_bucket" || suffix == "_gsum" || suffix == "_gcount";
    case metric_type::info:
      return suffix == "_info";
    case metric_type::untyped:
    case metric_type::gauge:
    case metric_type::stateset:
      return suffix.empty();
  }
  return false;
}

std::uint64_t series_key(std::string_view name, std::uint64_t labels_hash) {
  return labels_hash + mix64(fast_hash(name) ^ 0x51afd7ed558ccdffULL);
}

std::uint64_t labels_hash_without(const sample& s, std::string_view label_name) {
  for (const label& l : s.labels) {
    if (same_text(l.name, label_name)) {
      return s.labels_hash - hash_label(l);
    }
  }
  return s.labels_hash;
}

bool same_series(const sample& a, const sample& b) {
  if (a.name != b.name || a.labels.size() != b.labels.size()) {
    return false;
  }
  for (const label& l : a.labels) {
    const std::string_view* other = find_label(b.labels, l.name);
    if (other == nullptr || *other != l.value) {
      return false;
    }
  }
  return true;
}

bool same_labels_except(const sample& a, const sample& b, std::string_view skip) {
  std::size_t compared = 0;
  for (const label& l : a.labels) {
    if (l.name == skip) {
      continue;
    }
    const std::string_view* other = find_label(b.labels, l.name);
    if (other == nullptr || *other != l.value) {
      return false;
    }
    ++compared;
  }
  const std::size_t b_count = b.labels.size() - (find_label(b.labels, skip) != nullptr ? 1 : 0);
  return compared == b_count;
}

const std::string_view* find_label(std::span<const label> labels, std::string_view name) {
  for (const label& l : labels) {
    if (same_text(l.name, name)) {
      return &l.value;
    }
  }
  return nullptr;
}

void check_sample(const metric_family& family, const sample& s, exposition_format format, error_collector& errors) {
  const std::string_view suffix = sample_suffix(family, s);
  const bool om = format == exposition_format::openmetrics;
  switch (family.type) {
    case metric_type::counter:
      if (suffix == (om ? "_total" : "") && (s.value < 0 || (om && std::isnan(s.value)))) {
        errors.add(s.line, rules::counter_negative,
                   "counter value " + format_number(s.value) + " must be a non-negative number");
      }
      break;
    case metric_type::summary:
      // Count and sum are counters, quantile values never negative (OpenMetrics).
      if (om && (suffix == "_sum" || suffix == "_count") && (std::isnan(s.value) || s.value < 0)) {
        errors.add(s.line, rules::summary_invalid_value,
                   "summary " + std::string(suffix.substr(1)) + " " + format_number(s.value) +
                       " must be a non-negative number");
      }
      if (om && suffix.empty() && s.value < 0) {
        errors.add(s.line, rules::summary_invalid_value,
                   "quantile value " + format_number(s.value) + " must not be negative");
      }
      if (suffix.empty()) {
        const std::string_view* q = find_label(s.labels, "quantile");
        if (q == nullptr) {
          errors.add(s.line, rules::summary_missing_quantile, "summary sample has no quantile label");
          break;
        }
        const auto quantile = parse_value(*q);
        if (!quantile) {
          errors.add(s.line, rules::summary_invalid_quantile, "quantile=\"" + std::string(*q) + "\" is not a number");
        } else if (!(*quantile >= 0.0 && *quantile <= 1.0)) {
          errors.add(s.line, rules::summary_quantile_out_of_range,
                     "quantile=\"" + std::string(*q) + "\" is outside 0..1");
        }
      }
      break;
    case metric_type::stateset:
      if (find_label(s.labels, family.name) == nullptr) {
        errors.add(s.line, rules::stateset_invalid, "stateset sample has no label named after the family");
      }
      if (s.value != 0.0 && s.value != 1.0) {
        errors.add(s.line, rules::stateset_invalid, "stateset value " + format_number(s.value) + " is not 0 or 1");
      }
      break;
    case metric_type::info:
      if (s.value != 1.0) {
        errors.add(s.line, rules::info_invalid, "info value " + format_number(s.value) + " is not 1");
      }
      break;
    default:
      break;
  }
}

std::optional<double> le_cache::parse(std::string_view text) {
  entry& e = entries_[fast_hash(text) % entry_count];
  if (e.state == slot_state::empty || !same_text(e.text, text)) {
    const auto value = parse_value(text);
    e = entry{text, value.value_or(0.0), value ? slot_state::number : slot_state::invalid};
  }
  return e.state == slot_state::number ? std::optional<double>(e.value) : std::nullopt;
}

void check_family(const metric_family& family, exposition_format format, error_collector& errors,
                  le_cache& thresholds) {
  if (family.type == metric_type::histogram || family.type == metric_type::gauge_histogram) {
    check_histogram(family, format, errors, thresholds);
  }
}

}  // namespace shield::prom::detail
