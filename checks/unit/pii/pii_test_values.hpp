#pragma once
// Test-side generators of valid PII values. The check digits are computed here with code written
// independently of the library's, so a shared mistake cannot make a test pass.
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace shield::backend::testing {

inline bool digit(char c) { return c >= '0' && c <= '9'; }

// Luhn by the textbook rule: from the right, every second digit doubled, digits of products summed.
inline bool test_luhn_ok(std::string_view number) {
  int total = 0;
  const int n = static_cast<int>(number.size());
  for (int i = 0; i < n; ++i) {
    int d = number[static_cast<std::size_t>(n - 1 - i)] - '0';
    if (i % 2 == 1) {
      d *= 2;
      d = d / 10 + d % 10;
    }
    total += d;
  }
  return n > 0 && total % 10 == 0;
}

// Appends the one check digit (found by trying all ten) that makes the number Luhn-valid.
inline std::string complete_luhn(std::string payload) {
  for (char c = '0'; c <= '9'; ++c)
    if (test_luhn_ok(payload + c)) return payload + c;
  return {};
}

// ISO 13616 remainder: rearranged, letters expanded to two digits, reduced in 9-digit chunks.
inline int test_iban_remainder(std::string_view iban) {
  std::string rearranged = std::string(iban.substr(4)) + std::string(iban.substr(0, 4));
  std::string numeric;
  for (char c : rearranged) numeric += digit(c) ? std::string(1, c) : std::to_string(c - 'A' + 10);
  long long rem = 0;
  for (std::size_t i = 0; i < numeric.size(); i += 9) {
    std::string chunk = std::to_string(rem) + numeric.substr(i, 9);
    rem = std::stoll(chunk) % 97;
  }
  return static_cast<int>(rem);
}

// Country + check digits + BBAN, the check digits found by trying every legal pair 02..98.
inline std::string make_iban(std::string_view country, std::string_view bban) {
  for (int check = 2; check <= 98; ++check) {
    std::string candidate = std::string(country) + char('0' + check / 10) + char('0' + check % 10) + std::string(bban);
    if (test_iban_remainder(candidate) == 1) return candidate;
  }
  return {};
}

// "ES91..." -> "ES91 2100 0418 ..." (print format, groups of four).
inline std::string group_by_four(std::string_view compact, char sep = ' ') {
  std::string out;
  for (std::size_t i = 0; i < compact.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += sep;
    out += compact[i];
  }
  return out;
}

// Control letter of the official Spanish table ("TRWAGMYFPDXBNJZSQVHLCKE").
inline char test_id_letter(std::uint64_t number) {
  static constexpr char table[] = "TRWAGMYFPDXBNJZSQVHLCKE";
  return table[number % 23];
}

// Random digits; the first one from `first_digits`.
inline std::string random_digits(std::mt19937_64& rng, std::size_t count,
                                 std::string_view first_digits = "0123456789") {
  std::string out;
  std::uniform_int_distribution<int> any(0, 9);
  std::uniform_int_distribution<std::size_t> pick(0, first_digits.size() - 1);
  for (std::size_t i = 0; i < count; ++i) out += i == 0 ? first_digits[pick(rng)] : char('0' + any(rng));
  return out;
}

inline std::string random_card(std::mt19937_64& rng, std::size_t length) {
  return complete_luhn(random_digits(rng, length - 1, "3456"));
}

inline std::string random_dni(std::mt19937_64& rng) {
  std::string digits = random_digits(rng, 8);
  return digits + test_id_letter(std::stoull(digits));
}

inline std::string random_nie(std::mt19937_64& rng) {
  static constexpr char prefixes[] = "XYZ";
  std::uniform_int_distribution<int> pick(0, 2);
  int p = pick(rng);
  std::string digits = random_digits(rng, 7);
  return std::string(1, prefixes[p]) + digits + test_id_letter(std::stoull(std::to_string(p) + digits));
}

inline std::string random_spanish_iban(std::mt19937_64& rng) { return make_iban("ES", random_digits(rng, 20)); }

// Changes the digit at a random digit position (from index `from` on) to a different digit.
inline std::string mutate_one_digit(std::mt19937_64& rng, std::string value, std::size_t from = 0) {
  std::vector<std::size_t> positions;
  for (std::size_t i = from; i < value.size(); ++i)
    if (digit(value[i])) positions.push_back(i);
  std::uniform_int_distribution<std::size_t> pick(0, positions.size() - 1);
  std::uniform_int_distribution<int> delta(1, 9);
  std::size_t at = positions[pick(rng)];
  value[at] = char('0' + (value[at] - '0' + delta(rng)) % 10);
  return value;
}

}  // namespace shield::backend::testing
