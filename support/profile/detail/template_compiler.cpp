#include "support/profile/detail/template_compiler.hpp"

#include "support/profile/json_text.hpp"

#include <boost/json/serialize.hpp>

#include <vector>

namespace shield::profile::detail {

namespace json = boost::json;

namespace {

// Appends literal text and slots, merging adjacent literal text into one segment.
class template_builder {
 public:
  void literal(std::string_view s) { pending_ += s; }
  void slot(placeholder p) {
    out_.segments.push_back(template_segment{std::move(pending_), p});
    pending_.clear();
  }
  compiled_template finish() {
    if (!pending_.empty() || out_.segments.empty()) out_.segments.push_back(template_segment{std::move(pending_)});
    pending_.clear();
    return std::move(out_);
  }

 private:
  compiled_template out_;  // segments completed so far
  std::string pending_;    // literal text not yet closed by a slot
};

// Characters allowed as is in a path template (RFC 3986 pchar, '/', '?', '%' escapes).
bool path_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7f) return false;
  return c != '#' && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^' && c != '`' && c != '|';
}

bool emit_value(const json::value& v, const std::string& key, error_sink& sink, template_builder& b) {
  switch (v.kind()) {
    case json::kind::object: {
      b.literal("{");
      bool first = true;
      for (const auto& member : v.get_object()) {
        if (!first) b.literal(",");
        first = false;
        b.literal(json::serialize(json::value(member.key())));
        b.literal(":");
        const std::string_view k(member.key().data(), member.key().size());
        if (!emit_value(member.value(), json_path_child(key, k), sink, b)) return false;
      }
      b.literal("}");
      return true;
    }
    case json::kind::array: {
      b.literal("[");
      const auto& arr = v.get_array();
      for (std::size_t i = 0; i < arr.size(); ++i) {
        if (i != 0) b.literal(",");
        if (!emit_value(arr[i], json_path_index(key, i), sink, b)) return false;
      }
      b.literal("]");
      return true;
    }
    case json::kind::string: {
      const auto& s = v.get_string();
      const auto pieces = split_template(std::string_view(s.data(), s.size()), body_placeholders);
      if (!pieces) return sink.fail(key, pieces.error().message);
      b.literal("\"");
      for (const auto& piece : *pieces) {
        std::string escaped;
        append_json_escaped(escaped, piece.literal);
        b.literal(escaped);
        if (piece.slot != placeholder::none) b.slot(piece.slot);
      }
      b.literal("\"");
      return true;
    }
    default:
      b.literal(json::serialize(v));
      return true;
  }
}

}  // namespace

bool compile_path(std::string_view path_text, const std::string& key, error_sink& sink, compiled_template& out) {
  if (path_text.empty() || path_text.front() != '/') {
    return sink.fail(key, "path must start with '/'");
  }
  for (std::size_t i = 0; i < path_text.size(); ++i) {
    const char c = path_text[i];
    if (c != '{' && c != '}' && !path_char(c)) {
      return sink.fail(key, "path has a character that must be percent-encoded at offset " + std::to_string(i));
    }
  }
  const auto pieces = split_template(path_text, path_placeholders);
  if (!pieces) return sink.fail(key, pieces.error().message);
  template_builder b;
  for (const auto& piece : *pieces) {
    if (piece.literal.find_first_of("{}") != std::string::npos) {
      return sink.fail(key, "a literal brace in a path must be percent-encoded (%7B, %7D)");
    }
    b.literal(piece.literal);
    if (piece.slot != placeholder::none) b.slot(piece.slot);
  }
  out = b.finish();
  return true;
}

bool compile_body(const json::value& body, const std::string& key, error_sink& sink, compiled_template& out) {
  template_builder b;
  if (!emit_value(body, key, sink, b)) return false;
  out = b.finish();
  return true;
}

}  // namespace shield::profile::detail
