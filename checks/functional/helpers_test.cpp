// Unit tests (no server) of the checks' own helpers: value search, restore, offsets, label matching.
#include <gtest/gtest.h>

#include "checks/functional/metrics_reader.hpp"
#include "checks/functional/pii_search.hpp"
#include "support/profile/loader.hpp"

namespace shield::functional {
namespace {

TEST(ContainsValue, FindsWholeValuesOnly) {
  EXPECT_TRUE(contains_value("mail ana@x.com.", "ana@x.com"));
  EXPECT_TRUE(contains_value("ana@x.com", "ana@x.com"));
  EXPECT_TRUE(contains_value("\"612 345 678\"", "612 345 678"));
  EXPECT_TRUE(contains_value("é612345678ü", "612345678"));  // non-ASCII neighbours do not glue
  EXPECT_FALSE(contains_value("mail juana@x.com", "ana@x.com"));
  EXPECT_FALSE(contains_value("x.ana@x.com", "ana@x.com"));
  EXPECT_FALSE(contains_value("21.2.3.45", "1.2.3.4"));
  EXPECT_FALSE(contains_value("4612345678", "612345678"));
  EXPECT_FALSE(contains_value("anything", ""));
  // A later whole occurrence is found after a glued one.
  EXPECT_TRUE(contains_value("4612345678 and 612345678", "612345678"));
}

TEST(Restore, ReplacesLongestPlaceholderInOnePass) {
  const mapping_pairs mapping = {{"<E_1>", "a@x.com"}, {"<E_10>", "b@x.com"}, {"<P_1>", "<E_1>"}};
  EXPECT_EQ(restore("<E_10> <E_1>", mapping), "b@x.com a@x.com");
  // An original that looks like a placeholder is not replaced again.
  EXPECT_EQ(restore("<P_1>!", mapping), "<E_1>!");
  EXPECT_EQ(restore("", mapping), "");
}

TEST(CodepointSlice, CountsCodePointsNotBytes) {
  EXPECT_EQ(codepoint_slice("ñandú 612", 6, 9), "612");
  EXPECT_EQ(codepoint_slice("ñandú", 0, 5), "ñandú");
  EXPECT_EQ(codepoint_slice("abc", 2, 1), "");
  EXPECT_EQ(codepoint_slice("abc", 1, 9), "");
}

TEST(EndpointLabel, MatchesPathOrTemplatedSegments) {
  const auto p = profile::parse_profile(
      R"({"name":"t","endpoints":[{"name":"rb","method":"GET","path":"/s/{session_id}/x?full=1"},
                                  {"name":"h","method":"GET","path":"/health"}]})",
      "test");
  ASSERT_TRUE(p.has_value()) << p.error().message;
  const auto& rb = *p->find_endpoint("rb");
  EXPECT_TRUE(endpoint_label_matches("/s/{id}/x", rb));
  EXPECT_TRUE(endpoint_label_matches("/s/abc-1/x", rb));
  EXPECT_FALSE(endpoint_label_matches("/s//x", rb));
  EXPECT_FALSE(endpoint_label_matches("/s/{id}/y", rb));
  EXPECT_TRUE(endpoint_label_matches("/health", *p->find_endpoint("h")));
  EXPECT_FALSE(endpoint_label_matches("/healthz", *p->find_endpoint("h")));
}

}  // namespace
}  // namespace shield::functional
