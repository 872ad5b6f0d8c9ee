#pragma once
// Finding planted PII values in what the backend returned, and undoing placeholders.
#include <string>
#include <string_view>
#include <vector>

#include "checks/functional/answers.hpp"
#include "support/payloads/planted_pii.hpp"
#include "support/payloads/session_payloads.hpp"

namespace shield::functional {

// Whether value occurs in text as a whole value: not glued to letters or digits on either side
// (so "ana@x.com" is not found inside "juana@x.com"), trailing punctuation allowed.
bool contains_value(std::string_view text, std::string_view value);

// The values of `values` that occur in text (contains_value).
std::vector<std::string> values_in(std::string_view text, const std::vector<std::string>& values);

// The pattern-detectable values planted in a text / in all texts of a session.
std::vector<std::string> pattern_values(const payloads::pii_text& text);
std::vector<std::string> pattern_values(const payloads::session_payload& session);

// Replaces every placeholder of the mapping in one left-to-right pass (longest match first).
std::string restore(std::string_view anonymized, const mapping_pairs& mapping);

// The bytes of text between code point offsets [start, end); empty when out of range.
std::string codepoint_slice(std::string_view text, std::int64_t start, std::int64_t end);

// "a, b, c" of at most `max` items, for messages.
std::string join_some(const std::vector<std::string>& items, std::size_t max = 5);

}  // namespace shield::functional
