#pragma once
// Reads the answers of the anonymizer, the read-back and the stream through the profile's fields.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checks/functional/check_http.hpp"

namespace shield::functional {

// One detected entity as the anonymizer reports it; absent fields keep their defaults.
struct entity {
  std::string type;         // entity_type, empty when the profile has none
  std::string placeholder;  // entity_placeholder, empty when the profile has none
  std::int64_t start = -1;  // entity_start (code points), -1 when absent
  std::int64_t end = -1;    // entity_end (code points), -1 when absent
};

// An anonymizer answer.
struct anonymize_answer {
  std::string anonymized_text;   // the text with PII replaced
  std::vector<entity> entities;  // empty when the profile has no entities field
  bool has_entities = false;     // the profile names an entities field (and it was read)
};

// Placeholder -> original pairs, in answer order.
using mapping_pairs = std::vector<std::pair<std::string, std::string>>;

// A read-back answer.
struct read_back_answer {
  std::optional<std::string> anonymized_text;  // set when the profile names the field
  mapping_pairs mapping;                       // the session's mapping
};

// Reads an anonymizer answer (status already checked by the caller), or says why it cannot.
base::result<anonymize_answer> read_anonymize(const exchange& ex, const profile::endpoint& ep);

// Reads a read-back answer, or says why it cannot.
base::result<read_back_answer> read_read_back(const exchange& ex, const profile::endpoint& ep);

// What a server-sent-event stream held, framed by the profile's sse spec.
struct stream_answer {
  std::vector<std::string> tokens;       // tokens of the events before the end marker
  std::string text;                      // tokens concatenated
  std::size_t end_markers = 0;           // events whose data is the end marker
  bool marker_last = false;              // the last event is the end marker
  std::size_t events = 0;                // events received
  std::optional<double> first_token_ms;  // request start to the first token event
  std::vector<std::string> problems;     // malformed events (data not JSON, no token at the pointer)
};

// Reads the events of a stream answer.
stream_answer read_stream(const exchange& ex, const profile::endpoint& ep);

}  // namespace shield::functional
