// Bad input: malformed or incomplete requests get a 4xx with a JSON error, never a 5xx, and the
// backend stays healthy.
#include <boost/json.hpp>

#include <ostream>

#include "checks/functional/check_test.hpp"
#include "support/profile/json_pointer.hpp"

namespace shield::functional {
namespace {

enum class bad_kind {
  malformed_json,
  missing_text,
  text_not_a_string,
  empty_text,
  oversized_body,
  wrong_method,
  unknown_session
};

std::string_view to_string(bad_kind k) {
  switch (k) {
    case bad_kind::malformed_json:
      return "malformed_json";
    case bad_kind::missing_text:
      return "missing_text";
    case bad_kind::text_not_a_string:
      return "text_not_a_string";
    case bad_kind::empty_text:
      return "empty_text";
    case bad_kind::oversized_body:
      return "oversized_body";
    case bad_kind::wrong_method:
      return "wrong_method";
    case bad_kind::unknown_session:
      return "unknown_session";
  }
  return "?";
}

// One bad request against one endpoint.
struct bad_case {
  std::string endpoint;                      // profile endpoint name
  bad_kind kind = bad_kind::malformed_json;  // what is wrong with the request
  std::string name() const { return endpoint + "_" + std::string(to_string(kind)); }
  friend void PrintTo(const bad_case& c, std::ostream* os) { *os << c.name(); }
};

// Bodies above this are "oversized" (DESIGN.md: over 1 MiB gets 413).
constexpr std::size_t oversized_text_bytes = 1024 * 1024 + 64 * 1024;
// Stands for the text in a rendered body, so the field holding it can be found.
constexpr std::string_view text_marker = "shield-checks-text-marker";

std::vector<bad_case> bad_cases() {
  std::vector<bad_case> out;
  for (const auto& ep : client::current_target().profile.endpoints) {
    if (takes_text(ep)) {
      for (auto k : {bad_kind::malformed_json, bad_kind::missing_text, bad_kind::text_not_a_string,
                     bad_kind::empty_text, bad_kind::oversized_body})
        out.push_back({ep.name, k});
    }
    out.push_back({ep.name, bad_kind::wrong_method});
    if (path_has_session(ep) && !ep.has_body()) out.push_back({ep.name, bad_kind::unknown_session});
  }
  return out;
}

// Replaces (or with replacement == nullptr removes) every member whose string value holds the marker.
void rewrite_text_members(boost::json::value& v, const boost::json::value* replacement) {
  if (v.is_object()) {
    auto& obj = v.get_object();
    std::vector<std::string> hits;
    for (auto& kv : obj) {
      if (kv.value().is_string() &&
          std::string_view(kv.value().get_string()).find(text_marker) != std::string_view::npos)
        hits.emplace_back(kv.key());
      else
        rewrite_text_members(kv.value(), replacement);
    }
    for (const auto& key : hits) {
      if (replacement)
        obj[key] = *replacement;
      else
        obj.erase(key);
    }
  } else if (v.is_array()) {
    for (auto& e : v.get_array()) rewrite_text_members(e, replacement);
  }
}

// A method the profile does not use on this path (POST for GET endpoints, GET otherwise).
std::string other_method(const profile::target_profile& p, const profile::endpoint& ep) {
  const std::vector<std::string> candidates = ep.method == "GET" ? std::vector<std::string>{"POST", "PUT", "PATCH"}
                                                                 : std::vector<std::string>{"GET", "PUT", "PATCH"};
  for (const auto& m : candidates) {
    bool used = false;
    for (const auto& other : p.endpoints) used = used || (other.path == ep.path && other.method == m);
    if (!used) return m;
  }
  return "PATCH";
}

class BadInput : public CheckTest, public ::testing::WithParamInterface<bad_case> {
 protected:
  // The bad request for this case.
  http::request build(const profile::endpoint& ep, bad_kind kind) {
    const auto session = session_name("badinput", 0);
    auto req = make_request(target(), ep, session, text_marker);
    switch (kind) {
      case bad_kind::malformed_json:
        req.body = req.body.size() > 1 ? req.body.substr(0, req.body.size() - 1) : "{";
        break;
      case bad_kind::missing_text:
      case bad_kind::text_not_a_string: {
        auto doc = parse_json(req.body);
        if (!doc || !doc->is_object()) {
          req.body = "{}";
          break;
        }
        const boost::json::value number = 42;
        rewrite_text_members(*doc, kind == bad_kind::missing_text ? nullptr : &number);
        req.body = boost::json::serialize(*doc);
        break;
      }
      case bad_kind::empty_text:
        req = make_request(target(), ep, session, "");
        break;
      case bad_kind::oversized_body:
        req = make_request(target(), ep, session, std::string(oversized_text_bytes, 'a'));
        break;
      case bad_kind::wrong_method:
        req.method = other_method(profile(), ep);
        req.body = req.method == "GET" ? "" : "{}";
        break;
      case bad_kind::unknown_session:
        req = make_request(target(), ep, session_name("never-created", 0), "");
        break;
    }
    return req;
  }
};

TEST_P(BadInput, AnswersA4xxWithAJsonErrorAndStaysHealthy) {
  const auto& c = GetParam();
  const auto* ep = profile().find_endpoint(c.endpoint);
  ASSERT_NE(ep, nullptr);
  auto client = make_client();
  const auto ex = send(client, build(*ep, c.kind));
  const int status = ex.response.status;
  const std::string what = std::string(to_string(c.kind)) + " on '" + ep->name + "'";

  // Empty text may be valid input: then it must succeed as usual; otherwise it is rejected.
  const bool accepted_empty = c.kind == bad_kind::empty_text && status == ep->expect_status;
  if (status >= 500) {
    ADD_FAILURE() << broke(what + " must get a 4xx, never a 5xx", ex);
  } else if (!accepted_empty) {
    EXPECT_TRUE(status >= 400 && status < 500) << broke(what + " must get a 4xx", ex);
    if (status >= 400 && status < 500) {
      const auto doc = parse_json(ex.response.body);
      EXPECT_TRUE(doc && doc->is_object()) << broke(what + ": a 4xx carries a JSON error object", ex);
      if (doc && ep->field("error")) {
        const auto read = profile::read_field(*doc, *ep, "error");
        EXPECT_TRUE(read) << broke(what + ": the 4xx body has the profile's error field: " + read.error().message, ex);
      }
    }
  } else if (ep->response == profile::response_kind::json && ep->field("anonymized_text")) {
    const auto answer = read_anonymize(ex, *ep);
    ASSERT_TRUE(answer) << broke("accepted empty text gets a well-formed answer: " + answer.error().message, ex);
    EXPECT_EQ(answer->anonymized_text, "") << broke("empty text anonymizes to empty text", ex);
  }

  // Still healthy, on a fresh connection (a 413 or a 4xx may close the old one).
  const auto* health = roles().health;
  ASSERT_NE(health, nullptr) << missing_role(profile(), "health (GET without path parameters)");
  auto probe = make_client();
  const auto after = call(probe, *health, "", "");
  EXPECT_EQ(after.response.status, health->expect_status)
      << broke("the backend stays healthy after " + what + " (" + ex.describe() + ")", after);
}

INSTANTIATE_TEST_SUITE_P(Profile, BadInput, ::testing::ValuesIn(bad_cases()),
                         [](const ::testing::TestParamInfo<bad_case>& param_info) { return param_info.param.name(); });

}  // namespace
}  // namespace shield::functional
