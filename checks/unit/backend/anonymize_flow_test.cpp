// The anonymization round trip: placeholders stable within a session, retries after a clash,
// store failures, and many concurrent requests on one session over two Redis connections.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <atomic>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "fixtures/reference_backend/anonymize_flow.hpp"
#include "fixtures/reference_backend/app_state.hpp"
#include "checks/unit/backend/io_test_util.hpp"
#include "fixtures/reference_backend/memory_session_store.hpp"
#include "fixtures/reference_backend/redis_client.hpp"
#include "fixtures/reference_backend/redis_session_store.hpp"
#include "checks/unit/backend/redis_test_server.hpp"

namespace shield::backend {
namespace {

using namespace std::chrono_literals;

anonymize_outcome run_sync(app_state& app, session_store& store, const std::string& sid, const std::string& text,
                           bool fresh = false) {
  std::optional<anonymize_outcome> out;
  run_anonymize(app, store, sid, text, fresh, [&](anonymize_outcome o) { out = std::move(o); });
  EXPECT_TRUE(out.has_value()) << "memory-store flows complete inline";
  return out.value_or(anonymize_outcome{anonymize_outcome::status::unavailable, "no answer", {}, {}, {}});
}

TEST(AnonymizeFlow, SameValueSamePlaceholderAcrossRequests) {
  app_state app{backend_config{}};
  memory_session_store store(60s);
  const auto first = run_sync(app, store, "s", "write to ana@example.com or luis@example.org");
  ASSERT_EQ(first.result, anonymize_outcome::status::ok) << first.detail;
  EXPECT_EQ(first.anonymized_text, "write to <EMAIL_1> or <EMAIL_2>");
  const auto second = run_sync(app, store, "s", "luis@example.org again, and pepe@example.net");
  EXPECT_EQ(second.anonymized_text, "<EMAIL_2> again, and <EMAIL_3>");
  ASSERT_EQ(second.entities.size(), 2u);
  EXPECT_EQ(second.entities[1].placeholder, "<EMAIL_3>");
  EXPECT_EQ(second.mapping.placeholder_to_original.size(), 3u) << "the full mapping comes back for restore()";
  // Another session numbers from 1 again.
  EXPECT_EQ(run_sync(app, store, "other", "pepe@example.net").anonymized_text, "<EMAIL_1>");
}

TEST(AnonymizeFlow, TextWithoutPiiIsStoredUnchanged) {
  app_state app{backend_config{}};
  memory_session_store store(60s);
  const auto out = run_sync(app, store, "plain", "nothing here, call me maybe");
  EXPECT_EQ(out.anonymized_text, "nothing here, call me maybe");
  EXPECT_TRUE(out.entities.empty());
  bool read_ok = false;
  store.read("plain", [&](store_result r) {
    read_ok = r.status == store_status::ok && r.anonymized_text == out.anonymized_text;
  });
  EXPECT_TRUE(read_ok);
}

TEST(AnonymizeFlow, LeakPiiBugPutsTheFirstOriginalBack) {
  backend_config cfg;
  cfg.bugs.leak_pii = true;
  app_state app{cfg};
  memory_session_store store(60s);
  const auto out = run_sync(app, store, "leaky", "mail ana@example.com now");
  EXPECT_EQ(out.anonymized_text, "mail ana@example.com now");
  EXPECT_EQ(out.entities.size(), 1u);
}

// A store whose first commit clashes, as if another request had won the race.
class clashing_store final : public session_store {
 public:
  explicit clashing_store(mapping_list winner) : winner_(std::move(winner)) {}
  void load(const std::string&, store_callback done) override { done(store_result{}); }
  void commit(const std::string&, const mapping_list& entries, const std::string& text, store_callback done) override {
    ++commits;
    if (commits == 1) return done(store_result{store_status::conflict, {}, winner_, {}});
    committed = entries;
    committed_text = text;
    done(store_result{});
  }
  void read(const std::string&, store_callback done) override {
    done(store_result{store_status::not_found, {}, {}, {}});
  }

  int commits = 0;             // commit() calls seen
  mapping_list committed;      // entries of the successful commit
  std::string committed_text;  // text of the successful commit

 private:
  mapping_list winner_;  // what the "other request" stored first
};

TEST(AnonymizeFlow, RetriesAgainstTheWinningMappingAfterAClash) {
  app_state app{backend_config{}};
  clashing_store store(mapping_list{{"<EMAIL_1>", "winner@example.com"}});
  const auto out = run_sync(app, store, "race", "from loser@example.com");
  ASSERT_EQ(out.result, anonymize_outcome::status::ok) << out.detail;
  EXPECT_EQ(store.commits, 2);
  EXPECT_EQ(out.anonymized_text, "from <EMAIL_2>");
  EXPECT_EQ(store.committed, (mapping_list{{"<EMAIL_2>", "loser@example.com"}}));
  EXPECT_EQ(store.committed_text, "from <EMAIL_2>");
}

// A store that is down.
class down_store final : public session_store {
 public:
  void load(const std::string&, store_callback done) override { done(fail()); }
  void commit(const std::string&, const mapping_list&, const std::string&, store_callback done) override {
    done(fail());
  }
  void read(const std::string&, store_callback done) override { done(fail()); }
  static store_result fail() { return store_result{store_status::unavailable, "redis not connected", {}, {}}; }
};

TEST(AnonymizeFlow, StoreDownIsUnavailableWithTheReason) {
  app_state app{backend_config{}};
  down_store store;
  const auto out = run_sync(app, store, "down", "ana@example.com");
  EXPECT_EQ(out.result, anonymize_outcome::status::unavailable);
  EXPECT_EQ(out.detail, "redis not connected");
}

TEST(AnonymizeFlow, ConcurrentRequestsOnOneSessionNeverSplitAMapping) {
  testing::redis_test_server redis;
  if (auto started = redis.start(); !started) FAIL() << started.error();
  app_state app{backend_config{}};
  redis_client_config cfg;
  cfg.port = static_cast<std::uint16_t>(redis.port());

  // Two I/O threads, each with its own connection and store, like the server.
  constexpr int threads = 2;
  std::vector<std::unique_ptr<boost::asio::io_context>> ios;
  std::vector<std::unique_ptr<redis_client>> clients;
  std::vector<std::unique_ptr<redis_session_store>> stores;
  for (int t = 0; t < threads; ++t) {
    ios.push_back(std::make_unique<boost::asio::io_context>(1));
    clients.push_back(std::make_unique<redis_client>(*ios.back(), cfg));
    stores.push_back(std::make_unique<redis_session_store>(*clients.back(), std::chrono::seconds(60)));
    clients.back()->start();
  }
  for (int t = 0; t < threads; ++t)
    ASSERT_TRUE(testing::run_until(*ios[static_cast<std::size_t>(t)],
                                   [&] { return clients[static_cast<std::size_t>(t)]->connected(); }));

  // 400 requests, each mentioning two of 20 addresses, half on each thread, all at once.
  constexpr int requests = 400;
  std::atomic<int> finished{0};
  std::vector<anonymize_outcome> outcomes(requests);
  std::vector<std::string> texts(requests);
  for (int i = 0; i < requests; ++i) {
    texts[static_cast<std::size_t>(i)] =
        "a user" + std::to_string(i % 20) + "@example.com b user" + std::to_string((i * 7 + 3) % 20) + "@example.com";
    auto& io = *ios[static_cast<std::size_t>(i % threads)];
    auto& store = *stores[static_cast<std::size_t>(i % threads)];
    boost::asio::post(io, [&, i] {
      run_anonymize(app, store, "shared", texts[static_cast<std::size_t>(i)], false, [&, i](anonymize_outcome o) {
        outcomes[static_cast<std::size_t>(i)] = std::move(o);
        finished.fetch_add(1);
      });
    });
  }
  std::vector<std::thread> runners;
  for (int t = 0; t < threads; ++t)
    runners.emplace_back([&, t] {
      testing::run_until(
          *ios[static_cast<std::size_t>(t)], [&] { return finished.load() == requests; }, 20s);
    });
  for (auto& r : runners) r.join();
  ASSERT_EQ(finished.load(), requests);

  // One placeholder per address, one address per placeholder, across every answer.
  std::map<std::string, std::string> by_placeholder;
  std::map<std::string, std::string> by_original;
  for (int i = 0; i < requests; ++i) {
    const auto& o = outcomes[static_cast<std::size_t>(i)];
    ASSERT_EQ(o.result, anonymize_outcome::status::ok) << o.detail;
    for (const auto& [ph, orig] : o.mapping.placeholder_to_original) {
      auto [p, p_new] = by_placeholder.emplace(ph, orig);
      EXPECT_EQ(p->second, orig) << ph << " means two addresses";
      auto [q, q_new] = by_original.emplace(orig, ph);
      EXPECT_EQ(q->second, ph) << orig << " has two placeholders";
    }
    // Restoring each answer gives its own text back.
    EXPECT_EQ(restore(o.anonymized_text, o.mapping), texts[static_cast<std::size_t>(i)]);
  }
  EXPECT_EQ(by_placeholder.size(), 20u);
  std::set<std::string> numbers;
  for (const auto& [ph, orig] : by_placeholder) numbers.insert(ph);
  EXPECT_TRUE(numbers.contains("<EMAIL_1>") && numbers.contains("<EMAIL_20>")) << "numbering has gaps";
  for (auto& c : clients) c->stop();
  for (auto& io : ios)
    testing::run_until(
        *io, [] { return false; }, 20ms);
}

}  // namespace
}  // namespace shield::backend
