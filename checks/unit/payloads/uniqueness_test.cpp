// No PII value shared between sessions when asked, none repeated within a session ever.
#include "checks/unit/payloads/independent_checks.hpp"
#include "support/payloads/session_payloads.hpp"
#include "support/payloads/value_generator.hpp"
#include "support/payloads/value_registry.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace shield::payloads {
namespace {

using testing::canonical;

TEST(PayloadUniqueness, ThousandSessionsShareNoValue) {
  session_batch_options options;
  options.sessions = 1000;
  options.texts_per_session = 3;
  options.sentences_per_text = 2;
  const session_batch batch = generate_sessions(options);
  ASSERT_EQ(batch.sessions.size(), 1000U);
  EXPECT_EQ(batch.exhausted, 0U);
  std::map<std::string, std::size_t> owner;  // canonical value -> session index
  std::set<std::string> ids;
  std::size_t values = 0;
  for (std::size_t s = 0; s < batch.sessions.size(); ++s) {
    ids.insert(batch.sessions[s].session_id);
    std::set<std::string> mine;
    for (const pii_text& t : batch.sessions[s].texts) {
      ASSERT_EQ(testing::offsets_problem(t), "");
      for (const planted_pii& p : t.pii) {
        const std::string key = canonical(p.kind, p.value);
        ++values;
        EXPECT_TRUE(mine.insert(key).second) << "repeated in session " << s << ": " << p.value;
        const auto [it, fresh] = owner.emplace(key, s);
        EXPECT_TRUE(fresh || it->second == s) << p.value << " in sessions " << it->second << " and " << s;
      }
    }
  }
  EXPECT_EQ(ids.size(), 1000U);
  EXPECT_GE(values, 1000U * 3 * 2 * 2);
}

TEST(PayloadUniqueness, WithoutRegistryStillUniqueWithinSession) {
  session_batch_options options;
  options.sessions = 50;
  options.texts_per_session = 10;
  options.sentences_per_text = 3;
  options.unique_across_sessions = false;
  const session_batch batch = generate_sessions(options);
  for (const session_payload& session : batch.sessions) {
    std::set<std::string> mine;
    for (const pii_text& t : session.texts)
      for (const planted_pii& p : t.pii) EXPECT_TRUE(mine.insert(canonical(p.kind, p.value)).second) << p.value;
  }
}

TEST(PayloadUniqueness, SameSeedGeneratorsDivergeWhenSharingARegistry) {
  value_registry registry;
  value_generator a(9, &registry);
  value_generator b(9, &registry);
  for (int i = 0; i < 200; ++i) {
    EXPECT_NE(a.phone(phone_format::spanish_spaced), b.phone(phone_format::spanish_spaced));
    EXPECT_NE(a.dni(), b.dni());
  }
  EXPECT_EQ(registry.size(), 800U);
  EXPECT_EQ(registry.exhausted(), 0U);
}

TEST(PayloadUniqueness, ConcurrentGeneratorsShareNoValue) {
  value_registry registry;
  constexpr int threads = 4;
  constexpr int sessions_per_thread = 50;
  constexpr int values_per_session = 8;
  std::vector<std::vector<std::string>> produced(threads);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&registry, &produced, t] {
      for (int s = 0; s < sessions_per_thread; ++s) {
        // Deliberately overlapping seeds across threads: only the registry keeps them apart.
        value_generator gen(static_cast<std::uint64_t>(s), &registry);
        for (int v = 0; v < values_per_session; ++v) {
          const pii_kind kind = pattern_pii_kinds[static_cast<std::size_t>(v) % pattern_pii_kinds.size()];
          produced[static_cast<std::size_t>(t)].push_back(canonical(kind, gen.value(kind, language::spanish)));
        }
      }
    });
  }
  for (std::thread& w : workers) w.join();
  std::set<std::string> all;
  std::size_t total = 0;
  for (const std::vector<std::string>& list : produced) {
    total += list.size();
    all.insert(list.begin(), list.end());
  }
  EXPECT_EQ(total, static_cast<std::size_t>(threads * sessions_per_thread * values_per_session));
  EXPECT_EQ(all.size(), total);
  EXPECT_EQ(registry.exhausted(), 0U);
}

TEST(PayloadUniqueness, RegistryClaimsOnce) {
  value_registry registry;
  EXPECT_TRUE(registry.claim("phone:612345678"));
  EXPECT_FALSE(registry.claim("phone:612345678"));
  EXPECT_TRUE(registry.contains("phone:612345678"));
  EXPECT_FALSE(registry.contains("phone:612345679"));
  EXPECT_EQ(registry.size(), 1U);
  registry.record_exhausted();
  EXPECT_EQ(registry.exhausted(), 1U);
}

}  // namespace
}  // namespace shield::payloads
