// Sample lines of the exposition parser: name, label set, value, timestamp, exemplar.

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "support/prom/exemplar_check.hpp"
#include "support/prom/exposition_parser_impl.hpp"
#include "support/prom/series_index.hpp"
#include "support/prom/text_scan.hpp"

namespace shield::prom::detail {
namespace {

std::size_t count_blanks(std::string_view line, std::size_t pos) { return skip_blanks(line, pos) - pos; }

std::size_t token_end(std::string_view line, std::size_t pos) {
  while (pos < line.size() && !is_blank(line[pos])) {
    ++pos;
  }
  return pos;
}

// End of a value token of 1 to 15 decimal digits at pos, with its value; pos when the token is
// anything else (parse_value() converts those digits the same way).
std::size_t plain_integer_end(std::string_view line, std::size_t pos, double& value) {
  std::int64_t whole = 0;
  std::size_t i = pos;
  const std::size_t limit = std::min(line.size(), pos + 16);
  while (i < limit && line[i] >= '0' && line[i] <= '9') {
    whole = whole * 10 + (line[i] - '0');
    ++i;
  }
  if (i == pos || i - pos > 15 || (i < line.size() && !is_blank(line[i]))) {
    return pos;
  }
  value = static_cast<double>(whole);
  return i;
}

// name{a="b",...} for messages.
std::string render_series(const sample& s) {
  std::string out(s.name);
  out += '{';
  for (std::size_t i = 0; i < s.labels.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    out.append(s.labels[i].name);
    out += "=\"";
    out.append(s.labels[i].value);
    out += '"';
  }
  out += '}';
  return out;
}

}  // namespace

bool line_parser::skip_separator(std::string_view line, std::size_t& pos, bool required) {
  const std::size_t blanks = count_blanks(line, pos);
  if (om_ && (blanks > 1 || (blanks == 1 && line[pos] != ' '))) {
    error(rules::invalid_whitespace, "tokens must be separated by a single space");
    return false;
  }
  if (required && blanks == 0) {
    error(rules::invalid_whitespace, "expected a space at column " + std::to_string(pos + 1));
    return false;
  }
  pos += blanks;
  return true;
}

void line_parser::handle_sample(std::string_view line) {
  std::size_t pos = om_ ? 0 : count_blanks(line, 0);
  // Most samples continue the open family, whose name is a valid metric name: scan only the rest.
  const std::string_view open = current_ != none ? out_.families[current_].name : std::string_view{};
  const bool continues =
      !open.empty() && line.size() - pos >= open.size() && same_text(line.substr(pos, open.size()), open);
  const std::size_t name_end =
      continues ? scan_class(line, pos + open.size() - 1, cc_metric, cc_metric) : scan_metric_name(line, pos);
  if (name_end == pos) {
    error(rules::invalid_metric_name, "expected a metric name at column " + std::to_string(pos + 1));
    return;
  }
  sample s;
  s.name = line.substr(pos, name_end - pos);
  s.line = line_no_;
  pos = name_end;
  pending_hash_ = 0;

  // 0.0.4 allows blanks between the name and '{'.
  const std::size_t brace = om_ ? pos : pos + count_blanks(line, pos);
  const bool has_labels = brace < line.size() && line[brace] == '{';
  if (has_labels) {
    pos = brace;
    if (!parse_labels(line, pos)) {
      return;
    }
  } else {
    pending_labels_.clear();  // no label set, so none to take over for the next line either
    memo_.clear();
    if (pos < line.size() && !is_blank(line[pos])) {
      error(rules::invalid_metric_name, "unexpected character '" + std::string(1, line[pos]) + "' in metric name");
      return;
    }
  }

  // Value; 0.0.4 accepts it glued to the closing brace, as the Go parser does.
  if (pos + count_blanks(line, pos) == line.size()) {
    error(rules::invalid_value, "missing sample value");
    return;
  }
  if (!skip_separator(line, pos, om_ || !has_labels)) {
    return;
  }
  std::size_t end = plain_integer_end(line, pos, s.value);
  if (end == pos) {
    end = token_end(line, pos);
    const auto value = parse_value(line.substr(pos, end - pos));
    if (!value) {
      error(rules::invalid_value,
            "expected a number as value, got \"" + std::string(line.substr(pos, end - pos)) + "\"");
      return;
    }
    s.value = *value;
  }
  pos = end;

  // Optional timestamp, then (OpenMetrics) an optional exemplar.
  bool exemplar = false;
  if (pos < line.size()) {
    if (!skip_separator(line, pos, true)) {
      return;
    }
    if (pos == line.size()) {
      error(rules::invalid_whitespace, "trailing whitespace after the value");
      return;
    }
    exemplar = om_ && line[pos] == '#';
    if (!exemplar) {
      end = token_end(line, pos);
      const std::string_view token = line.substr(pos, end - pos);
      s.timestamp_ms = om_ ? parse_seconds_as_ms(token) : parse_integer(token);
      if (om_ && s.timestamp_ms) {
        s.timestamp_seconds = *parse_seconds(token);
      }
      if (!s.timestamp_ms) {
        error(rules::invalid_timestamp,
              om_ ? "expected a timestamp in seconds, got \"" + std::string(token) + "\""
                  : "expected an integer timestamp in milliseconds, got \"" + std::string(token) + "\"");
        return;
      }
      pos = end;
      if (pos < line.size()) {
        const std::size_t blanks = count_blanks(line, pos);
        exemplar = om_ && blanks == 1 && line[pos] == ' ' && pos + 1 < line.size() && line[pos + 1] == '#';
        if (exemplar) {
          ++pos;
        } else {
          error(rules::trailing_content,
                "unexpected content after the timestamp: \"" + std::string(line.substr(pos)) + "\"");
          return;
        }
      }
    }
  }
  if (exemplar) {
    if (auto problem = check_exemplar(line.substr(pos), exemplar_value_)) {
      error(problem->rule, std::move(problem->message));
      return;
    }
  }
  sample_has_exemplar_ = exemplar;
  s.labels = commit_labels();
  s.labels_hash = pending_hash_;  // sum of hash_label() over the labels, i.e. hash_labels(s.labels)
  add_sample(s);
}

std::size_t line_parser::reuse_labels(std::string_view line, std::size_t section) {
  if (memo_.empty()) {
    return 0;
  }
  // Bytes from '{' up to the end of the last label the previous label set parsed.
  const std::size_t limit = std::min(memo_.back().end, line.size() - section);
  const std::size_t common = common_prefix(memo_section_, line.data() + section, limit);
  std::size_t reused = 0;
  while (reused < memo_.size() && memo_[reused].end <= common) {
    ++reused;
  }
  return reused;
}

bool line_parser::parse_labels(std::string_view line, std::size_t& pos) {
  ++pos;  // '{'
  const std::size_t section = pos;
  // Labels spelled with the very same bytes as in the previous label set parse the same way: they
  // are taken over (views, hashes) and parsing resumes after the last of them.
  const std::size_t reused = reuse_labels(line, section);
  pending_labels_.resize(reused);
  memo_.resize(reused);
  memo_section_ = line.data() + section;
  pending_hash_ = reused > 0 ? memo_.back().hash : 0;
  pos = reused > 0 ? section + memo_.back().end : section;
  bool resume = reused > 0;
  bool after_comma = false;
  while (true) {
    if (!resume) {
      if (!om_) {
        pos += count_blanks(line, pos);
      }
      if (pos >= line.size()) {
        error(rules::invalid_label_syntax, "label set is not closed");
        return false;
      }
      if (line[pos] == '}') {
        if (om_ && after_comma) {
          error(rules::invalid_label_syntax, "trailing comma in label set");
          return false;
        }
        ++pos;
        return true;
      }
      const std::size_t name_end = scan_label_name(line, pos);
      if (name_end == pos) {
        error(rules::invalid_label_name, "invalid label name at column " + std::to_string(pos + 1));
        return false;
      }
      const std::string_view name = line.substr(pos, name_end - pos);
      pos = name_end;
      if (!om_) {
        pos += count_blanks(line, pos);
      }
      if (pos >= line.size() || line[pos] != '=') {
        error(rules::invalid_label_syntax, "expected '=' after label name " + std::string(name));
        return false;
      }
      ++pos;
      if (!om_) {
        pos += count_blanks(line, pos);
      }
      if (pos >= line.size() || line[pos] != '"') {
        error(rules::invalid_label_syntax, "value of label " + std::string(name) + " must be double-quoted");
        return false;
      }
      ++pos;
      std::string_view value;
      if (!parse_label_value(line, pos, value)) {
        return false;
      }
      if (om_ ? name.front() == '_' : (name.size() == 8 && name == "__name__")) {
        error(rules::reserved_label_name, "label name " + std::string(name) + " is reserved");
        return false;
      }
      for (const label& earlier : pending_labels_) {
        if (same_text(earlier.name, name)) {
          error(rules::duplicate_label_name, "label " + std::string(name) + " appears twice");
          return false;
        }
      }
      pending_labels_.push_back(label{name, value});
      pending_hash_ += pair_hash(name, value);
      memo_.push_back({pos - section, pending_hash_});
    }
    resume = false;
    if (!om_) {
      pos += count_blanks(line, pos);
    }
    after_comma = pos < line.size() && line[pos] == ',';
    if (after_comma) {
      ++pos;
      continue;
    }
    if (pos < line.size() && line[pos] == '}') {
      ++pos;
      return true;
    }
    error(rules::invalid_label_syntax,
          "expected ',' or '}' after the value of label " + std::string(pending_labels_.back().name));
    return false;
  }
}

bool line_parser::parse_label_value(std::string_view line, std::size_t& pos, std::string_view& value) {
  const std::size_t start = pos;
  pos = static_cast<std::size_t>(find_quote_or_backslash(line.data() + pos, line.data() + line.size()) - line.data());
  bool escaped = false;
  while (pos < line.size() && line[pos] != '"') {
    if (line[pos] == '\\') {
      escaped = true;
      pos += 2;
    } else {
      ++pos;
    }
  }
  if (pos >= line.size()) {
    error(rules::unterminated_label_value, "label value is not terminated on this line");
    return false;
  }
  const std::string_view raw = line.substr(start, pos - start);
  ++pos;  // closing quote
  if (const auto bad = invalid_utf8_at(raw)) {
    error(rules::invalid_utf8, "label value is not valid UTF-8 (byte " + std::to_string(*bad + 1) + ")");
    return false;
  }
  if (!escaped) {
    value = raw;
    return true;
  }
  const auto status = unescape(raw, om_ ? escape_style::openmetrics : escape_style::label_value_text, scratch_);
  if (!status.ok) {
    const std::size_t at = status.bad_offset + 1;
    error(rules::invalid_escape, "invalid escape sequence \"\\" +
                                     std::string(at < raw.size() ? raw.substr(at, 1) : std::string_view{}) +
                                     "\" in label value");
    return false;
  }
  value = keep(std::string(scratch_));
  return true;
}

// A bucket covers the values up to its le (buckets are cumulative); its exemplar's value MUST lie
// in that range (OpenMetrics 1.0, Histogram and GaugeHistogram). NaN lies in no range.
void line_parser::check_exemplar_in_bucket(const sample& s) {
  const std::string_view* le_text = find_label(s.labels, "le");
  const std::optional<double> le = le_text != nullptr ? thresholds_.parse(*le_text) : std::nullopt;
  if (!le || exemplar_value_ <= *le) {
    return;  // a missing or broken le is its own finding
  }
  char value[32];
  std::snprintf(value, sizeof value, "%.17g", exemplar_value_);
  error(rules::exemplar_outside_bucket, "exemplar value " + std::string(value) + " of " + std::string(s.name) +
                                            "{le=\"" + std::string(*le_text) +
                                            "\"} is outside the bucket, which covers values up to its le");
}

void line_parser::add_sample(sample s) {
  metric_family* family = nullptr;
  // A name repeated from the previous sample of the open family resolves the same way again.
  if (current_ != none && last_sample_.family == current_ && same_text(s.name, last_sample_.name)) {
    family = &out_.families[current_];
    s.name = last_sample_.name;  // one view for the repeated name, so later comparisons are O(1)
  } else {
    family = family_for_sample(s.name);
    if (family == nullptr) {
      return;
    }
    const std::string_view suffix = s.name.substr(family->name.size());
    last_sample_ = {s.name, current_, suffix_allowed(family->type, out_.format, suffix), series_key(suffix, 0)};
  }
  if (!last_sample_.suffix_allowed) {
    const std::string_view suffix = s.name.substr(family->name.size());
    if (om_ && family->type == metric_type::counter && suffix.empty()) {
      error(rules::counter_missing_total, "counter sample must be named " + std::string(s.name) + "_total");
    } else {
      error(rules::invalid_sample_name, "sample " + std::string(s.name) + " is not valid for " +
                                            std::string(to_string(family->type, out_.format)) + " family " +
                                            std::string(family->name));
    }
  }
  const auto index = static_cast<std::uint32_t>(family->samples.size());
  const auto& samples = family->samples;
  const auto same = [&](std::uint32_t i) { return same_series(samples[i], s); };
  // series_key(suffix, labels_hash) is the name part plus the labels hash.
  if (const auto seen = series_->find_or_insert(last_sample_.series_key + s.labels_hash, index, same)) {
    const sample& earlier = samples[seen.value()];
    // OpenMetrics allows further points of a series with monotonically increasing (non-decreasing)
    // timestamps.
    const bool later_point =
        om_ && earlier.timestamp_ms && s.timestamp_ms && s.timestamp_seconds >= earlier.timestamp_seconds;
    if (!later_point) {
      error(rules::duplicate_series,
            "series " + render_series(s) + " already appeared on line " + std::to_string(earlier.line));
    }
    seen.set(index);
  }
  if (has_sample_rules(family->type)) {
    check_sample(*family, s, out_.format, errors_);
  }
  if (sample_has_exemplar_) {
    // Exemplars belong to counter totals and (gauge) histogram buckets only.
    const std::string_view suffix = s.name.substr(family->name.size());
    const bool allowed = (family->type == metric_type::counter && suffix == "_total") ||
                         ((family->type == metric_type::histogram || family->type == metric_type::gauge_histogram) &&
                          suffix == "_bucket");
    if (!allowed) {
      error(rules::exemplar_not_allowed,
            "sample " + std::string(s.name) + " of " + std::string(to_string(family->type, out_.format)) + " family " +
                std::string(family->name) + " may not carry an exemplar (only counter totals and buckets may)");
    } else if (suffix == "_bucket") {
      check_exemplar_in_bucket(s);
    }
  }
  // Families announced by metadata get their sample vector sized once (no regrowth copies).
  if (!current_has_samples_ && (type_seen_ || help_seen_)) {
    reserve_samples(*family);
  }
  current_has_samples_ = true;
  family->samples.push_back(s);
}

}  // namespace shield::prom::detail
