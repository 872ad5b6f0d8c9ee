// Isolation under concurrency: 50 sessions in flight at once, each with its own PII; afterwards
// every session reads back its own PII and none of any other session's.
#include <latch>
#include <thread>

#include "checks/functional/check_test.hpp"
#include "checks/functional/pii_scope.hpp"
#include "checks/functional/pii_search.hpp"

namespace shield::functional {
namespace {

constexpr std::size_t session_count = 50;  // sessions in flight at once (one thread and client each)
constexpr std::size_t texts_per_session = 3;

// What one session's thread saw; checked on the main thread afterwards.
struct session_run {
  std::vector<exchange> exchanges;  // every call, in order
  std::string last_anonymized;      // anonymized_text of the last anonymizer answer
  std::vector<std::string> errors;  // broken rules, with their exchange
};

class Isolation : public CheckTest {};

TEST_F(Isolation, FiftyConcurrentSessionsKeepTheirOwnPii) {
  SHIELD_REQUIRE_ROLE(roles().anonymizer, "anonymizer (json answer with anonymized_text, {text} in its body)");
  SHIELD_REQUIRE_ROLE(roles().read_back, "read-back (requires the anonymizer, answers a mapping)");
  const auto& anon = *roles().anonymizer;
  const auto& rb = *roles().read_back;
  const auto* stream = roles().stream;

  payloads::session_batch_options opt;
  opt.base_seed = concern_seed("isolation");
  opt.sessions = session_count;
  opt.texts_per_session = texts_per_session;
  opt.sentences_per_text = 2;
  opt.id_prefix = "chk-iso";
  const auto batch = in_scope(payloads::generate_sessions(opt));
  ASSERT_EQ(batch.exhausted, 0u) << "the generator could not keep every session's values unique";
  std::vector<std::vector<std::string>> values;
  for (const auto& s : batch.sessions) values.push_back(pattern_values(s));

  // Everything except session i's own values: what must never show up in session i's answers.
  auto foreign_in = [&](std::size_t i, std::string_view text) {
    std::vector<std::string> found;
    for (std::size_t j = 0; j < values.size(); ++j) {
      if (j == i) continue;
      for (auto& v : values_in(text, values[j])) found.push_back(v + " (of " + batch.sessions[j].session_id + ")");
    }
    return found;
  };

  std::vector<session_run> runs(session_count);
  {
    std::latch start(static_cast<std::ptrdiff_t>(session_count));
    std::vector<std::jthread> threads;
    for (std::size_t i = 0; i < session_count; ++i) {
      threads.emplace_back([&, i] {
        auto client = make_client();
        auto& run = runs[i];
        const auto& s = batch.sessions[i];
        start.arrive_and_wait();
        // A stream first (it also stores text), then the texts, so the last stored one is known.
        if (stream) {
          auto ex = call(client, *stream, s.session_id, s.texts.front().text);
          if (ex.response.status != stream->expect_status)
            run.errors.push_back(broke("the stream answers valid text under load", ex));
          else if (auto f = foreign_in(i, read_stream(ex, *stream).text); !f.empty())
            run.errors.push_back(broke("a stream under load holds no other session's PII; found: " + join_some(f), ex));
          run.exchanges.push_back(std::move(ex));
        }
        for (const auto& t : s.texts) {
          auto ex = call(client, anon, s.session_id, t.text);
          const auto answer = ex.response.status == anon.expect_status
                                  ? read_anonymize(ex, anon)
                                  : base::result<anonymize_answer>(base::fail("(unexpected status)"));
          if (!answer) {
            run.errors.push_back(broke("the anonymizer answers valid text under load " + answer.error().message, ex));
          } else {
            run.last_anonymized = answer->anonymized_text;
            if (auto f = foreign_in(i, ex.response.body); !f.empty())
              run.errors.push_back(
                  broke("an answer under load holds no other session's PII; found: " + join_some(f), ex));
          }
          run.exchanges.push_back(std::move(ex));
        }
      });
    }
  }  // jthreads join here; every call is bounded by the client's request timeout

  std::size_t failed_sessions = 0;
  for (std::size_t i = 0; i < session_count; ++i) {
    for (const auto& e : runs[i].errors) ADD_FAILURE() << e;
    failed_sessions += runs[i].errors.empty() ? 0 : 1;
  }
  ASSERT_EQ(failed_sessions, 0u) << "sessions whose concurrent calls failed";

  // Read-back afterwards: each session holds its own PII and nobody else's.
  auto client = make_client();
  for (std::size_t i = 0; i < session_count; ++i) {
    const auto& s = batch.sessions[i];
    const auto ex = call(client, rb, s.session_id, "");
    const auto back = ex.response.status == rb.expect_status
                          ? read_read_back(ex, rb)
                          : base::result<read_back_answer>(base::fail("(unexpected status)"));
    if (!back) {
      ADD_FAILURE() << broke("the read-back answers for every live session " + back.error().message, ex);
      continue;
    }
    std::string originals;
    for (const auto& [ph, original] : back->mapping) originals += original + "\n";
    std::vector<std::string> missing;
    for (const auto& v : values[i]) {
      if (!contains_value(originals, v)) missing.push_back(v);
    }
    EXPECT_TRUE(missing.empty()) << broke(
        "a session's mapping holds every PII value it sent; missing: " + join_some(missing), ex);
    const auto foreign = foreign_in(i, back->anonymized_text.value_or("") + "\n" + originals);
    EXPECT_TRUE(foreign.empty()) << broke(
        "a session's read-back holds no other session's PII; found: " + join_some(foreign), ex);
    if (back->anonymized_text) {
      EXPECT_EQ(*back->anonymized_text, runs[i].last_anonymized)
          << broke("the read-back returns the session's own last anonymized text", ex);
    }
  }
}

}  // namespace
}  // namespace shield::functional
