#include "support/prom/exposition_parser.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>

#include "support/prom/exposition_parser_impl.hpp"
#include "support/prom/storage_recycler.hpp"
#include "support/prom/text_scan.hpp"

namespace shield::prom {
namespace detail {

line_parser::line_parser(exposition& out, exposition_storage& storage, const parse_options& options)
    : out_(out),
      storage_(storage),
      om_(out.format == exposition_format::openmetrics),
      errors_(out.errors, options.max_errors) {}

void line_parser::run() {
  const std::string_view text = storage_.text;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const void* found = std::memchr(text.data() + pos, '\n', text.size() - pos);
    const std::size_t end =
        found == nullptr ? text.size() : static_cast<std::size_t>(static_cast<const char*>(found) - text.data());
    ++line_no_;
    if (eof_seen_) {
      error(rules::content_after_eof, "content after # EOF");
      break;
    }
    line_start_ = pos;
    handle_line(text.substr(pos, end - pos));
    pos = end + 1;
  }
  close_family();
  if (om_) {
    if (!eof_seen_) {
      const bool ends_in_newline = text.empty() || text.back() == '\n';
      errors_.add(ends_in_newline ? line_no_ + 1 : line_no_, rules::missing_eof, "exposition does not end with # EOF");
    }
  } else if (!text.empty() && text.back() != '\n') {
    error(rules::missing_final_newline, "last line does not end with a line feed");
  }
  out_.errors_truncated = errors_.truncated();
  std::stable_sort(out_.errors.begin(), out_.errors.end(),
                   [](const parse_error& a, const parse_error& b) { return a.line < b.line; });
}

void line_parser::handle_line(std::string_view line) {
  if (om_) {
    if (line.empty()) {
      error(rules::empty_line, "empty lines are not allowed in OpenMetrics");
    } else if (line.front() == '#') {
      handle_comment_openmetrics(line);
    } else if (is_blank(line.front())) {
      error(rules::invalid_whitespace, "line starts with whitespace");
    } else {
      handle_sample(line);
    }
    return;
  }
  std::size_t first = 0;
  while (first < line.size() && is_blank(line[first])) {
    ++first;
  }
  if (first == line.size()) {
    return;  // blank lines are ignored in 0.0.4
  }
  if (line[first] == '#') {
    handle_comment_text(line, first);
  } else {
    handle_sample(line);
  }
}

metric_family* line_parser::family_for_sample(std::string_view name) {
  if (current_ != none) {
    metric_family& open = out_.families[current_];
    if (name.starts_with(open.name)) {
      const std::string_view suffix = name.substr(open.name.size());
      if (suffix.empty() || suffix_allowed(open.type, out_.format, suffix)) {
        return &open;
      }
    }
  }
  auto closed = families_by_name_.find(name);
  if (closed == families_by_name_.end()) {
    // A suffixed sample name may belong to an earlier typed family.
    static constexpr std::string_view suffixes[] = {"_bucket",  "_count",  "_sum",  "_total",
                                                    "_created", "_gcount", "_gsum", "_info"};
    for (const std::string_view suffix : suffixes) {
      if (!name.ends_with(suffix)) {
        continue;
      }
      const auto base = families_by_name_.find(name.substr(0, name.size() - suffix.size()));
      if (base != families_by_name_.end() && suffix_allowed(out_.families[base->second].type, out_.format, suffix)) {
        closed = base;
        break;
      }
    }
  }
  if (closed != families_by_name_.end()) {
    const metric_family& earlier = out_.families[closed->second];
    error(rules::family_not_contiguous, "sample " + std::string(name) + " belongs to family " +
                                            std::string(earlier.name) + " which ended before line " +
                                            std::to_string(line_no_) + " (started on line " +
                                            std::to_string(earlier.line) + ")");
    return nullptr;
  }
  close_family();
  start_family(name);
  return &out_.families[current_];
}

void line_parser::reserve_samples(metric_family& family) {
  // The family's samples run at most to the next line starting with '#': its line count bounds them.
  const std::string_view text = storage_.text;
  std::size_t end = line_start_;
  while (end < text.size()) {
    const void* hit = std::memchr(text.data() + end, '#', text.size() - end);
    if (hit == nullptr) {
      end = text.size();
      break;
    }
    end = static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
    if (end > 0 && text[end - 1] == '\n') {
      break;
    }
    ++end;
  }
  const std::size_t bound = count_newlines(text.substr(line_start_, end - line_start_)) + 1;
  family.samples.reserve(bound);
  // The duplicate index then never rehashes for this family either.
  series_->reserve(std::min<std::size_t>(bound, std::size_t{1} << 20));
}

void line_parser::start_family(std::string_view name) {
  metric_family family;
  family.name = name;
  family.line = line_no_;
  current_ = out_.families.size();
  out_.families.push_back(std::move(family));
  families_by_name_.emplace(name, current_);
  current_has_samples_ = false;
  help_seen_ = false;
  type_seen_ = false;
  unit_seen_ = false;
}

void line_parser::close_family() {
  if (current_ == none) {
    return;
  }
  const metric_family& family = out_.families[current_];
  check_family(family, out_.format, errors_, thresholds_);
  if (om_ && family.has_unit && (family.type == metric_type::stateset || family.type == metric_type::info)) {
    errors_.add(family.line, rules::unit_mismatch,
                std::string(to_string(family.type, out_.format)) + " family " + std::string(family.name) +
                    " must have an empty UNIT");
  }
  series_->clear();
  current_ = none;
  last_sample_ = {};
}

std::span<const label> line_parser::commit_labels() {
  const std::size_t n = pending_labels_.size();
  if (n == 0) {
    return {};
  }
  // Consecutive samples with the same label set (a histogram's _sum and _count) share one copy.
  if (n == last_labels_.size() && pending_hash_ == last_labels_hash_ &&
      std::equal(pending_labels_.begin(), pending_labels_.end(), last_labels_.begin(),
                 [](const label& a, const label& b) { return a.name == b.name && a.value == b.value; })) {
    return last_labels_;
  }
  auto& blocks = storage_.label_blocks;
  if (blocks.empty() || blocks.back().capacity() - blocks.back().size() < n) {
    // A new block rather than growing the old one: earlier spans must not move.
    blocks.push_back(take_label_block(n));
  }
  std::vector<label>& block = blocks.back();
  const std::size_t start = block.size();
  block.insert(block.end(), pending_labels_.begin(), pending_labels_.end());
  last_labels_ = {block.data() + start, n};
  last_labels_hash_ = pending_hash_;
  return last_labels_;
}

std::string_view line_parser::keep(std::string&& text) {
  storage_.unescaped.push_back(std::move(text));
  return storage_.unescaped.back();
}

}  // namespace detail

namespace {

exposition parse_owned(std::shared_ptr<exposition_storage> storage, exposition_format format,
                       const parse_options& options) {
  exposition out;
  out.format = format;
  detail::line_parser parser(out, *storage, options);
  parser.run();
  out.storage = std::move(storage);
  return out;
}

}  // namespace

exposition parse_exposition(std::string_view text, exposition_format format, const parse_options& options) {
  auto storage = detail::make_recycling_storage(true);
  storage->text.assign(text);
  return parse_owned(std::move(storage), format, options);
}

exposition parse_exposition(std::string&& text, exposition_format format, const parse_options& options) {
  auto storage = detail::make_recycling_storage(false);
  storage->text = std::move(text);
  return parse_owned(std::move(storage), format, options);
}

}  // namespace shield::prom
