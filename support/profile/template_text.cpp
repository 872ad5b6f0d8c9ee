#include "support/profile/template_text.hpp"

#include <algorithm>
#include <array>

namespace shield::profile {

namespace {

struct placeholder_name {
  std::string_view name;  // text between the braces
  placeholder value;      // what it stands for
};

constexpr std::array<placeholder_name, 2> known_placeholders{{
    {"session_id", placeholder::session_id},
    {"text", placeholder::text},
}};

std::string allowed_list(placeholder_set allowed) {
  std::string out;
  for (const auto& p : known_placeholders) {
    if ((allowed & placeholder_bit(p.value)) == 0) continue;
    if (!out.empty()) out += ", ";
    out += '{';
    out += p.name;
    out += '}';
  }
  return out.empty() ? std::string("none") : out;
}

}  // namespace

std::string_view placeholder_token(placeholder p) {
  switch (p) {
    case placeholder::session_id:
      return "{session_id}";
    case placeholder::text:
      return "{text}";
    case placeholder::none:
      break;
  }
  return "";
}

bool compiled_template::uses(placeholder p) const {
  return std::any_of(segments.begin(), segments.end(), [p](const template_segment& s) { return s.slot == p; });
}

base::result<std::vector<template_piece>> split_template(std::string_view text, placeholder_set allowed) {
  std::vector<template_piece> out;
  template_piece current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '}') {
      // A lone '}' is as suspicious as a lone '{': require "}}" for a literal brace.
      if (i + 1 < text.size() && text[i + 1] == '}') {
        current.literal += '}';
        ++i;
        continue;
      }
      return base::fail("unbalanced '}' at offset " + std::to_string(i) + " (write \"}}\" for a literal brace)");
    }
    if (c != '{') {
      current.literal += c;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '{') {
      current.literal += '{';
      ++i;
      continue;
    }
    const std::size_t close = text.find('}', i + 1);
    if (close == std::string_view::npos) {
      return base::fail("unterminated placeholder at offset " + std::to_string(i) +
                        " (write \"{{\" for a literal brace)");
    }
    const std::string_view name = text.substr(i + 1, close - i - 1);
    const auto known = std::find_if(known_placeholders.begin(), known_placeholders.end(),
                                    [name](const placeholder_name& p) { return p.name == name; });
    if (known == known_placeholders.end()) {
      return base::fail("unknown placeholder {" + std::string(name) + "} (allowed here: " + allowed_list(allowed) +
                        ")");
    }
    if ((allowed & placeholder_bit(known->value)) == 0) {
      return base::fail("placeholder {" + std::string(name) +
                        "} is not allowed here (allowed here: " + allowed_list(allowed) + ")");
    }
    current.slot = known->value;
    out.push_back(std::move(current));
    current = template_piece{};
    i = close;
  }
  if (!current.literal.empty() || out.empty()) out.push_back(std::move(current));
  return out;
}

void append_json_escaped(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 0x0f];
        } else {
          // UTF-8 bytes pass through: JSON text is UTF-8.
          out += ch;
        }
    }
  }
}

void append_percent_encoded(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0x0f];
    }
  }
}

}  // namespace shield::profile
