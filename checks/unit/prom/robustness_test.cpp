// Mutated inputs (fixed seed, bounded count): no crash, and the results stay well formed.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "checks/unit/prom/corpus.hpp"
#include "support/prom/exposition_parser.hpp"
#include "support/prom/lint.hpp"
#include "support/prom/promql_analyzer.hpp"

namespace shield::prom::testing {
namespace {

constexpr std::string_view alphabet = "{}[]()\"'`\\=!~,:#$@ \n\t+-*/^<>0123456789.eEabcxyz_";

// Applies 1-4 random edits (replace, erase, insert) drawn from characters the grammars care about.
std::string mutate(std::string s, std::mt19937& rng) {
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < edits && !s.empty(); ++i) {
    const std::size_t pos = rng() % s.size();
    const char c = alphabet[rng() % alphabet.size()];
    switch (rng() % 3) {
      case 0:
        s[pos] = c;
        break;
      case 1:
        s.erase(pos, 1 + rng() % 3);
        break;
      default:
        s.insert(pos, 1, c);
        break;
    }
  }
  return s;
}

TEST(PromRobustness, MutatedExpositions) {
  std::mt19937 rng(20240521);
  const auto& corpus = exposition_corpus();
  for (int iteration = 0; iteration < 3000; ++iteration) {
    const exposition_case& base = corpus[static_cast<std::size_t>(iteration) % corpus.size()];
    const std::string text = mutate(std::string(base.text), rng);
    const metrics_check result = check_metrics(text, base.format);
    const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    for (std::size_t i = 0; i < result.parsed.errors.size(); ++i) {
      const parse_error& e = result.parsed.errors[i];
      ASSERT_FALSE(e.rule.empty()) << text;
      ASSERT_FALSE(e.message.empty()) << text;
      ASSERT_LE(e.line, lines + 1) << text;
      if (i > 0) {
        ASSERT_LE(result.parsed.errors[i - 1].line, e.line) << text;
      }
    }
    for (const metric_family& family : result.parsed.families) {
      for (const sample& s : family.samples) {
        ASSERT_TRUE(s.name.starts_with(family.name)) << text;
        ASSERT_EQ(s.labels_hash, hash_labels(s.labels)) << text;
      }
    }
  }
}

TEST(PromRobustness, MutatedQueries) {
  std::mt19937 rng(7);
  const std::string queries[] = {
      "sum by (le) (rate(http_request_duration_seconds_bucket{job=~\"$job\"}[$__rate_interval]))"
      " / on(a) group_left(b) foo offset 5m @ start()",
      "max_over_time(rate(x[1m])[30m:1m]) + topk(5, {__name__=~\"a.*\"}) # c\n"
      " - label_replace(up, \"a\", \"$1\", 'b', `c`) > bool 0x1f",
  };
  for (int iteration = 0; iteration < 3000; ++iteration) {
    const std::string query = mutate(queries[iteration % 2], rng);
    const promql_analysis analysis = analyze_promql(query);
    if (analysis.error) {
      ASSERT_LE(analysis.error->position, query.size()) << query;
      ASSERT_FALSE(analysis.error->message.empty()) << query;
      ASSERT_GE(analysis.error->line, 1U) << query;
    } else {
      for (const metric_reference& m : analysis.metrics) {
        ASSERT_LT(m.position, query.size()) << query;
      }
    }
  }
}

}  // namespace
}  // namespace shield::prom::testing
