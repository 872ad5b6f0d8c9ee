#include "checks/unit/payloads/independent_checks.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace shield::payloads::testing {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool lower(char c) { return c >= 'a' && c <= 'z'; }

bool email_shape(std::string_view v) {
  const std::size_t at = v.find('@');
  if (at == std::string_view::npos || at == 0 || v.find('@', at + 1) != std::string_view::npos) return false;
  if (!lower(v[0])) return false;
  const std::string_view domain = v.substr(at + 1);
  const std::size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) return false;
  for (char c : domain)
    if (!(lower(c) || digit(c) || c == '.' || c == '-')) return false;
  return true;
}

bool phone_shape(std::string_view v) {
  std::string d;
  for (char c : v) {
    if (digit(c))
      d += c;
    else if (c != ' ' && c != '+')
      return false;
  }
  if (v.empty()) return false;
  if (v[0] == '+')
    return d.size() >= 10 && d.size() <= 15 && (d.rfind("34", 0) != 0 || (d.size() == 11 && d[2] == '6'));
  return d.size() == 9 && d[0] == '6';
}

bool dni_shape_valid(std::string_view v) {
  if (v.size() != 9) return false;
  for (char c : v.substr(0, 8))
    if (!digit(c)) return false;
  return id_letter_by_division(v.substr(0, 8)) == v[8];
}

bool nie_shape_valid(std::string_view v) {
  if (v.size() != 9 || (v[0] != 'X' && v[0] != 'Y' && v[0] != 'Z')) return false;
  for (char c : v.substr(1, 7))
    if (!digit(c)) return false;
  std::string number(1, static_cast<char>('0' + (v[0] - 'X')));
  number.append(v.substr(1, 7));
  return id_letter_by_division(number) == v[8];
}

bool iban_shape_valid(std::string_view v) {
  std::string compact;
  for (char c : v)
    if (c != ' ') compact += c;
  if (compact.size() < 15 || compact.size() > 34) return false;
  return upper(compact[0]) && upper(compact[1]) && digit(compact[2]) && digit(compact[3]) &&
         iban_remainder_whole(compact) == 1;
}

}  // namespace

bool luhn_by_table(std::string_view digits) {
  // Sum of the digits of 2*d, for d = 0..9.
  constexpr std::array<int, 10> doubled = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};
  if (digits.size() < 2) return false;
  int sum = 0;
  // From the left: a digit is doubled when an odd number of digits follow it.
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (!digit(digits[i])) return false;
    const int d = digits[i] - '0';
    const bool double_it = (digits.size() - 1 - i) % 2 == 1;
    sum += double_it ? doubled[static_cast<std::size_t>(d)] : d;
  }
  return sum % 10 == 0;
}

std::string strip_separators(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    if (!digit(c)) return {};
    out += c;
  }
  return out;
}

int iban_remainder_whole(std::string_view compact) {
  if (compact.size() < 5) return -1;
  std::string rearranged = std::string(compact.substr(4)) + std::string(compact.substr(0, 4));
  std::string numeric;
  for (char c : rearranged) {
    if (digit(c))
      numeric += c;
    else if (upper(c))
      numeric += std::to_string(c - 'A' + 10);
    else
      return -1;
  }
  std::uint64_t rem = 0;
  for (std::size_t i = 0; i < numeric.size(); i += 7) {
    const std::string chunk = std::to_string(rem) + numeric.substr(i, 7);
    rem = std::stoull(chunk) % 97;
  }
  return static_cast<int>(rem);
}

char id_letter_by_division(std::string_view digits) {
  constexpr std::string_view letters = "TRWAGMYFPDXBNJZSQVHLCKE";
  int rem = 0;
  for (char c : digits) rem = (rem * 10 + (c - '0')) % 23;
  return letters[static_cast<std::size_t>(rem)];
}

bool ipv4_by_split(std::string_view ip) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= ip.size(); ++i) {
    if (i == ip.size() || ip[i] == '.') {
      parts.push_back(ip.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() != 4) return false;
  for (std::string_view p : parts) {
    if (p.empty() || p.size() > 3 || (p.size() > 1 && p[0] == '0')) return false;
    int value = 0;
    for (char c : p) {
      if (!digit(c)) return false;
      value = value * 10 + (c - '0');
    }
    if (value > 255) return false;
  }
  return true;
}

bool independently_valid(pii_kind kind, std::string_view value) {
  switch (kind) {
    case pii_kind::email:
      return email_shape(value);
    case pii_kind::phone:
      return phone_shape(value);
    case pii_kind::credit_card: {
      const std::string d = strip_separators(value);
      return d.size() >= 13 && d.size() <= 19 && luhn_by_table(d);
    }
    case pii_kind::iban:
      return iban_shape_valid(value);
    case pii_kind::ip_address:
      return ipv4_by_split(value);
    case pii_kind::dni:
      return dni_shape_valid(value);
    case pii_kind::nie:
      return nie_shape_valid(value);
    case pii_kind::name:
      return !value.empty() && value.find(' ') != std::string_view::npos;
  }
  return false;
}

std::string canonical(pii_kind kind, std::string_view value) {
  std::string out;
  for (char c : value) {
    if (digit(c) || upper(c))
      out += c;
    else if (lower(c))
      out += static_cast<char>(c - 'a' + 'A');
    else if (kind == pii_kind::email || kind == pii_kind::name || kind == pii_kind::ip_address)
      out += c;  // keep dots, @, accents: they distinguish addresses, names and IPs
  }
  if (kind == pii_kind::phone && out.size() > 9) out.erase(0, out.size() - 9);
  return std::string(to_string(kind)) + "/" + out;
}

std::string offsets_problem(const pii_text& text) {
  auto check = [&text](const std::vector<planted_pii>& list, std::string_view what) -> std::string {
    std::size_t previous_end = 0;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const planted_pii& p = list[i];
      const std::string where = std::string(what) + " #" + std::to_string(i) + " (" + p.value + ")";
      if (p.begin >= p.end || p.end > text.text.size()) return where + ": range out of the text";
      if (text.text.compare(p.begin, p.end - p.begin, p.value) != 0)
        return where + ": text.substr(begin, end - begin) is '" + text.text.substr(p.begin, p.end - p.begin) + "'";
      if (i > 0 && p.begin < previous_end) return where + ": overlaps or precedes the previous one";
      previous_end = p.end;
    }
    return {};
  };
  std::string problem = check(text.pii, "pii");
  if (problem.empty()) problem = check(text.decoys, "decoy");
  if (!problem.empty()) return problem;
  for (const planted_pii& p : text.pii)
    for (const planted_pii& d : text.decoys)
      if (p.begin < d.end && d.begin < p.end) return "pii " + p.value + " overlaps decoy " + d.value;
  return {};
}

std::string slot_follower_problem(std::string_view tmpl) {
  constexpr std::string_view punctuation = ",.;?)\"";
  for (std::string_view slot : {"{iban}", "{phone}", "{card}", "{dni}", "{nie}", "{ip}"}) {
    for (std::size_t at = tmpl.find(slot); at != std::string_view::npos; at = tmpl.find(slot, at + 1)) {
      const std::size_t after = at + slot.size();
      const std::string where = std::string(slot) + " at " + std::to_string(at);
      if (after >= tmpl.size()) return where + " ends the template";
      const char next = tmpl[after];
      if (next == ' ' && slot != "{iban}") {
        if (after + 1 >= tmpl.size() || !lower(tmpl[after + 1]))
          return where + " is followed by a space and no lower-case word";
        continue;
      }
      const bool guillemet = tmpl.substr(after).starts_with("»");
      if (punctuation.find(next) == std::string_view::npos && !guillemet)
        return where + " is followed by '" + std::string(1, next) + "'";
    }
  }
  return {};
}

bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    std::uint32_t cp = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    }
    if ((lead & 0xE0U) == 0xC0U) {
      extra = 1;
      cp = lead & 0x1FU;
    } else if ((lead & 0xF0U) == 0xE0U) {
      extra = 2;
      cp = lead & 0x0FU;
    } else if ((lead & 0xF8U) == 0xF0U) {
      extra = 3;
      cp = lead & 0x07U;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0U) != 0x80U) return false;
      cp = (cp << 6) | (b & 0x3FU);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    constexpr std::array<std::uint32_t, 4> minimum = {0, 0x80, 0x800, 0x10000};
    if (cp < minimum[extra] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
    i += extra + 1;
  }
  return true;
}

}  // namespace shield::payloads::testing
