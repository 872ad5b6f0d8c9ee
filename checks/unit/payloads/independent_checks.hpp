#pragma once
// Re-checks of generated values written differently from the library's checksum code, so a
// mistake in one does not hide in the other.
#include "support/payloads/planted_pii.hpp"

#include <string>
#include <string_view>

namespace shield::payloads::testing {

// Luhn from the left with the table of doubled-digit sums (the library doubles from the right).
bool luhn_by_table(std::string_view digits);

// Digits of `text` with spaces and dashes removed; empty if anything else is found.
std::string strip_separators(std::string_view text);

// IBAN remainder computed over the whole rearranged numeric string in 7-digit chunks (the library
// feeds one character at a time); -1 on a bad character.
int iban_remainder_whole(std::string_view compact);

// Control letter by long division over the decimal digits (the library parses an integer).
char id_letter_by_division(std::string_view digits);

// Four decimal octets 0..255 without leading zeros, parsed by splitting on dots.
bool ipv4_by_split(std::string_view ip);

// True when `value` is valid for its kind under the checks above (and a plausible shape for
// e-mails, phones and names).
bool independently_valid(pii_kind kind, std::string_view value);

// Canonical form for cross-session comparison: digits/letters only, upper-case; phones keep the
// last nine digits.
std::string canonical(pii_kind kind, std::string_view value);

// Empty when every planted value (and decoy) sits at its offsets, in order, without overlap;
// otherwise what is wrong.
std::string offsets_problem(const pii_text& text);

// Empty when, in a template, every number-like slot ({iban} {phone} {card} {dni} {nie} {ip}) is
// followed by punctuation or by a space and a lower-case word (IBANs: punctuation only), so no
// detector can read the entity as running on; otherwise the offending slot.
std::string slot_follower_problem(std::string_view tmpl);

// Well-formed UTF-8 (no overlong forms, surrogates or truncated sequences).
bool valid_utf8(std::string_view text);

}  // namespace shield::payloads::testing
