#pragma once
// What a run sends: a pool of ready-made requests, picked in order by sequence number, and the
// facts about their endpoints that the engine needs (names, stream framing).

#include "support/base/result.hpp"
#include "support/http/request.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shield::load {

// An endpoint as the engine sees it.
struct workload_endpoint {
  std::string name;                       // profile name, e.g. "anonymize"
  bool stream = false;                    // the body is a text/event-stream to measure
  std::optional<std::string> end_marker;  // event data that ends a stream ("[DONE]"); nullopt: the body's end
  std::optional<std::string>
      token_pointer;  // JSON pointer to the token in an event's data; nullopt: the data is the token
};

// One request ready to send, tagged with its endpoint.
struct planned_request {
  http::request request;       // rendered once before the run; sent as is
  std::uint32_t endpoint = 0;  // index into workload::endpoints
};

// The requests of one case (one endpoint, or the weighted `mixed` interleaving of several).
struct workload {
  std::string name;                          // case endpoint name, e.g. "anonymize" or "mixed"
  std::vector<workload_endpoint> endpoints;  // every endpoint the pool uses
  std::vector<planned_request> pool;         // request k of a run is pool[k % pool.size()]

  // The request with sequence number `seq`; the pool must not be empty.
  const planned_request& pick(std::uint64_t seq) const { return pool[seq % pool.size()]; }
  // True when some endpoint streams (the run then reports streaming measures).
  bool has_stream() const;
  // Whether the workload can run; the failure says why not (empty pool, bad endpoint index).
  base::result<void> check() const;
};

}  // namespace shield::load
