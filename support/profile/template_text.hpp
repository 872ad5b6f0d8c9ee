#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/base/result.hpp"

namespace shield::profile {

// A value substituted into a template at render time.
enum class placeholder {
  none,        // no substitution (a segment that is only literal text)
  session_id,  // "{session_id}": the session id of the request
  text,        // "{text}": generated PII text
};

// "{session_id}" for placeholder::session_id, and so on; "" for none.
std::string_view placeholder_token(placeholder p);

// One piece of a compiled template: literal text, then (optionally) a substitution.
struct template_segment {
  std::string literal;                   // emitted as is (already escaped for the target syntax)
  placeholder slot = placeholder::none;  // substituted after the literal, escaped for the target syntax
};

// A template split once at load time, so rendering is concatenation only.
struct compiled_template {
  std::vector<template_segment> segments;  // in output order
  bool uses(placeholder p) const;          // whether any segment substitutes p
};

// A piece of a template string before escaping: literal text followed by an optional placeholder.
struct template_piece {
  std::string literal;                   // unescaped literal text ("{{" already turned into "{")
  placeholder slot = placeholder::none;  // placeholder following the literal
};

// Allowed placeholders, as a bit set of (1 << placeholder).
using placeholder_set = unsigned;
constexpr placeholder_set placeholder_bit(placeholder p) { return 1u << static_cast<unsigned>(p); }
constexpr placeholder_set path_placeholders = placeholder_bit(placeholder::session_id);
constexpr placeholder_set body_placeholders =
    placeholder_bit(placeholder::session_id) | placeholder_bit(placeholder::text);

// Splits a template string: "{name}" is a placeholder, "{{" and "}}" are literal braces. The
// failure says why not (unknown or disallowed placeholder, unbalanced brace).
base::result<std::vector<template_piece>> split_template(std::string_view text, placeholder_set allowed);

// Appends s escaped for the inside of a JSON string (quotes, backslashes, control characters).
void append_json_escaped(std::string& out, std::string_view s);

// Appends s percent-encoded for a URI path segment (only unreserved characters stay as they are).
void append_percent_encoded(std::string& out, std::string_view s);

}  // namespace shield::profile
