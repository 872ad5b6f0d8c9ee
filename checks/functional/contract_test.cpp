// Contract: every endpoint answers with the status, content type and body shape its profile entry describes.
#include <boost/json.hpp>

#include "checks/functional/check_test.hpp"
#include "support/payloads/sentence_templates.hpp"
#include "support/payloads/value_generator.hpp"
#include "support/profile/json_pointer.hpp"
#include "checks/functional/pii_search.hpp"
#include "support/prom/exposition_parser.hpp"

namespace shield::functional {
namespace {

// Names of the profile's endpoints (read when GoogleTest registers the tests, after main() set the target).
std::vector<std::string> profile_endpoint_names() {
  std::vector<std::string> names;
  for (const auto& ep : client::current_target().profile.endpoints) names.push_back(ep.name);
  return names;
}

class Contract : public CheckTest, public ::testing::WithParamInterface<std::string> {};

// The media types each response kind may come as.
bool media_type_fits(profile::response_kind kind, const std::string& type) {
  switch (kind) {
    case profile::response_kind::json:
      return type == "application/json" || (type.size() > 5 && type.ends_with("+json"));
    case profile::response_kind::sse:
      return type == "text/event-stream";
    case profile::response_kind::prometheus:
      return type == "text/plain" || type == "application/openmetrics-text";
    case profile::response_kind::text:
      return type.starts_with("text/");
  }
  return false;
}

bool is_integer(const boost::json::value& v) { return v.is_int64() || v.is_uint64(); }

// Checks one entity element against the profile's entity_* pointers; empty when it fits.
std::string entity_problem(const boost::json::value& element, const profile::endpoint& ep) {
  for (const char* name : {"entity_type", "entity_placeholder"}) {
    if (!ep.field(name)) continue;
    const auto read = profile::read_field(element, ep, name);
    if (!read) return read.error().message;
    if (!(*read)->is_string()) return std::string(name) + " is not a string";
  }
  std::int64_t bounds[2] = {0, 0};
  int i = 0;
  for (const char* name : {"entity_start", "entity_end"}) {
    if (!ep.field(name)) return {};
    const auto read = profile::read_field(element, ep, name);
    if (!read) return read.error().message;
    if (!is_integer(**read)) return std::string(name) + " is not an integer";
    bounds[i++] = (*read)->is_int64() ? (*read)->get_int64() : static_cast<std::int64_t>((*read)->get_uint64());
  }
  if (bounds[0] < 0 || bounds[1] <= bounds[0]) return "entity offsets are not 0 <= start < end";
  return {};
}

// Checks every field the profile names for a JSON answer; empty when all fit.
std::string json_shape_problem(const boost::json::value& doc, const profile::endpoint& ep, std::string_view session) {
  for (const auto& [name, pointer] : ep.fields) {
    // Entity fields live inside each entity; `error` only in error answers.
    if (name.starts_with("entity_") || name == "error") continue;
    const auto read = profile::read_field(doc, ep, name);
    if (!read) return read.error().message;
    const auto& v = **read;
    if (name == "entities") {
      if (!v.is_array()) return "entities is not an array";
      for (const auto& element : v.get_array()) {
        if (auto p = entity_problem(element, ep); !p.empty())
          return "entity " + boost::json::serialize(element) + ": " + p;
      }
    } else if (name == "mapping") {
      if (!v.is_object()) return "mapping is not an object";
      for (const auto& kv : v.get_object()) {
        if (!kv.value().is_string()) return "mapping value of " + std::string(kv.key()) + " is not a string";
      }
    } else if (!v.is_string()) {
      return name + " (\"" + pointer + "\") is not a string";
    } else if (name == "session_id" && !session.empty() && v.get_string() != session) {
      return "session_id is '" + std::string(v.get_string()) + "', not the session sent";
    }
  }
  return {};
}

TEST_P(Contract, AnswersAsTheProfileDescribes) {
  const auto* ep = profile().find_endpoint(GetParam());
  ASSERT_NE(ep, nullptr);
  payloads::value_generator gen(concern_seed("contract/" + ep->name));
  const auto text = payloads::random_paragraph(gen, payloads::language::english, 2).text;
  const auto session = session_name("contract", 0);
  auto client = make_client();
  const auto exchanges = call_with_requirements(client, *ep, session, text);
  const auto& ex = exchanges.back();
  const auto requirements = requirements_of(profile(), *ep);
  if (exchanges.size() <= requirements.size()) {
    FAIL() << broke("requirement '" + requirements[exchanges.size() - 1]->name + "' of '" + ep->name +
                        "' must answer its expect_status",
                    ex);
  }

  ASSERT_EQ(ex.response.status, ep->expect_status)
      << broke("status must be the profile's expect_status " + std::to_string(ep->expect_status), ex);
  const auto type = media_type(ex.response);
  EXPECT_TRUE(media_type_fits(ep->response, type))
      << broke("Content-Type must fit response kind '" + std::string(profile::to_string(ep->response)) + "'", ex);

  switch (ep->response) {
    case profile::response_kind::json: {
      const auto doc = parse_json(ex.response.body);
      ASSERT_TRUE(doc) << broke("a json endpoint answers JSON: " + doc.error().message, ex);
      const bool sends_session = takes_text(*ep) || path_has_session(*ep);
      const auto problem = json_shape_problem(*doc, *ep, sends_session ? session : "");
      EXPECT_TRUE(problem.empty()) << broke("every field the profile names is there with its type: " + problem, ex);
      break;
    }
    case profile::response_kind::sse: {
      const auto stream = read_stream(ex, *ep);
      EXPECT_TRUE(stream.problems.empty())
          << broke("every event carries a token as the profile's sse spec says: " + join_some(stream.problems, 3), ex);
      EXPECT_FALSE(stream.tokens.empty()) << broke("a stream carries at least one token", ex);
      break;
    }
    case profile::response_kind::prometheus: {
      const auto ct = ex.response.header_value("Content-Type");
      const auto format = prom::format_from_content_type(ct).value_or(prom::exposition_format::prometheus_text);
      const auto parsed = prom::parse_exposition(ex.response.body, format);
      EXPECT_TRUE(parsed.ok()) << broke("the exposition parses without format errors: " +
                                            (parsed.ok() ? std::string() : parsed.errors.front().message),
                                        ex);
      EXPECT_FALSE(parsed.families.empty()) << broke("the exposition holds metric families", ex);
      break;
    }
    case profile::response_kind::text:
      EXPECT_FALSE(ex.response.body.empty()) << broke("a text endpoint answers a body", ex);
      break;
  }
}

INSTANTIATE_TEST_SUITE_P(Profile, Contract, ::testing::ValuesIn(profile_endpoint_names()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) { return param_info.param; });

}  // namespace
}  // namespace shield::functional
