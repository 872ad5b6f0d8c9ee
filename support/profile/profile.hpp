#pragma once

#include "support/profile/template_text.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shield::profile {

// How an endpoint's response body is read.
enum class response_kind {
  json,        // one JSON document
  sse,         // text/event-stream: "data:" events until an end marker or the end of the body
  text,        // opaque text
  prometheus,  // Prometheus text exposition format
};

// "json", "sse", "text", "prometheus".
std::string_view to_string(response_kind kind);
// Inverse of to_string; nullopt for an unknown name.
std::optional<response_kind> parse_response_kind(std::string_view name);

// How a server-sent-event stream is read.
struct sse_spec {
  std::optional<std::string> end_marker;  // event data that ends the stream ("[DONE]"); nullopt: the body's end
  std::optional<std::string>
      token_pointer;                 // JSON pointer to the token in each event's JSON data; nullopt: data is the token
  std::uint32_t first_token_ms = 0;  // limit on the time to the first token; 0: only the request timeout applies
};

// One endpoint of the target: how to call it and what it answers.
struct endpoint {
  std::string name;                              // [a-z0-9_]+; used in benchmark names ("anonymize/concurrency:15")
  std::string method = "GET";                    // upper-case HTTP method
  std::string path;                              // path template as written in the profile
  compiled_template path_template;               // path split at placeholders (only {session_id})
  std::optional<std::string> body_source;        // body template as compact JSON text; nullopt: no body
  compiled_template body_template;               // JSON body split at placeholders; empty when there is no body
  int expect_status = 200;                       // status a successful call returns (100-599)
  response_kind response = response_kind::json;  // how the response body is read
  std::map<std::string, std::string, std::less<>> fields;  // field name -> JSON pointer into the response
  std::optional<sse_spec> sse;                             // stream framing; set only when response is sse
  std::vector<std::string> dependencies;                   // endpoints that must run first ("requires" in the file)
  bool mixed = true;                                       // whether the `mixed` load includes it
  std::uint32_t weight = 1;                                // relative share in the `mixed` load
  std::optional<std::uint32_t> timeout_ms;                 // overrides the profile's request timeout

  bool has_body() const noexcept { return body_source.has_value(); }
  // JSON pointer of a field, or nullptr when the profile does not define it.
  const std::string* field(std::string_view field_name) const;
};

// Where a header value comes from.
enum class header_source {
  literal,      // written in the profile
  environment,  // read from an environment variable when the profile is resolved
};

// An extra request header the profile asks for.
struct header_spec {
  std::string name;                               // header field name as written
  header_source source = header_source::literal;  // where the value comes from
  std::string literal;                            // the value when source is literal
  std::string env_var;                            // variable name when source is environment
  std::string format = "{}";                      // "{}" is replaced by the variable's value ("Bearer {}")

  // Printable form for reports: environment values never appear, only the variable name.
  std::string describe() const;
};

// Defaults for how long calls may take.
struct timeout_config {
  std::uint32_t connect_ms = 5000;   // TCP (and TLS) connect limit
  std::uint32_t request_ms = 30000;  // whole request limit unless an endpoint overrides it
};

// A backend's endpoints and how to call them, loaded from a JSON profile.
struct target_profile {
  std::string name;                    // profile name ([A-Za-z0-9_.-]+)
  std::string description;             // free text for reports
  std::string source;                  // file (or source name) it was loaded from
  std::vector<header_spec> headers;    // extra headers sent with every request
  timeout_config timeouts;             // default timeouts
  std::vector<endpoint> endpoints;     // in file order
  std::vector<std::string> pii_kinds;  // PII kinds the backend is responsible for ("pii_kinds"); the loader's default:
                                       // known_pii_kinds(); empty means all
  std::string health_endpoint;         // endpoint the preflight probes ("health_endpoint"); empty: the default

  // Endpoint by name, or nullptr.
  const endpoint* find_endpoint(std::string_view endpoint_name) const;
  // Request timeout for an endpoint: its own, else the profile default.
  std::uint32_t request_timeout_ms(const endpoint& ep) const;
};

// Field names the checks read; a profile may only name these in `fields`.
const std::vector<std::string_view>& known_field_names();

// PII kinds the checks plant and judge ("email", "phone", "credit_card", "iban", "ip_address",
// "dni", "nie"); a profile's `pii_kinds` may only name these.
const std::vector<std::string>& known_pii_kinds();

// Known kinds the profile leaves out of `pii_kinds` (not checked), in known_pii_kinds() order.
std::vector<std::string> unchecked_pii_kinds(const target_profile& p);

}  // namespace shield::profile
