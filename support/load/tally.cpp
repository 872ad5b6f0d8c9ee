#include "support/load/tally.hpp"

namespace shield::load {

double stream_figures::tokens_per_second() const noexcept {
  if (token_time_ns == 0) return 0.0;
  return static_cast<double>(rated_tokens) * 1e9 / static_cast<double>(token_time_ns);
}

void stream_figures::merge(const stream_figures& o) {
  streams += o.streams;
  incomplete += o.incomplete;
  tokens += o.tokens;
  rated_tokens += o.rated_tokens;
  token_time_ns += o.token_time_ns;
  ttfb.merge(o.ttfb);
  ttft.merge(o.ttft);
  gap.merge(o.gap);
}

void stream_figures::reset() noexcept {
  streams = incomplete = tokens = rated_tokens = token_time_ns = 0;
  ttfb.reset();
  ttft.reset();
  gap.reset();
}

void endpoint_tally::merge(const endpoint_tally& o) {
  requests += o.requests;
  ok += o.ok;
  for (std::size_t i = 0; i < outcomes.size(); ++i) outcomes[i] += o.outcomes[i];
  latency.merge(o.latency);
}

void endpoint_tally::reset() noexcept {
  requests = ok = 0;
  outcomes.fill(0);
  latency.reset();
}

tally::tally(std::size_t endpoint_count, bool streaming) : endpoints(endpoint_count) {
  if (streaming) stream.emplace();
}

void tally::merge(const tally& o, std::size_t messages_per_kind) {
  requests += o.requests;
  ok += o.ok;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    outcomes[i].count += o.outcomes[i].count;
    auto& mine = outcomes[i].messages;
    for (const auto& m : o.outcomes[i].messages) {
      if (mine.size() >= messages_per_kind) break;
      mine.push_back(m);
    }
  }
  latency.merge(o.latency);
  service.merge(o.service);
  connect.merge(o.connect);
  retried += o.retried;
  if (stream && o.stream) stream->merge(*o.stream);
  for (std::size_t i = 0; i < endpoints.size() && i < o.endpoints.size(); ++i) endpoints[i].merge(o.endpoints[i]);
}

void tally::reset() noexcept {
  requests = ok = retried = 0;
  for (auto& t : outcomes) {
    t.count = 0;
    t.messages.clear();
  }
  latency.reset();
  service.reset();
  connect.reset();
  if (stream) stream->reset();
  for (auto& e : endpoints) e.reset();
}

}  // namespace shield::load
