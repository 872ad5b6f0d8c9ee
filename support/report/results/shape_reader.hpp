#pragma once
// The other half of shape_json: a case's `stages` and the top-level `capacity` object read back
// into the typed model, strictly (results_from_json uses them).

#include "support/base/result.hpp"
#include "support/load/load_result.hpp"
#include "support/report/results/json_reader.hpp"
#include "support/report/results/results_document.hpp"

namespace shield::report::detail {

// The case's "stages" into r.stages (r.totals.endpoints already read: a stage tallies as many).
base::result<void> read_stages(const json_object_reader& c, load::load_result& r);

// The "capacity" object of a --find_capacity run.
base::result<capacity_record> read_capacity(const json_object_reader& o);

}  // namespace shield::report::detail
