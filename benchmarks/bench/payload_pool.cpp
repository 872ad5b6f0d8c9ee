#include "benchmarks/bench/payload_pool.hpp"

#include "support/payloads/session_payloads.hpp"

#include <algorithm>

namespace shield::bench {

namespace {

std::vector<std::string> generate(std::uint64_t seed, std::size_t count, bool chat) {
  payloads::session_batch_options o;
  o.base_seed = seed;
  o.texts_per_session = 4;
  o.sessions = std::max<std::size_t>(1, (count + o.texts_per_session - 1) / o.texts_per_session);
  o.sentences_per_text = 2;
  o.chat_prompts = chat;
  o.id_prefix = chat ? "prompts" : "texts";
  std::vector<std::string> out;
  for (auto& session : payloads::generate_sessions(o).sessions) {
    for (auto& t : session.texts) {
      if (out.size() < count) out.push_back(std::move(t.text));
    }
  }
  return out;
}

}  // namespace

load::workload_inputs make_payload_pool(const payload_pool_options& options) {
  load::workload_inputs in;
  in.texts = generate(options.text_seed, std::max<std::size_t>(1, options.texts), false);
  in.prompts = generate(options.text_seed + 1, std::max<std::size_t>(1, options.prompts), true);
  const std::size_t sessions = std::max<std::size_t>(1, options.sessions);
  in.session_ids.reserve(sessions);
  for (std::size_t i = 0; i < sessions; ++i)
    in.session_ids.push_back(payloads::make_session_id(options.run_seed, i, "bench"));
  in.pool_size = std::max<std::size_t>(in.texts.size(), sessions);
  return in;
}

}  // namespace shield::bench
