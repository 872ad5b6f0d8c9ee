#pragma once
// The parts of a results document only a merged run has (shield_merge): the "distributed" block and
// each case's per-shard rows, written and read back like the rest of the document.

#include "support/base/result.hpp"
#include "support/report/results/json_reader.hpp"
#include "support/report/results/results_document.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace shield::report::detail {

boost::json::object distributed_json(const distributed_run& run);
boost::json::array shard_rows_json(const std::vector<shard_case_row>& rows);

base::result<distributed_run> read_distributed(const json_object_reader& o);
base::result<std::vector<shard_case_row>> read_shard_rows(const json_object_reader& c, std::string_view key);

}  // namespace shield::report::detail
