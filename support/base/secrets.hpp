#pragma once

// Secrets never printed: the values that came from a secret (header values from environment
// variables) are registered once, and every text a program writes or prints from outside input
// (server answers quoted in messages, result files) goes through scrub().

#include <string>
#include <string_view>

namespace shield::base {

// Registers `value` (e.g. "Bearer abc" or "abc") as a secret shown as "<redacted: LABEL>"; its
// JSON-escaped form too, since answers may quote it inside JSON. Empty values are ignored.
// Thread-safe; register before starting threads that print.
void register_secret(std::string_view value, std::string_view label);

// `text` with every registered secret replaced (longest first, so "Bearer abc" wins over "abc").
std::string scrub(std::string_view text);

// Whether any secret is registered (lets hot paths skip the copy).
bool have_secrets() noexcept;

}  // namespace shield::base
