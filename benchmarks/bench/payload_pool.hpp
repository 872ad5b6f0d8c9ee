#pragma once
// The texts, chat prompts and session ids a run sends, generated once before the first case
// (deterministic PII texts, so runs compare; session ids unique to the run).

#include "support/load/workload_builder.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace shield::bench {

// How much to generate.
struct payload_pool_options {
  std::uint64_t text_seed = 20240501;  // same texts on every run and machine
  std::uint64_t run_seed = 0;          // makes this run's session ids its own
  std::size_t texts = 256;             // PII texts (anonymize bodies)
  std::size_t prompts = 64;            // chat prompts (stream bodies)
  std::size_t sessions = 64;           // session ids, each set up before cases that read sessions back
};

// Workload inputs (texts, prompts, session ids); headers and timeouts are the caller's to add.
load::workload_inputs make_payload_pool(const payload_pool_options& options);

}  // namespace shield::bench
