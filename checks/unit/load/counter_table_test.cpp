// The one counter table is the vocabulary: the counters a case writes are its names in its order,
// the err_ counters follow the failure kinds, and the derived lists hold what the table says.

#include "support/load/case_counters.hpp"
#include "support/stats/counter_table.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace shield::load::test {
namespace {

TEST(CounterTable, CaseCountersAreTheTableInItsOrder) {
  load_result r;
  r.totals = tally(1, true);  // streaming: every counter
  std::vector<std::string> written, table;
  for (const auto& c : case_counters(r)) written.push_back(c.name);
  for (const auto& c : stats::counter_table) table.emplace_back(c.name);
  EXPECT_EQ(written, table);
  EXPECT_EQ(known_counter_names(), table);

  r.totals = tally(1, false);  // not streaming: the table without its streaming-only rows
  std::vector<std::string> plain, non_stream;
  for (const auto& c : case_counters(r)) plain.push_back(c.name);
  for (const auto& c : stats::counter_table)
    if (!c.streaming_only) non_stream.emplace_back(c.name);
  EXPECT_EQ(plain, non_stream);
}

TEST(CounterTable, ErrorCountersFollowTheFailureKinds) {
  std::vector<std::string> from_kinds, from_table;
  for (outcome kind : all_failures) from_kinds.push_back(error_counter_name(kind));
  for (const auto& c : stats::counter_table)
    if (std::string_view(c.name).starts_with("err_")) from_table.emplace_back(c.name);
  EXPECT_EQ(from_kinds, from_table);
}

}  // namespace
}  // namespace shield::load::test
