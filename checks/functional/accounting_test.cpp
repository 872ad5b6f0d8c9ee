// Accounting: the backend's http_requests_total for each endpoint grows by exactly the number of
// requests this test sent, and a clean run raises no PII detection errors. Scrapes of the metrics
// endpoint are left out of the exact comparison: Prometheus (or anyone) may scrape it meanwhile, so
// its own count must only grow by at least this test's scrapes. When a count still differs, the
// message says whether another client was seen (other endpoints' counts moved in the window).
#include <thread>

#include "checks/functional/check_test.hpp"
#include "checks/functional/metrics_reader.hpp"
#include "support/payloads/hard_cases.hpp"
#include "support/payloads/sentence_templates.hpp"
#include "support/profile/dependencies.hpp"

namespace shield::functional {
namespace {

// Requests per endpoint in one measured window. 20 (plus the opening scrape) spans two multiples
// of 10, so a backend that drops every 10th count is caught in every window.
constexpr int window_requests = 20;
// Other processes may hit the same backend: a window that grew too much is measured again.
constexpr int max_attempts = 5;

class Accounting : public CheckTest {};

// One measured window: how much the counters grew around this test's own requests.
struct window {
  double total_delta = 0;     // growth over every status
  double status_delta = 0;    // growth of the expect_status series
  double expected = 0;        // requests this window added for the endpoint
  double others_delta = 0;    // growth of every other endpoint's series but the metrics endpoint's
  bool scrapes_only = false;  // ep is the metrics endpoint: others may scrape it too (at least, not exact)
  exchange first_request;     // the first counted request, to show what was sent
  std::string series_before;  // the endpoint's series in the opening scrape
  std::string series_after;   // the endpoint's series in the closing scrape
  std::string error;          // a request or scrape that failed (the window is void)

  // What was sent and what the counters said, for failure messages.
  std::string describe(std::string_view rule) const {
    return "rule: " + std::string(rule) + "\n  sent: " + count_text(expected) + " requests like " +
           first_request.request.method + " " + first_request.request.target +
           " (scrapes of the metrics endpoint "
           "included)\n  got: http_requests_total grew by " +
           count_text(total_delta) + " (by " + count_text(status_delta) + " under the expected status)\n  " +
           other_clients() + "\n  opening scrape:" + series_before + "\n  closing scrape:" + series_after;
  }

  // Whether another client was seen in the window, from the other endpoints' counts.
  std::string other_clients() const {
    if (others_delta > 0)
      return "another client was seen: other endpoints' http_requests_total grew by " + count_text(others_delta) +
             " meanwhile";
    if (total_delta > expected)
      return "more than this test sent, though no other endpoint's count moved: another client sending the same "
             "requests, or the backend counting some twice";
    return "no other client seen: no other endpoint's count moved (scrapes of the metrics endpoint not counted)";
  }

  // Counts as expected: exact, or for the metrics endpoint at least this test's scrapes.
  bool total_right() const { return scrapes_only ? total_delta >= expected : total_delta == expected; }
  bool status_right() const { return scrapes_only ? status_delta >= expected : status_delta == expected; }
};

// Sends window_requests calls to ep between two scrapes.
window measure(const client::target_setup& target, const profile::endpoint& ep, const profile::endpoint& metrics,
               const std::string& session, const std::string& text) {
  window w;
  http::blocking_client client(target.url, target.options);
  auto first = scrape(client, metrics);
  if (!first.parsed) {
    w.error = broke("the metrics endpoint answers a parsable exposition: " + first.error, first.ex);
    return w;
  }
  std::vector<exchange> sent(window_requests);
  if (ep.response == profile::response_kind::sse) {
    // Streams run in parallel so the window stays short.
    std::vector<std::jthread> threads;
    for (int i = 0; i < window_requests; ++i) {
      threads.emplace_back([&, i] {
        http::blocking_client c(target.url, target.options);
        sent[static_cast<std::size_t>(i)] = call(c, ep, session, text);
      });
    }
  } else {
    for (auto& ex : sent) ex = call(client, ep, session, text);
  }
  auto last = scrape(client, metrics);
  w.first_request = sent.front();
  if (!last.parsed) {
    w.error = broke("the metrics endpoint answers a parsable exposition: " + last.error, last.ex);
    return w;
  }
  for (const auto& ex : sent) {
    if (ex.response.status != ep.expect_status) {
      w.error = broke("every counted request succeeds with expect_status", ex);
      return w;
    }
  }
  w.series_before = request_series(*first.parsed, ep);
  w.series_after = request_series(*last.parsed, ep);
  w.total_delta = requests_total(*last.parsed, ep) - requests_total(*first.parsed, ep);
  w.status_delta =
      requests_total(*last.parsed, ep, ep.expect_status) - requests_total(*first.parsed, ep, ep.expect_status);
  const double all_delta = sample_sum(*last.parsed, "http_requests_total").value_or(0) -
                           sample_sum(*first.parsed, "http_requests_total").value_or(0);
  const double metrics_delta =
      &ep == &metrics ? 0 : requests_total(*last.parsed, metrics) - requests_total(*first.parsed, metrics);
  w.others_delta = all_delta - w.total_delta - metrics_delta;
  w.scrapes_only = &ep == &metrics;
  // Scraping the metrics endpoint counts too: the closing scrape shows the opening one.
  w.expected = window_requests + (&ep == &metrics ? 1 : 0);
  return w;
}

TEST_F(Accounting, RequestsTotalGrowsByExactlyTheRequestsSent) {
  SHIELD_REQUIRE_ROLE(roles().metrics, "prometheus");
  const auto& metrics = *roles().metrics;
  payloads::value_generator gen(concern_seed("accounting"));
  const auto text = payloads::random_paragraph(gen, payloads::language::english, 1).text;
  {
    auto client = make_client();
    const auto probe = scrape(client, metrics);
    ASSERT_TRUE(probe.parsed) << broke("the metrics endpoint answers a parsable exposition: " + probe.error, probe.ex);
    ASSERT_TRUE(sample_sum(*probe.parsed, "http_requests_total"))
        << broke("the exposition has http_requests_total", probe.ex);
  }
  for (const auto* ep : profile::dependency_order(profile())) {
    SCOPED_TRACE("endpoint '" + ep->name + "' (" + ep->method + " " + ep->path + ")");
    const auto session = session_name("accounting-" + ep->name, 0);
    // Requirements run outside the window (e.g. the session a read-back needs).
    auto client = make_client();
    for (const auto& ex : call_with_requirements(client, *ep, session, text)) {
      ASSERT_FALSE(ex.response.status >= 400) << broke("a requirement of '" + ep->name + "' succeeds", ex);
    }
    window w;
    for (int attempt = 1; attempt <= max_attempts; ++attempt) {
      w = measure(target(), *ep, metrics, session, text);
      ASSERT_TRUE(w.error.empty()) << w.error;
      // Counters only grow, and other clients only add: too little is always a miscount.
      if (w.scrapes_only || (w.total_delta <= w.expected && w.status_delta <= w.expected)) break;
    }
    const std::string exactly = w.scrapes_only ? "at least" : "exactly";
    EXPECT_TRUE(w.total_right()) << w.describe("http_requests_total grows by " + exactly + " the requests sent");
    EXPECT_TRUE(w.status_right()) << w.describe("each request is counted under its status " +
                                                std::to_string(ep->expect_status) + " (" + exactly + ")");
  }
}

TEST_F(Accounting, CleanTrafficRaisesNoPiiDetectionErrors) {
  SHIELD_REQUIRE_ROLE(roles().metrics, "prometheus");
  SHIELD_REQUIRE_ROLE(roles().anonymizer, "anonymizer (json answer with anonymized_text, {text} in its body)");
  const auto& metrics = *roles().metrics;
  auto client = make_client();
  const auto before = scrape(client, metrics);
  ASSERT_TRUE(before.parsed) << broke("the metrics endpoint answers a parsable exposition: " + before.error, before.ex);
  const auto errors_before = sample_sum(*before.parsed, "pii_detection_errors_total");
  ASSERT_TRUE(errors_before) << broke("the exposition has pii_detection_errors_total", before.ex);

  payloads::value_generator gen(concern_seed("accounting/clean"));
  std::size_t index = 0;
  for (auto which : payloads::all_hard_cases) {
    const auto ex =
        call(client, *roles().anonymizer, session_name("clean", index++), payloads::make_hard_case(gen, which).text);
    EXPECT_EQ(ex.response.status, roles().anonymizer->expect_status) << broke("the anonymizer answers valid text", ex);
  }
  const auto after = scrape(client, metrics);
  ASSERT_TRUE(after.parsed) << broke("the metrics endpoint answers a parsable exposition: " + after.error, after.ex);
  const auto errors_after = sample_sum(*after.parsed, "pii_detection_errors_total");
  ASSERT_TRUE(errors_after) << broke("the exposition has pii_detection_errors_total", after.ex);
  EXPECT_EQ(*errors_after, *errors_before)
      << broke("pii_detection_errors_total does not grow on clean traffic (" + count_text(*errors_before) + " -> " +
                   count_text(*errors_after) + ")",
               after.ex);
}

}  // namespace
}  // namespace shield::functional
