// Comment, HELP, TYPE and UNIT lines of the exposition parser.

#include <algorithm>
#include <optional>

#include "support/prom/exposition_parser_impl.hpp"
#include "support/prom/text_scan.hpp"
#include "support/base/text.hpp"

namespace shield::prom::detail {
namespace {

std::optional<metric_type> type_from_text(std::string_view word) {
  // The 0.0.4 TYPE keyword is case-insensitive.
  const std::string t = base::to_lower(word);
  if (t == "counter") return metric_type::counter;
  if (t == "gauge") return metric_type::gauge;
  if (t == "histogram") return metric_type::histogram;
  if (t == "summary") return metric_type::summary;
  if (t == "untyped") return metric_type::untyped;
  return std::nullopt;
}

std::optional<metric_type> type_from_openmetrics(std::string_view word) {
  if (word == "counter") return metric_type::counter;
  if (word == "gauge") return metric_type::gauge;
  if (word == "histogram") return metric_type::histogram;
  if (word == "gaugehistogram") return metric_type::gauge_histogram;
  if (word == "summary") return metric_type::summary;
  if (word == "stateset") return metric_type::stateset;
  if (word == "info") return metric_type::info;
  if (word == "unknown") return metric_type::untyped;
  return std::nullopt;
}

// OpenMetrics escaped-string: a double quote must come as \".
bool has_unescaped_quote(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return true;
    }
  }
  return false;
}

std::string_view kind_name(metadata_kind kind) {
  switch (kind) {
    case metadata_kind::help:
      return "HELP";
    case metadata_kind::type:
      return "TYPE";
    case metadata_kind::unit:
      return "UNIT";
  }
  return "";
}

}  // namespace

void line_parser::handle_comment_text(std::string_view line, std::size_t hash_pos) {
  std::size_t pos = hash_pos + 1;
  while (pos < line.size() && is_blank(line[pos])) {
    ++pos;
  }
  std::size_t word_end = pos;
  while (word_end < line.size() && !is_blank(line[word_end])) {
    ++word_end;
  }
  const std::string_view keyword = line.substr(pos, word_end - pos);
  if (keyword != "HELP" && keyword != "TYPE") {
    return;  // an ordinary comment
  }
  pos = word_end;
  while (pos < line.size() && is_blank(line[pos])) {
    ++pos;
  }
  if (pos == line.size()) {
    return;  // "# HELP" alone carries no metric name: the Go parser treats it as a comment
  }
  const std::size_t name_end = scan_metric_name(line, pos);
  if (name_end == pos || (name_end < line.size() && !is_blank(line[name_end]))) {
    error(rules::invalid_metadata, "invalid metric name in " + std::string(keyword) + " line");
    return;
  }
  const std::string_view name = line.substr(pos, name_end - pos);
  pos = name_end;
  while (pos < line.size() && is_blank(line[pos])) {
    ++pos;
  }
  const std::string_view payload = line.substr(pos);
  apply_metadata(keyword == "HELP" ? metadata_kind::help : metadata_kind::type, name, payload);
}

void line_parser::handle_comment_openmetrics(std::string_view line) {
  if (line == "# EOF") {
    eof_seen_ = true;
    return;
  }
  metadata_kind kind{};
  if (line.starts_with("# HELP ")) {
    kind = metadata_kind::help;
  } else if (line.starts_with("# TYPE ")) {
    kind = metadata_kind::type;
  } else if (line.starts_with("# UNIT ")) {
    kind = metadata_kind::unit;
  } else {
    error(rules::invalid_comment, "only # HELP, # TYPE, # UNIT and # EOF lines may start with #");
    return;
  }
  constexpr std::size_t name_pos = 7;
  const std::size_t name_end = scan_metric_name(line, name_pos);
  if (name_end == name_pos || name_end == line.size() || line[name_end] != ' ') {
    error(rules::invalid_metadata,
          "expected '# " + std::string(kind_name(kind)) + " <metric name> <value>' with single spaces");
    return;
  }
  apply_metadata(kind, line.substr(name_pos, name_end - name_pos), line.substr(name_end + 1));
}

void line_parser::check_name_clash(const metric_family& family) {
  // A family may not be named so that its samples could be another family's (OpenMetrics): a gauge
  // foo_created beside a counter foo, in either order.
  static constexpr std::string_view suffixes[] = {"_total",  "_created", "_count", "_sum",
                                                  "_bucket", "_gcount",  "_gsum",  "_info"};
  for (const std::string_view suffix : suffixes) {
    if (suffix_allowed(family.type, out_.format, suffix)) {
      const std::string longer = std::string(family.name) + std::string(suffix);
      if (families_by_name_.contains(longer)) {
        error(rules::family_name_clash, std::string(to_string(family.type, out_.format)) + " " +
                                            std::string(family.name) + " would expose " + longer +
                                            ", the name of another family");
        return;
      }
    }
    if (family.name.size() > suffix.size() && family.name.ends_with(suffix)) {
      const auto base = families_by_name_.find(family.name.substr(0, family.name.size() - suffix.size()));
      if (base != families_by_name_.end() && &out_.families[base->second] != &family &&
          suffix_allowed(out_.families[base->second].type, out_.format, suffix)) {
        error(rules::family_name_clash, std::string(family.name) + " clashes with the " + std::string(suffix) +
                                            " samples of family " + std::string(out_.families[base->second].name));
        return;
      }
    }
  }
}

void line_parser::apply_metadata(metadata_kind kind, std::string_view name, std::string_view payload) {
  // Metadata for the open family, a new family, or (an error) a family that already ended.
  if (current_ == none || out_.families[current_].name != name) {
    const auto earlier = families_by_name_.find(name);
    if (earlier != families_by_name_.end()) {
      const metric_family& family = out_.families[earlier->second];
      const bool repeated = (kind == metadata_kind::help && family.has_help) ||
                            (kind == metadata_kind::type && family.type != metric_type::untyped) ||
                            (kind == metadata_kind::unit && family.has_unit);
      if (repeated) {
        const std::string_view rule = kind == metadata_kind::help   ? rules::duplicate_help
                                      : kind == metadata_kind::type ? rules::duplicate_type
                                                                    : rules::duplicate_unit;
        error(rule, "second " + std::string(kind_name(kind)) + " line for " + std::string(name));
      } else {
        error(rules::family_not_contiguous, std::string(kind_name(kind)) + " line for " + std::string(name) +
                                                " after the family ended (started on line " +
                                                std::to_string(family.line) + ")");
      }
      return;
    }
    close_family();
    start_family(name);
  }
  metric_family& family = out_.families[current_];
  switch (kind) {
    case metadata_kind::type: {
      if (type_seen_) {
        error(rules::duplicate_type, "second TYPE line for " + std::string(name));
        return;
      }
      type_seen_ = true;
      if (current_has_samples_) {
        error(rules::type_after_samples, "TYPE line for " + std::string(name) + " after its samples");
        return;
      }
      const auto type = om_ ? type_from_openmetrics(payload) : type_from_text(payload);
      if (!type) {
        error(rules::invalid_type,
              payload.empty() ? "TYPE line without a type" : "unknown metric type \"" + std::string(payload) + "\"");
        return;
      }
      family.type = *type;
      if (om_) {
        check_name_clash(family);
      }
      return;
    }
    case metadata_kind::help: {
      if (help_seen_) {
        error(rules::duplicate_help, "second HELP line for " + std::string(name));
        return;
      }
      help_seen_ = true;
      if (om_ && current_has_samples_) {
        error(rules::metadata_after_samples, "HELP line for " + std::string(name) + " after its samples");
        return;
      }
      if (om_ && has_unescaped_quote(payload)) {
        error(rules::invalid_escape, "HELP text has an unescaped double quote");
        return;
      }
      std::string_view help = payload;
      if (has_backslash(payload)) {
        const auto status = unescape(payload, om_ ? escape_style::openmetrics : escape_style::help_text, scratch_);
        if (!status.ok) {
          error(rules::invalid_escape, "invalid escape sequence in HELP text");
          return;
        }
        help = keep(std::string(scratch_));
      }
      family.help = help;
      // OpenMetrics: an empty HELP counts as no HELP.
      family.has_help = !om_ || !help.empty();
      return;
    }
    case metadata_kind::unit: {
      if (unit_seen_) {
        error(rules::duplicate_unit, "second UNIT line for " + std::string(name));
        return;
      }
      unit_seen_ = true;
      if (current_has_samples_) {
        error(rules::metadata_after_samples, "UNIT line for " + std::string(name) + " after its samples");
        return;
      }
      if (!std::all_of(payload.begin(), payload.end(), is_metric_name_char)) {
        error(rules::invalid_metadata, "UNIT value \"" + std::string(payload) + "\" has invalid characters");
        return;
      }
      if (!payload.empty()) {
        const bool suffix = name.size() > payload.size() + 1 && name.ends_with(payload) &&
                            name[name.size() - payload.size() - 1] == '_';
        if (!suffix) {
          error(rules::unit_mismatch, "family " + std::string(name) + " does not end with _" + std::string(payload));
        }
        family.unit = payload;
        family.has_unit = true;
      }
      return;
    }
  }
}

}  // namespace shield::prom::detail
