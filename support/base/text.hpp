#pragma once

// ASCII text helpers shared by the parsers: locale-free, so "I" lowers to "i" whatever the locale.

#include <string>
#include <string_view>

namespace shield::base {

// Space, tab, CR and LF: what trim() and is_blank() skip unless told otherwise.
inline constexpr std::string_view whitespace = " \t\r\n";

// '0'..'9' only (std::isdigit takes an int and depends on the locale).
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// 'A'..'Z' becomes 'a'..'z'; every other byte stays.
constexpr char to_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Lower-case copy of text (ASCII letters only).
std::string to_lower(std::string_view text);

// Equal ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b) noexcept;

// text without leading and trailing characters from `blanks`.
std::string_view trim(std::string_view text, std::string_view blanks = whitespace) noexcept;

// Empty or only characters from `blanks`.
bool is_blank(std::string_view text, std::string_view blanks = whitespace) noexcept;

// Levenshtein distance (insertions, deletions, substitutions of bytes), for "did you mean" hints on
// misspelled flags, keys and metric names.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace shield::base
