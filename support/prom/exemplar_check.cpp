#include "support/prom/exemplar_check.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "support/prom/exposition.hpp"
#include "support/prom/text_scan.hpp"

namespace shield::prom::detail {
namespace {

constexpr std::size_t max_code_points = 128;  // names and values together, per the specification

std::optional<exemplar_problem> bad(std::string message) {
  return exemplar_problem{rules::invalid_exemplar, std::move(message)};
}

// OpenMetrics number: a real number, or [+-]Inf/Infinity or NaN (any case); no hex, no '_'.
bool is_openmetrics_number(std::string_view token) {
  if (token.empty() || token.find_first_of("xXpP_") != std::string_view::npos) {
    // Hex floats (0x1p-3) are not numbers here; "Infinity" holds no x/p/_.
    return false;
  }
  return parse_value(token).has_value();
}

}  // namespace

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) {
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return n;
}

std::optional<std::size_t> invalid_utf8_at(std::string_view s) {
  // ASCII fast path, eight bytes at a time: label values are nearly always ASCII.
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, s.data() + i, 8);
    if ((word & 0x8080808080808080ULL) != 0) break;
  }
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return i;
    i += len;
  }
  return std::nullopt;
}

std::optional<exemplar_problem> check_exemplar(std::string_view text, double& value_out) {
  if (!text.starts_with("# {")) {
    return bad("an exemplar is \"# {labels} value [timestamp]\" with single spaces");
  }
  std::size_t pos = 3;
  std::size_t points = 0;
  std::string scratch;
  bool first = true;
  while (true) {
    if (pos < text.size() && text[pos] == '}' && first) {
      break;
    }
    const std::size_t name_end = scan_label_name(text, pos);
    if (name_end == pos) {
      return bad("expected a label name in the exemplar's label set");
    }
    const std::string_view name = text.substr(pos, name_end - pos);
    pos = name_end;
    if (pos + 1 >= text.size() || text[pos] != '=' || text[pos + 1] != '"') {
      return bad("expected =\"value\" after exemplar label " + std::string(name));
    }
    pos += 2;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] != '"') {
      pos += text[pos] == '\\' ? 2 : 1;
    }
    if (pos >= text.size()) {
      return bad("exemplar label value is not terminated");
    }
    const std::string_view raw = text.substr(start, pos - start);
    ++pos;
    std::string_view value = raw;
    if (has_backslash(raw)) {
      unescape(raw, escape_style::openmetrics, scratch);
      value = scratch;
    }
    if (const auto at = invalid_utf8_at(value)) {
      return exemplar_problem{rules::invalid_utf8, "exemplar label " + std::string(name) + " is not valid UTF-8"};
    }
    points += code_points(name) + code_points(value);
    first = false;
    if (pos < text.size() && text[pos] == ',') {
      ++pos;
      continue;
    }
    if (pos < text.size() && text[pos] == '}') {
      break;
    }
    return bad("expected ',' or '}' in the exemplar's label set");
  }
  ++pos;  // '}'
  if (points > max_code_points) {
    return exemplar_problem{rules::exemplar_too_long, "exemplar label names and values hold " + std::to_string(points) +
                                                          " code points, more than " + std::to_string(max_code_points)};
  }
  if (pos >= text.size() || text[pos] != ' ' || pos + 1 >= text.size() || text[pos + 1] == ' ') {
    return bad("expected one space and a value after the exemplar's label set");
  }
  ++pos;
  std::size_t end = text.find(' ', pos);
  const std::string_view value = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
  if (!is_openmetrics_number(value)) {
    return bad("exemplar value \"" + std::string(value) + "\" is not a number");
  }
  value_out = *parse_value(value);
  if (end == std::string_view::npos) {
    return std::nullopt;
  }
  pos = end + 1;
  end = text.find(' ', pos);
  const std::string_view timestamp =
      text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
  if (timestamp.empty()) {
    return bad("trailing space after the exemplar value");
  }
  if (!parse_seconds(timestamp) || timestamp.find_first_of("xXpP_") != std::string_view::npos) {
    return bad("exemplar timestamp \"" + std::string(timestamp) + "\" is not a finite real number");
  }
  if (end != std::string_view::npos) {
    return bad("unexpected content after the exemplar timestamp: \"" + std::string(text.substr(end)) + "\"");
  }
  return std::nullopt;
}

}  // namespace shield::prom::detail
