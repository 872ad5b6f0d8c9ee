#include "support/profile/render.hpp"

namespace shield::profile {

namespace {

// Concatenates the segments, escaping substituted values with `escape`.
template <class Escape>
std::string render(const compiled_template& t, std::string_view session_id, std::string_view text, Escape escape) {
  std::size_t size = 0;
  for (const auto& seg : t.segments) {
    size += seg.literal.size();
    if (seg.slot == placeholder::session_id) size += session_id.size();
    if (seg.slot == placeholder::text) size += text.size();
  }
  std::string out;
  out.reserve(size + size / 8);
  for (const auto& seg : t.segments) {
    out += seg.literal;
    if (seg.slot == placeholder::session_id) escape(out, session_id);
    if (seg.slot == placeholder::text) escape(out, text);
  }
  return out;
}

}  // namespace

std::string render_path(const endpoint& ep, std::string_view session_id) {
  return render(ep.path_template, session_id, {}, append_percent_encoded);
}

std::string render_body(const endpoint& ep, std::string_view session_id, std::string_view text) {
  if (!ep.has_body()) return {};
  return render(ep.body_template, session_id, text, append_json_escaped);
}

}  // namespace shield::profile
