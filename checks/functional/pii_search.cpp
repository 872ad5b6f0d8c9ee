#include "checks/functional/pii_search.hpp"

#include <cctype>

namespace shield::functional {
namespace {

// ASCII only: accented or CJK neighbours never continue a planted value (all planted values are ASCII).
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Characters that join two alphanumeric runs into one value ("a.b", "x-1", "u@h").
bool is_joiner(char c) { return c == '.' || c == '-' || c == '_' || c == '+' || c == '@' || c == '%'; }

// The neighbour at `pos` (stepping by `dir`) continues the value: alnum, or a joiner then alnum.
bool glued(std::string_view text, std::ptrdiff_t pos, std::ptrdiff_t dir) {
  const auto size = static_cast<std::ptrdiff_t>(text.size());
  if (pos < 0 || pos >= size) return false;
  if (is_alnum(text[static_cast<std::size_t>(pos)])) return true;
  const auto next = pos + dir;
  return is_joiner(text[static_cast<std::size_t>(pos)]) && next >= 0 && next < size &&
         is_alnum(text[static_cast<std::size_t>(next)]);
}

}  // namespace

bool contains_value(std::string_view text, std::string_view value) {
  if (value.empty()) return false;
  for (auto pos = text.find(value); pos != std::string_view::npos; pos = text.find(value, pos + 1)) {
    const auto before = static_cast<std::ptrdiff_t>(pos) - 1;
    const auto after = static_cast<std::ptrdiff_t>(pos + value.size());
    // A value's own edge character decides whether a neighbour could continue it.
    const bool left_ok = !is_alnum(value.front()) || !glued(text, before, -1);
    const bool right_ok = !is_alnum(value.back()) || !glued(text, after, 1);
    if (left_ok && right_ok) return true;
  }
  return false;
}

std::vector<std::string> values_in(std::string_view text, const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    if (contains_value(text, v)) out.push_back(v);
  }
  return out;
}

std::vector<std::string> pattern_values(const payloads::pii_text& text) {
  std::vector<std::string> out;
  for (const auto& p : payloads::pattern_pii(text)) out.push_back(p.value);
  return out;
}

std::vector<std::string> pattern_values(const payloads::session_payload& session) {
  std::vector<std::string> out;
  for (const auto& t : session.texts) {
    for (auto& v : pattern_values(t)) out.push_back(std::move(v));
  }
  return out;
}

std::string restore(std::string_view anonymized, const mapping_pairs& mapping) {
  std::string out;
  out.reserve(anonymized.size());
  std::size_t i = 0;
  while (i < anonymized.size()) {
    const std::pair<std::string, std::string>* best = nullptr;
    for (const auto& pair : mapping) {
      if (pair.first.empty() || anonymized.compare(i, pair.first.size(), pair.first) != 0) continue;
      if (!best || pair.first.size() > best->first.size()) best = &pair;
    }
    if (best) {
      out += best->second;
      i += best->first.size();
    } else {
      out += anonymized[i++];
    }
  }
  return out;
}

std::string codepoint_slice(std::string_view text, std::int64_t start, std::int64_t end) {
  if (start < 0 || end < start) return {};
  std::int64_t cp = 0;
  std::size_t begin_byte = std::string_view::npos;
  std::size_t end_byte = std::string_view::npos;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const bool boundary = i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (!boundary) continue;
    if (cp == start) begin_byte = i;
    if (cp == end) {
      end_byte = i;
      break;
    }
    ++cp;
  }
  if (begin_byte == std::string_view::npos || end_byte == std::string_view::npos) return {};
  return std::string(text.substr(begin_byte, end_byte - begin_byte));
}

std::string join_some(const std::vector<std::string>& items, std::size_t max) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < max; ++i) {
    if (i > 0) out += ", ";
    out += items[i];
  }
  if (items.size() > max) out += ", ... (" + std::to_string(items.size()) + " in all)";
  return out;
}

}  // namespace shield::functional
