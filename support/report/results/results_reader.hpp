#pragma once
// The results document read back into its typed model: the other half of results_to_json.

#include "support/base/result.hpp"
#include "support/report/results/results_document.hpp"

#include <boost/json/value.hpp>

#include <string_view>

namespace shield::report {

// Reads what results_to_json writes, strictly (like histogram_from_json): every key it writes and
// no other; measured figures (counts, histograms, messages, configuration) are read, and every
// derived one (counters, latency summaries, status, summary, scalability) must equal what the
// writer derives from them. A failure names the key, e.g. "cases[1].counters.p95_ms: is 3.2 where
// the document's other figures give 3.1", "cases[0].run.extra: unknown key".
base::result<results_document> results_from_json(const boost::json::value& document);

// The same from text (parse errors are failures too).
base::result<results_document> results_from_json_text(std::string_view text);

}  // namespace shield::report
