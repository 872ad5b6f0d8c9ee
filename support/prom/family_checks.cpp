#include "prom/family_checks.hpp"

#include <algorithm>
#include <cmath>

#include "prom/series_index.hpp"
#include "prom/text_scan.hpp"

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
  double le = 0.0;             // parsed threshold
  double value = 0.0;          // cumulative count
  std::string_view le_text;    // threshold as written
  std::size_t line = 0;        // input line
};

// All samples of one histogram series (labels minus le).
struct histogram_series {
  const sample* first = nullptr; // first sample seen, to confirm membership
  std::vector<bucket> buckets;   // in input order
  const sample* count = nullptr; // _count / _gcount sample
  const sample* sum = nullptr;   // _sum / _gsum sample
  std::size_t first_line = 0;    // first line of any sample of the series
};

void check_series(const histogram_series& series, exposition_format format, error_collector& errors) {
  const auto& b = series.buckets;
  for (std::size_t i = 1; i < b.size(); ++i) {
    const bool backwards = b[i].le < b[i - 1].le;
    const bool repeated = b[i].le == b[i - 1].le && b[i].le_text != b[i - 1].le_text;
    if (backwards || repeated) {
      errors.add(b[i].line, rules::histogram_buckets_not_ascending,
                 "bucket le=\"" + std::string(b[i].le_text) + "\" follows le=\"" + std::string(b[i - 1].le_text) +
                     "\"; buckets must be sorted by increasing le");
      break;
    }
  }
  // Cumulative check runs in le order so an ordering error is not reported twice.
  std::vector<bucket> sorted;
  const std::vector<bucket>* ordered = &b;
  if (!std::is_sorted(b.begin(), b.end(), [](const bucket& x, const bucket& y) { return x.le < y.le; })) {
    sorted = b;
    std::stable_sort(sorted.begin(), sorted.end(), [](const bucket& x, const bucket& y) { return x.le < y.le; });
    ordered = &sorted;
  }
  for (std::size_t i = 1; i < ordered->size(); ++i) {
    const bucket& prev = (*ordered)[i - 1];
    const bucket& cur = (*ordered)[i];
    if (cur.value < prev.value) {
      errors.add(cur.line, rules::histogram_bucket_not_cumulative,
                 "bucket le=\"" + std::string(cur.le_text) + "\" has count " + format_number(cur.value) +
                     ", below " + format_number(prev.value) + " of bucket le=\"" + std::string(prev.le_text) + "\"");
      break;
    }
  }
  const auto inf = std::find_if(b.begin(), b.end(), [](const bucket& x) { return std::isinf(x.le) && x.le > 0; });
  if (inf == b.end()) {
    errors.add(series.first_line, rules::histogram_missing_inf_bucket, "histogram series has no le=\"+Inf\" bucket");
  } else if (series.count != nullptr && series.count->value != inf->value) {
    errors.add(series.count->line, rules::histogram_count_mismatch,
               "count " + format_number(series.count->value) + " differs from the +Inf bucket " +
                   format_number(inf->value));
  }
  if (format == exposition_format::openmetrics && series.sum != nullptr && series.count == nullptr) {
    errors.add(series.sum->line, rules::histogram_sum_without_count, "histogram series has a sum but no count");
  }
}

void check_histogram(const metric_family& family, exposition_format format, error_collector& errors) {
  const bool gauge = family.type == metric_type::gauge_histogram;
  const std::string_view count_suffix = gauge ? "_gcount" : "_count";
  const std::string_view sum_suffix = gauge ? "_gsum" : "_sum";
  series_index index;
  std::vector<histogram_series> series;
  const auto series_of = [&](const sample& s) -> histogram_series& {
    const auto next = static_cast<std::uint32_t>(series.size());
    const auto same = [&](std::uint32_t i) { return same_labels_except(*series[i].first, s, "le"); };
    if (const auto found = index.find_or_insert(labels_hash_without(s, "le"), next, same)) {
      return series[found.value()];
    }
    series.emplace_back();
    series.back().first = &s;
    series.back().first_line = s.line;
    return series.back();
  };
  for (const sample& s : family.samples) {
    const std::string_view suffix = sample_suffix(family, s);
    if (suffix == "_bucket") {
      const std::string_view* le = find_label(s.labels, "le");
      if (le == nullptr) {
        errors.add(s.line, rules::histogram_missing_le, "bucket sample has no le label");
        continue;
      }
      const auto threshold = parse_value(*le);
      if (!threshold || std::isnan(*threshold)) {
        errors.add(s.line, rules::histogram_invalid_le, "le=\"" + std::string(*le) + "\" is not a number");
        continue;
      }
      if (std::isnan(s.value) || s.value < 0) {
        errors.add(s.line, rules::histogram_invalid_bucket_value,
                   "bucket count " + format_number(s.value) + " must be a non-negative number");
      }
      series_of(s).buckets.push_back({*threshold, s.value, *le, s.line});
    } else if (suffix == count_suffix) {
      series_of(s).count = &s;
    } else if (suffix == sum_suffix) {
      series_of(s).sum = &s;
    }
  }
  for (const histogram_series& one : series) {
    check_series(one, format, errors);
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
    if (l.name == label_name) {
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
    if (l.name == name) {
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

void check_family(const metric_family& family, exposition_format format, error_collector& errors) {
  if (family.type == metric_type::histogram || family.type == metric_type::gauge_histogram) {
    check_histogram(family, format, errors);
  }
}

}  // namespace shield::prom::detail
