#pragma once

// Shared by the profile unit tests: a small valid profile to mutate, and a rejection assertion.

#include "support/profile/loader.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace shield::profile::test {

// Source name used in messages, so assertions can look for it.
inline constexpr const char* bad_source = "bad.json";

// A valid two-endpoint profile: `create` (POST with body and fields), `read` (GET, requires create).
inline boost::json::value valid_document() {
  return boost::json::parse(R"({
      "name": "tiny",
      "description": "test profile",
      "headers": {"X-Client": "tests", "Authorization": {"env": "TINY_TOKEN", "format": "Bearer {}"}},
      "timeouts": {"connect_ms": 1000, "request_ms": 2000},
      "endpoints": [
        {"name": "create", "method": "POST", "path": "/items",
         "body": {"text": "{text}", "session_id": "{session_id}"},
         "response": "json", "expect_status": 201,
         "fields": {"session_id": "/id", "entities": "/entities", "entity_type": "/type"}},
        {"name": "read", "method": "GET", "path": "/items/{session_id}", "requires": "create",
         "response": "json", "mixed": false},
        {"name": "stream", "method": "POST", "path": "/stream", "body": {"m": "{text}"},
         "response": "sse", "sse": {"end_marker": "[DONE]", "token": "/token", "first_token_ms": 500}}
      ]
    })");
}

// The valid document after `change`, as JSON text.
inline std::string mutated(const std::function<void(boost::json::object&)>& change) {
  boost::json::value doc = valid_document();
  change(doc.as_object());
  return boost::json::serialize(doc);
}

// The n-th endpoint object of a document.
inline boost::json::object& endpoint_at(boost::json::object& doc, std::size_t n) {
  return doc.at("endpoints").as_array().at(n).as_object();
}

// Asserts that text is rejected with an error on `key` whose message names the file, the key and `reason`.
inline void expect_rejected(const std::string& text, const std::string& key, const std::string& reason) {
  const auto loaded = parse_profile(text, bad_source);
  ASSERT_FALSE(loaded.has_value()) << "accepted: " << text;
  // "source: key: reason": the file, then exactly the key, then the reason.
  const std::string message = loaded.error().message;
  const std::string where = std::string(bad_source) + ": " + (key.empty() ? "" : key + ": ");
  EXPECT_TRUE(message.starts_with(where)) << message;
  EXPECT_NE(message.find(reason, where.size()), std::string::npos) << message;
}

}  // namespace shield::profile::test
