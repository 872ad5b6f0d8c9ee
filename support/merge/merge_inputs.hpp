#pragma once
// shield_merge's inputs: the shard results files of one distributed run, read and checked to
// belong together (one run id, profile, target and loop; every shard exactly once).

#include <cstdint>
#include <string>
#include <vector>

#include "support/base/result.hpp"
#include "support/report/results/results_document.hpp"

namespace shield::merge {

// One shard's results file.
struct shard_file {
  std::string path;                // as given on the command line
  std::uint32_t index = 0;         // configuration.shard.index
  std::uint32_t count = 0;         // configuration.shard.count
  std::string run_id;              // configuration.shard.run_id
  std::string host;                // configuration.host ("" when absent)
  report::results_document typed;  // the file read strictly into the results model (results_from_json)
};

// Reads one file strictly into the typed model; refuses what is not a shard results file of
// shield_bench (the failure names the file, and the key when the reader refuses it).
base::result<shard_file> read_shard_file(const std::string& path);

// Reads every file and checks them against each other: same run id, shard count, profile,
// target, loop (mode, rate, concurrency, requests, duration) and case filter; each shard
// index exactly once; the same cases in every shard. The shards in index order, or why they
// cannot be merged ("b.json: run id 'r2' differs from 'r1' in a.json").
base::result<std::vector<shard_file>> read_shards(const std::vector<std::string>& paths);

// Same checks on documents already in memory (paths only name them in messages).
base::result<void> check_shards(std::vector<shard_file>& shards);

// Checks on the typed documents (check_shards first): a case's stages are the same shape in every
// shard that ran it (they merge by index), and a capacity search comes from one shard only
// (several shards' searches do not merge). The failure says why ("b.json: ...").
base::result<void> check_shapes(const std::vector<shard_file>& shards);

}  // namespace shield::merge
