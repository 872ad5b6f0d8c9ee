#include "support/load/workload_builder.hpp"

#include "support/profile/dependencies.hpp"
#include "support/profile/render.hpp"

#include <algorithm>
#include <numeric>
#include <set>

namespace shield::load {

namespace {

workload_endpoint describe(const profile::endpoint& ep) {
  workload_endpoint out;
  out.name = ep.name;
  out.stream = ep.response == profile::response_kind::sse;
  if (ep.sse) {
    out.end_marker = ep.sse->end_marker;
    out.token_pointer = ep.sse->token_pointer;
  }
  return out;
}

const std::string& cycled(const std::vector<std::string>& values, std::size_t i) { return values[i % values.size()]; }

// Renders the `i`-th request of `ep` (its text and session chosen by i).
http::request render(const profile::endpoint& ep, std::size_t i, const workload_inputs& in) {
  const bool stream = ep.response == profile::response_kind::sse;
  const auto& texts = stream && !in.prompts.empty() ? in.prompts : in.texts;
  const std::string& session = cycled(in.session_ids, i);
  http::request req;
  req.method = ep.method;
  req.target = profile::render_path(ep, session);
  if (ep.has_body()) req.body = profile::render_body(ep, session, cycled(texts, i));
  req.headers = in.headers;
  req.expected_status = ep.expect_status;
  if (in.timeout) {
    req.timeout = *in.timeout;
  } else if (ep.timeout_ms) {
    req.timeout = std::chrono::milliseconds(*ep.timeout_ms);
  }
  // The engine judges by status (and stream framing): nothing else is kept.
  req.keep_headers = false;
  req.keep_body = false;
  req.keep_events = false;
  return req;
}

base::result<void> check_inputs(const workload_inputs& in) {
  if (in.texts.empty()) return base::fail("no texts to send");
  if (in.session_ids.empty()) return base::fail("no session ids to send");
  if (in.pool_size == 0) return base::fail("pool size must be at least 1");
  return {};
}

}  // namespace

std::vector<std::uint32_t> weighted_deck(const std::vector<std::uint32_t>& weights, std::size_t max_slots) {
  std::vector<std::uint64_t> w(weights.begin(), weights.end());
  std::uint64_t g = 0;
  for (auto v : w) g = std::gcd(g, v);
  if (g == 0) return {};
  for (auto& v : w) v /= g;
  std::uint64_t total = std::accumulate(w.begin(), w.end(), std::uint64_t{0});
  if (max_slots < w.size()) max_slots = w.size();
  if (total > max_slots) {
    // Scale down, keeping every endpoint at least once.
    for (auto& v : w) v = std::max<std::uint64_t>(1, v * max_slots / total);
    total = std::accumulate(w.begin(), w.end(), std::uint64_t{0});
  }
  std::vector<std::int64_t> current(w.size(), 0);
  std::vector<std::uint32_t> deck;
  deck.reserve(total);
  for (std::uint64_t step = 0; step < total; ++step) {
    std::size_t best = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
      current[i] += static_cast<std::int64_t>(w[i]);
      if (current[i] > current[best]) best = i;
    }
    current[best] -= static_cast<std::int64_t>(total);
    deck.push_back(static_cast<std::uint32_t>(best));
  }
  return deck;
}

base::result<workload> build_endpoint_workload(const profile::target_profile& profile, std::string_view name,
                                               const workload_inputs& in) {
  const profile::endpoint* ep = profile.find_endpoint(name);
  if (ep == nullptr) {
    return base::fail("profile '" + profile.name + "' has no endpoint '" + std::string(name) + "'");
  }
  if (auto usable = check_inputs(in); !usable) {
    return base::fail(std::string(name) + ": " + usable.error().message);
  }
  workload w;
  w.name = ep->name;
  w.endpoints.push_back(describe(*ep));
  w.pool.reserve(in.pool_size);
  for (std::size_t i = 0; i < in.pool_size; ++i) w.pool.push_back({render(*ep, i, in), 0});
  return w;
}

std::vector<const profile::endpoint*> mixed_endpoints(const profile::target_profile& profile) {
  std::vector<const profile::endpoint*> out;
  for (const auto& ep : profile.endpoints) {
    if (ep.mixed) out.push_back(&ep);
  }
  return out;
}

base::result<workload> build_mixed_workload(const profile::target_profile& profile, const workload_inputs& in) {
  const auto eps = mixed_endpoints(profile);
  if (eps.empty()) {
    return base::fail("profile '" + profile.name +
                      "' has no endpoint for the mixed case (every one has \"mixed\": false)");
  }
  if (auto usable = check_inputs(in); !usable) {
    return base::fail("mixed: " + usable.error().message);
  }
  std::vector<std::uint32_t> weights;
  workload w;
  w.name = std::string(mixed_name);
  for (const auto* ep : eps) {
    weights.push_back(ep->weight);
    w.endpoints.push_back(describe(*ep));
  }
  const auto deck = weighted_deck(weights);
  const std::size_t rounds = (in.pool_size + deck.size() - 1) / deck.size();
  std::vector<std::size_t> uses(eps.size(), 0);  // per endpoint: how many of its requests so far
  w.pool.reserve(rounds * deck.size());
  for (std::size_t r = 0; r < rounds; ++r) {
    for (std::uint32_t e : deck) w.pool.push_back({render(*eps[e], uses[e]++, in), e});
  }
  return w;
}

std::vector<workload> build_setup_stages(const profile::target_profile& profile,
                                         const std::vector<std::string>& case_endpoints, const workload_inputs& in) {
  // Transitive dependencies of the case's endpoints (not the endpoints themselves).
  std::set<std::string> needed;
  std::vector<std::string> todo;
  for (const auto& name : case_endpoints) {
    if (const auto* ep = profile.find_endpoint(name))
      todo.insert(todo.end(), ep->dependencies.begin(), ep->dependencies.end());
  }
  while (!todo.empty()) {
    std::string name = std::move(todo.back());
    todo.pop_back();
    if (!needed.insert(name).second) continue;
    if (const auto* ep = profile.find_endpoint(name))
      todo.insert(todo.end(), ep->dependencies.begin(), ep->dependencies.end());
  }
  std::vector<workload> stages;
  if (needed.empty() || !check_inputs(in)) return stages;
  for (const auto* ep : profile::dependency_order(profile)) {
    if (needed.count(ep->name) == 0) continue;
    workload w;
    w.name = ep->name;
    w.endpoints.push_back(describe(*ep));
    // One request per session id, so every session the case may read exists.
    for (std::size_t i = 0; i < in.session_ids.size(); ++i) w.pool.push_back({render(*ep, i, in), 0});
    stages.push_back(std::move(w));
  }
  return stages;
}

}  // namespace shield::load
