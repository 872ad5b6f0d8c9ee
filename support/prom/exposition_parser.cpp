#include "prom/exposition_parser.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>

#include "prom/exposition_parser_impl.hpp"
#include "prom/text_scan.hpp"

namespace shield::prom {
namespace detail {
namespace {

// Counts '\n' eight bytes at a time (exact: no borrow between bytes).
std::size_t count_newlines(std::string_view s) {
  constexpr std::uint64_t newlines = 0x0a0a0a0a0a0a0a0aULL;
  constexpr std::uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL;
  std::size_t n = 0;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, s.data() + i, 8);
    const std::uint64_t x = word ^ newlines;  // zero bytes where '\n' was
    const std::uint64_t zero_bytes = ~(((x & low7) + low7) | x | low7);
    n += static_cast<std::size_t>(std::popcount(zero_bytes));
  }
  for (; i < s.size(); ++i) {
    n += s[i] == '\n' ? 1 : 0;
  }
  return n;
}

}  // namespace

line_parser::line_parser(exposition& out, exposition_storage& storage, const parse_options& options)
    : out_(out),
      storage_(storage),
      om_(out.format == exposition_format::openmetrics),
      errors_(out.errors, options.max_errors) {}

void line_parser::run() {
  const std::string_view text = storage_.text;
  // Rough series count (lines are rarely under 64 bytes) so the duplicate index rarely rehashes.
  series_.reserve(std::min<std::size_t>(text.size() / 64, std::size_t{1} << 18));
  std::size_t pos = 0;
  while (pos < text.size()) {
    const void* found = std::memchr(text.data() + pos, '\n', text.size() - pos);
    const std::size_t end = found == nullptr ? text.size() : static_cast<std::size_t>(
                                                                 static_cast<const char*>(found) - text.data());
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
    static constexpr std::string_view suffixes[] = {"_bucket", "_count", "_sum",  "_total",
                                                    "_created", "_gcount", "_gsum", "_info"};
    for (const std::string_view suffix : suffixes) {
      if (!name.ends_with(suffix)) {
        continue;
      }
      const auto base = families_by_name_.find(name.substr(0, name.size() - suffix.size()));
      if (base != families_by_name_.end() &&
          suffix_allowed(out_.families[base->second].type, out_.format, suffix)) {
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

void line_parser::reserve_samples(metric_family& family) const {
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
  family.samples.reserve(count_newlines(text.substr(line_start_, end - line_start_)) + 1);
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
  check_family(family, out_.format, errors_);
  if (om_ && family.has_unit && (family.type == metric_type::stateset || family.type == metric_type::info)) {
    errors_.add(family.line, rules::unit_mismatch,
                std::string(to_string(family.type, out_.format)) + " family " + std::string(family.name) +
                    " must have an empty UNIT");
  }
  series_.clear();
  current_ = none;
}

std::span<const label> line_parser::commit_labels() {
  const std::size_t n = pending_labels_.size();
  if (n == 0) {
    return {};
  }
  auto& blocks = storage_.label_blocks;
  if (blocks.empty() || blocks.back().capacity() - blocks.back().size() < n) {
    // A new block rather than growing the old one: earlier spans must not move.
    constexpr std::size_t block_labels = 8192;
    blocks.emplace_back();
    blocks.back().reserve(std::max(block_labels, n));
  }
  std::vector<label>& block = blocks.back();
  const std::size_t start = block.size();
  block.insert(block.end(), pending_labels_.begin(), pending_labels_.end());
  return {block.data() + start, n};
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
  auto storage = std::make_shared<exposition_storage>();
  storage->text.assign(text);
  return parse_owned(std::move(storage), format, options);
}

exposition parse_exposition(std::string&& text, exposition_format format, const parse_options& options) {
  auto storage = std::make_shared<exposition_storage>();
  storage->text = std::move(text);
  return parse_owned(std::move(storage), format, options);
}

}  // namespace shield::prom
