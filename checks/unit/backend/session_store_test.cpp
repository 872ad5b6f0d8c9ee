// The session-store contract, run against both stores (Redis on a real redis-server, memory):
// load/commit/read, clash detection in both directions, idempotent commits, TTL, statistics.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <memory>
#include <optional>
#include <thread>

#include "checks/unit/backend/io_test_util.hpp"
#include "fixtures/reference_backend/memory_session_store.hpp"
#include "fixtures/reference_backend/redis_client.hpp"
#include "fixtures/reference_backend/redis_mapping_stats.hpp"
#include "fixtures/reference_backend/redis_scripts.hpp"
#include "fixtures/reference_backend/redis_session_store.hpp"
#include "checks/unit/backend/redis_test_server.hpp"

namespace shield::backend {
namespace {

using namespace std::chrono_literals;
using testing::run_until;

enum class store_kind { redis, memory };

class SessionStoreContract : public ::testing::TestWithParam<store_kind> {
 protected:
  void SetUp() override {
    if (GetParam() == store_kind::redis) {
      if (auto started = redis_.start(); !started) FAIL() << started.error();
      redis_client_config cfg;
      cfg.port = static_cast<std::uint16_t>(redis_.port());
      client_ = std::make_unique<redis_client>(io_, cfg);
      store_ = std::make_unique<redis_session_store>(*client_, ttl_);
      client_->start();
      ASSERT_TRUE(run_until(io_, [&] { return client_->connected(); }));
    } else {
      store_ = std::make_unique<memory_session_store>(ttl_);
    }
  }

  store_result load(const std::string& id) {
    std::optional<store_result> out;
    store_->load(id, [&](store_result r) { out = std::move(r); });
    EXPECT_TRUE(run_until(io_, [&] { return out.has_value(); }));
    return out.value_or(store_result{store_status::unavailable, "no answer", {}, {}});
  }
  store_result commit(const std::string& id, const mapping_list& entries, const std::string& text) {
    std::optional<store_result> out;
    store_->commit(id, entries, text, [&](store_result r) { out = std::move(r); });
    EXPECT_TRUE(run_until(io_, [&] { return out.has_value(); }));
    return out.value_or(store_result{store_status::unavailable, "no answer", {}, {}});
  }
  store_result read(const std::string& id) {
    std::optional<store_result> out;
    store_->read(id, [&](store_result r) { out = std::move(r); });
    EXPECT_TRUE(run_until(io_, [&] { return out.has_value(); }));
    return out.value_or(store_result{store_status::unavailable, "no answer", {}, {}});
  }

  std::chrono::seconds ttl_{60};
  testing::redis_test_server redis_;
  boost::asio::io_context io_;
  std::unique_ptr<redis_client> client_;
  std::unique_ptr<session_store> store_;
};

// Order-insensitive comparison (Redis hashes do not keep insertion order).
mapping_list sorted(mapping_list m) {
  std::sort(m.begin(), m.end());
  return m;
}

TEST_P(SessionStoreContract, NewSessionLoadsEmptyAndReadsNotFound) {
  const auto l = load("fresh");
  EXPECT_EQ(l.status, store_status::ok) << l.detail;
  EXPECT_TRUE(l.mapping.empty());
  EXPECT_EQ(read("fresh").status, store_status::not_found);
}

TEST_P(SessionStoreContract, CommitThenLoadAndReadBack) {
  const mapping_list entries = {{"<EMAIL_1>", "a@b.es"}, {"<PHONE_1>", "+34 612 345 678"}};
  ASSERT_EQ(commit("s", entries, "mail <EMAIL_1> tel <PHONE_1>").status, store_status::ok);
  EXPECT_EQ(sorted(load("s").mapping), sorted(entries));
  const auto r = read("s");
  ASSERT_EQ(r.status, store_status::ok) << r.detail;
  EXPECT_EQ(r.anonymized_text, "mail <EMAIL_1> tel <PHONE_1>");
  EXPECT_EQ(sorted(r.mapping), sorted(entries));

  // A later commit adds entries and replaces the last text.
  ASSERT_EQ(commit("s", {{"<EMAIL_2>", "c@d.es"}}, "now <EMAIL_2>").status, store_status::ok);
  const auto r2 = read("s");
  EXPECT_EQ(r2.anonymized_text, "now <EMAIL_2>");
  EXPECT_EQ(r2.mapping.size(), 3u);
}

TEST_P(SessionStoreContract, CommitWithoutEntriesStoresTheText) {
  ASSERT_EQ(commit("plain", {}, "nothing to hide").status, store_status::ok);
  const auto r = read("plain");
  ASSERT_EQ(r.status, store_status::ok);
  EXPECT_EQ(r.anonymized_text, "nothing to hide");
  EXPECT_TRUE(r.mapping.empty());
}

TEST_P(SessionStoreContract, OnePlaceholderNeverGetsTwoOriginals) {
  ASSERT_EQ(commit("c1", {{"<EMAIL_1>", "first@x.es"}}, "t1").status, store_status::ok);
  const auto clash = commit("c1", {{"<EMAIL_1>", "second@x.es"}, {"<EMAIL_2>", "third@x.es"}}, "t2");
  ASSERT_EQ(clash.status, store_status::conflict);
  EXPECT_EQ(clash.mapping, (mapping_list{{"<EMAIL_1>", "first@x.es"}}));
  // Nothing of the refused commit was written.
  const auto r = read("c1");
  EXPECT_EQ(r.anonymized_text, "t1");
  EXPECT_EQ(r.mapping.size(), 1u);
}

TEST_P(SessionStoreContract, OneOriginalNeverGetsTwoPlaceholdersOfItsType) {
  ASSERT_EQ(commit("c2", {{"<EMAIL_1>", "same@x.es"}}, "t1").status, store_status::ok);
  EXPECT_EQ(commit("c2", {{"<EMAIL_2>", "same@x.es"}}, "t2").status, store_status::conflict);
  // The same bytes as another type are another value.
  EXPECT_EQ(commit("c2", {{"<PHONE_1>", "same@x.es"}}, "t3").status, store_status::ok);
}

TEST_P(SessionStoreContract, RecommittingKnownPairsIsNotAConflict) {
  const mapping_list entries = {{"<DNI_1>", "12345678Z"}};
  ASSERT_EQ(commit("c3", entries, "t1").status, store_status::ok);
  EXPECT_EQ(commit("c3", entries, "t2").status, store_status::ok);
  EXPECT_EQ(load("c3").mapping, entries);
}

TEST_P(SessionStoreContract, SessionsAreIndependent) {
  ASSERT_EQ(commit("a", {{"<EMAIL_1>", "a@x.es"}}, "ta").status, store_status::ok);
  ASSERT_EQ(commit("b", {{"<EMAIL_1>", "b@x.es"}}, "tb").status, store_status::ok);
  EXPECT_EQ(load("a").mapping, (mapping_list{{"<EMAIL_1>", "a@x.es"}}));
  EXPECT_EQ(load("b").mapping, (mapping_list{{"<EMAIL_1>", "b@x.es"}}));
}

INSTANTIATE_TEST_SUITE_P(Stores, SessionStoreContract, ::testing::Values(store_kind::redis, store_kind::memory),
                         [](const auto& param_info) {
                           return param_info.param == store_kind::redis ? "Redis" : "Memory";
                         });

class RedisStoreTest : public SessionStoreContract {};

TEST_P(RedisStoreTest, KeysCarryTheSessionTtl) {
  ASSERT_EQ(commit("ttl", {{"<IBAN_1>", "ES9121000418450200051332"}}, "t").status, store_status::ok);
  for (const std::string key : {"shield:map:ttl", "shield:req:ttl"}) {
    std::optional<redis_result> out;
    client_->execute({"TTL", key}, [&](redis_result r) { out = std::move(r); });
    ASSERT_TRUE(run_until(io_, [&] { return out.has_value(); }));
    EXPECT_GT(out->value.integer, 0) << key;
    EXPECT_LE(out->value.integer, ttl_.count()) << key;
  }
}

TEST_P(RedisStoreTest, StatisticsIndexCountsSessionsAndEntriesAndPrunesExpired) {
  ttl_ = 1s;
  store_ = std::make_unique<redis_session_store>(*client_, ttl_);
  ASSERT_EQ(commit("s1", {{"<EMAIL_1>", "a@x.es"}, {"<EMAIL_2>", "b@x.es"}}, "t").status, store_status::ok);
  ASSERT_EQ(commit("s2", {{"<IP_ADDRESS_1>", "10.0.0.1"}}, "t").status, store_status::ok);
  ASSERT_EQ(commit("s2", {{"<IP_ADDRESS_1>", "10.0.0.1"}, {"<IP_ADDRESS_2>", "10.0.0.2"}}, "t").status,
            store_status::ok);
  ASSERT_EQ(commit("no-pii", {}, "t").status, store_status::ok);

  auto collect = [&] {
    std::optional<std::optional<mapping_totals>> out;
    collect_redis_mapping_stats(*client_, [&](std::optional<mapping_totals> t) { out = t; });
    EXPECT_TRUE(run_until(io_, [&] { return out.has_value(); }));
    return out.value_or(std::nullopt);
  };
  const auto now = collect();
  ASSERT_TRUE(now.has_value());
  EXPECT_EQ(now->sessions, 2u);
  EXPECT_EQ(now->entries, 4u);
  EXPECT_GT(now->memory_bytes, 0.0);

  // After the TTL (plus the index's one-second margin) both sessions drop out.
  std::optional<mapping_totals> later;
  run_until(
      io_,
      [&] {
        later = collect();
        return later && later->sessions == 0;
      },
      5s);
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->sessions, 0u);
  EXPECT_EQ(later->entries, 0u);

  // A session that expired and comes back is counted afresh, not on top of its old count.
  ASSERT_EQ(commit("s1", {{"<EMAIL_1>", "z@x.es"}}, "t").status, store_status::ok);
  const auto again = collect();
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->sessions, 1u);
  EXPECT_EQ(again->entries, 1u);
}

TEST_P(RedisStoreTest, UnavailableWhileRedisIsDown) {
  redis_.stop();
  ASSERT_TRUE(run_until(io_, [&] { return !client_->connected(); }));
  EXPECT_EQ(load("x").status, store_status::unavailable);
  EXPECT_EQ(commit("x", {}, "t").status, store_status::unavailable);
  EXPECT_EQ(read("x").status, store_status::unavailable);
}

TEST_P(RedisStoreTest, ScriptsComeBackAfterAScriptFlush) {
  std::optional<redis_result> flushed;
  client_->execute({"SCRIPT", "FLUSH"}, [&](redis_result r) { flushed = std::move(r); });
  ASSERT_TRUE(run_until(io_, [&] { return flushed.has_value(); }));
  // The first commit hits NOSCRIPT (503) and reloads; the next one works.
  commit("flush", {}, "t");
  EXPECT_EQ(commit("flush", {}, "t").status, store_status::ok);
}

INSTANTIATE_TEST_SUITE_P(Stores, RedisStoreTest, ::testing::Values(store_kind::redis),
                         [](const auto&) { return std::string("Redis"); });

TEST(MemoryStore, SweepCountsAndExpires) {
  memory_session_store store(1s);
  store.commit("m1", {{"<EMAIL_1>", "a@x.es"}, {"<EMAIL_2>", "b@x.es"}}, "t", [](store_result) {});
  store.commit("m2", {}, "t", [](store_result) {});
  const auto t = store.sweep();
  EXPECT_EQ(t.sessions, 1u);
  EXPECT_EQ(t.entries, 2u);
  std::this_thread::sleep_for(1100ms);
  bool not_found = false;
  store.read("m1", [&](store_result r) { not_found = r.status == store_status::not_found; });
  EXPECT_TRUE(not_found) << "expired session still readable";
  EXPECT_EQ(store.sweep().sessions, 0u);
}

TEST(PlaceholderKind, ExtractsTheTypeOfWellFormedPlaceholders) {
  EXPECT_EQ(placeholder_kind("<EMAIL_1>"), "EMAIL");
  EXPECT_EQ(placeholder_kind("<CREDIT_CARD_12>"), "CREDIT_CARD");
  EXPECT_EQ(placeholder_kind("<IP_ADDRESS_3>"), "IP_ADDRESS");
  EXPECT_EQ(placeholder_kind("EMAIL_1"), "");
  EXPECT_EQ(placeholder_kind("<EMAIL_>"), "");
  EXPECT_EQ(placeholder_kind("<EMAIL_1a>"), "");
  EXPECT_EQ(placeholder_kind("<_1>"), "");
}

TEST(RedisScripts, Sha1MatchesAKnownDigest) {
  EXPECT_EQ(sha1_hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(commit_script().sha1.size(), 40u);
  EXPECT_NE(commit_script().sha1, read_script().sha1);
}

}  // namespace
}  // namespace shield::backend
