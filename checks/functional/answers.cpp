#include "checks/functional/answers.hpp"

#include <boost/json/object.hpp>

#include "support/profile/json_pointer.hpp"

namespace shield::functional {
namespace {

// Reads an optional integer field of one entity element.
std::int64_t entity_int(const boost::json::value& element, const profile::endpoint& ep, std::string_view name) {
  if (!ep.field(name)) return -1;
  const auto read = profile::read_field(element, ep, name);
  if (!read) return -1;
  if ((*read)->is_int64()) return (*read)->get_int64();
  if ((*read)->is_uint64()) return static_cast<std::int64_t>((*read)->get_uint64());
  return -1;
}

std::string entity_string(const boost::json::value& element, const profile::endpoint& ep, std::string_view name) {
  if (!ep.field(name)) return {};
  const auto read = profile::read_field(element, ep, name);
  if (!read || !(*read)->is_string()) return {};
  return std::string((*read)->get_string());
}

}  // namespace

base::result<anonymize_answer> read_anonymize(const exchange& ex, const profile::endpoint& ep) {
  const auto doc = parse_json(ex.response.body);
  if (!doc) return base::fail("the answer is " + doc.error().message);
  anonymize_answer out;
  auto text = string_field(*doc, ep, "anonymized_text");
  if (!text) return text.error();
  out.anonymized_text = std::move(*text);
  if (ep.field("entities")) {
    const auto read = profile::read_field(*doc, ep, "entities");
    if (!read) return read.error();
    if (!(*read)->is_array()) return base::fail("field 'entities' of endpoint '" + ep.name + "' is not an array");
    out.has_entities = true;
    for (const auto& element : (*read)->get_array()) {
      entity e;
      e.type = entity_string(element, ep, "entity_type");
      e.placeholder = entity_string(element, ep, "entity_placeholder");
      e.start = entity_int(element, ep, "entity_start");
      e.end = entity_int(element, ep, "entity_end");
      out.entities.push_back(std::move(e));
    }
  }
  return out;
}

base::result<read_back_answer> read_read_back(const exchange& ex, const profile::endpoint& ep) {
  const auto doc = parse_json(ex.response.body);
  if (!doc) return base::fail("the answer is " + doc.error().message);
  read_back_answer out;
  if (ep.field("anonymized_text")) {
    auto text = string_field(*doc, ep, "anonymized_text");
    if (!text) return text.error();
    out.anonymized_text = std::move(*text);
  }
  const auto read = profile::read_field(*doc, ep, "mapping");
  if (!read) return read.error();
  if (!(*read)->is_object()) return base::fail("field 'mapping' of endpoint '" + ep.name + "' is not an object");
  for (const auto& kv : (*read)->get_object()) {
    if (!kv.value().is_string()) return base::fail("mapping entry '" + std::string(kv.key()) + "' is not a string");
    out.mapping.emplace_back(std::string(kv.key()), std::string(kv.value().get_string()));
  }
  return out;
}

stream_answer read_stream(const exchange& ex, const profile::endpoint& ep) {
  stream_answer out;
  const auto spec = ep.sse.value_or(profile::sse_spec{});
  out.events = ex.response.events.size();
  for (std::size_t i = 0; i < ex.response.events.size(); ++i) {
    const auto& ev = ex.response.events[i];
    if (spec.end_marker && ev.data == *spec.end_marker) {
      ++out.end_markers;
      out.marker_last = i + 1 == ex.response.events.size();
      continue;
    }
    if (out.end_markers > 0) out.problems.push_back("event after the end marker: " + truncated(ev.data, 80));
    std::string token = ev.data;
    if (spec.token_pointer) {
      const auto doc = parse_json(ev.data);
      if (!doc) {
        out.problems.push_back("event data is " + doc.error().message + ": " + truncated(ev.data, 80));
        continue;
      }
      boost::system::error_code ec;
      const auto* v = profile::find_by_pointer(*doc, *spec.token_pointer, ec);
      if (!v || !v->is_string()) {
        out.problems.push_back("no string token at \"" + *spec.token_pointer + "\" in " + truncated(ev.data, 80));
        continue;
      }
      token = std::string(v->get_string());
    }
    if (!out.first_token_ms) {
      out.first_token_ms = std::chrono::duration<double, std::milli>(ev.at - ex.response.times.start).count();
    }
    out.text += token;
    out.tokens.push_back(std::move(token));
  }
  return out;
}

}  // namespace shield::functional
