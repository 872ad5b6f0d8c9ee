#pragma once
// A case's grade and threshold verdicts, from its measurements: the one code shield_bench (per run)
// and shield_merge (per merged case) judge with.

#include "support/report/results/results_document.hpp"
#include "support/stats/threshold_rules.hpp"

#include <span>
#include <string>
#include <vector>

namespace shield::report {

// The verdict of every rule that applies to a case. Unscoped rules on streaming counters apply
// only to cases that stream; endpoint-scoped rules only to that endpoint's cases.
std::vector<threshold_verdict> judge(std::span<const stats::threshold_rule> rules, const std::string& case_name,
                                     const std::string& endpoint, const load::load_result& result);

// Sets the grade and verdicts of a case that ran (no error, not skipped, a request completed);
// clears them otherwise.
void grade_and_judge(case_record& record, std::span<const stats::threshold_rule> rules);

}  // namespace shield::report
