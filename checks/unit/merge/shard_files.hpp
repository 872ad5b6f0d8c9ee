#pragma once
// Shard results files for the merge tests, written by the suite's own results writer from tallies
// whose every sample the test knows.

#include "support/report/results/results_document.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace shield::merge::test {

// A temporary directory, removed afterwards.
struct scratch_dir {
  std::filesystem::path path;
  scratch_dir();
  ~scratch_dir();
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;
};

// What one shard measured in its one case.
struct shard_spec {
  std::uint32_t index = 0;                // shard
  std::uint32_t count = 2;                // shards of the run
  std::string run_id = "run-1";           // shared run id
  std::vector<std::uint64_t> ok_ns;       // latencies of the successful requests
  std::uint64_t resets = 0;               // failed requests (reset)
  std::uint64_t timeouts = 0;             // failed requests (request_timeout)
  double started_unix = 1'700'000'000.0;  // load start
  double wall_s = 5.0;                    // load window
  double client_cpu_s = 0.75;             // the shard's client CPU during the load
  std::string host = "host-a";            // machine
};

// The shard's results document (configuration of an open-loop 300/s run of anonymize/concurrency:4).
report::results_document shard_document(const shard_spec& spec);

// results_to_json of the document, adjusted by `edit`, written to DIR/NAME; returns the path.
std::string write_shard(const std::filesystem::path& dir, const std::string& name, const report::results_document& doc,
                        const std::function<void(boost::json::object&)>& edit = {});

// Latencies from `n` draws of a skewed distribution (seeded).
std::vector<std::uint64_t> sample_latencies(std::size_t n, unsigned seed);

// Runs shield_merge in-process; returns the exit code, with stdout and stderr.
struct tool_run {
  int code = -1;
  std::string out;
  std::string err;
};
tool_run run_tool(const std::vector<std::string>& args);

// Reads a JSON file.
boost::json::value read_json(const std::string& path);

}  // namespace shield::merge::test
