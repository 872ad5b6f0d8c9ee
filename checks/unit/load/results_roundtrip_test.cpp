// The results document both ways: results_from_json reads exactly what results_to_json writes, on
// real runs of the engine (closed, open, streaming, mixed, interrupted, sharded, failing), and
// refuses unknown keys, missing keys and derived figures that disagree with the measured ones.

#include "checks/unit/load/engine_test_util.hpp"
#include "fixtures/misbehaving_server/misbehaving_server.hpp"
#include "support/report/results/results_document.hpp"
#include "support/report/results/results_reader.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace shield::report::test {
namespace {

using namespace shield::load::test;
using fixtures::misbehaving_server;
using fixtures::server_mode;
using fixtures::server_options;
using load::load_config;
using load::load_result;
namespace json = boost::json;

case_record record_of(std::string name, std::string endpoint, load_result r, int repetition = 0) {
  case_record c;
  c.name = std::move(name);
  c.endpoint = std::move(endpoint);
  c.repetition = repetition;
  c.result = std::move(r);
  c.grade = c.result.totals.ok > 0 ? "excellent" : "problem";
  c.thresholds = {{"success_rate>95", c.result.totals.ok == c.result.totals.requests, 100.0, ""},
                  {"mean_ms<2000", true, 1.5, ""}};
  if (!c.thresholds[0].passed) c.thresholds[0].message = "threshold failed: success_rate";
  c.started_unix = 1.7e9 + 0.125;
  c.client_cpu_s = 0.0123;
  return c;
}

results_document document_of(std::vector<case_record> cases) {
  results_document d;
  d.configuration.target = "http://127.0.0.1:1";
  d.configuration.profile = "profile.json";
  d.configuration.profile_name = "shield";
  d.configuration.headers = {"X-Key: $KEY (redacted)"};
  d.configuration.preset = "quick";
  d.configuration.concurrency = {1, 2, 3};
  d.configuration.requests = 12;
  d.configuration.timeout_s = 5;
  d.configuration.thresholds = "success_rate>95,mean_ms<2000";
  d.configuration.build_type = "Release";
  d.configuration.git_commit = "abc";
  d.configuration.host = "h1";
  d.started = "2026-12-07T02:00:00+0000";
  d.finished = "2026-12-07T02:00:01+0000";
  d.process = {12345, 0.25, 0.125};
  d.cases = std::move(cases);
  return d;
}

// The document read back and written again is the same text, and the model the same counts.
void expect_round_trip(const results_document& d) {
  const json::value written = results_to_json(d);
  const std::string text = json::serialize(written);
  const auto read = results_from_json_text(text);
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(json::serialize(results_to_json(*read)), text);
  ASSERT_EQ(read->cases.size(), d.cases.size());
  for (std::size_t i = 0; i < d.cases.size(); ++i) {
    const auto& a = read->cases[i].result;
    const auto& b = d.cases[i].result;
    EXPECT_EQ(a.totals.requests, b.totals.requests);
    EXPECT_EQ(a.totals.latency, b.totals.latency);
    EXPECT_EQ(a.wall, b.wall);
    EXPECT_EQ(a.totals.endpoints.size(), std::max<std::size_t>(1, b.totals.endpoints.size()));
  }
}

TEST(ResultsRoundTrip, ClosedOpenAndFailingRuns) {
  misbehaving_server ok_server{server_options{}};
  const load_result closed_run =
      load::run_load(closed(2, 12), get_workload("anonymize"), target_at(ok_server.url(), relaxed_timeouts()));
  load_config open = closed(2, 0);
  open.mode = load::load_mode::open;
  open.rate = 200;
  open.duration = milliseconds(100);
  const load_result open_run =
      load::run_load(open, get_workload("anonymize"), target_at(ok_server.url(), relaxed_timeouts()));
  server_options reset;
  reset.mode = server_mode::reset;
  misbehaving_server reset_server(reset);
  const load_result failing =
      load::run_load(closed(1, 4), get_workload("health"), target_at(reset_server.url(), short_timeouts()));
  ASSERT_GT(failing.totals.failures(), 0u);
  results_document d = document_of({record_of("anonymize/concurrency:2", "anonymize", closed_run),
                                    record_of("anonymize/concurrency:2", "anonymize", open_run, 1),
                                    record_of("health/concurrency:1", "health", failing)});
  d.configuration.mode = "open";
  d.configuration.rate = 200;
  d.configuration.duration_s = 0.1;
  expect_round_trip(d);
}

TEST(ResultsRoundTrip, StreamingMixedAndScalability) {
  server_options sse;
  sse.mode = server_mode::sse;
  sse.sse_events = 3;
  sse.interval = milliseconds(2);
  misbehaving_server sse_server(sse);
  const load_result streaming =
      load::run_load(closed(2, 4), get_workload("chat", true), target_at(sse_server.url(), relaxed_timeouts()));
  ASSERT_TRUE(streaming.totals.stream.has_value());
  misbehaving_server ok_server{server_options{}};
  load::workload w = get_workload("a");
  w.name = "mixed";
  w.endpoints.push_back({"b", false, std::nullopt, std::nullopt});
  for (std::size_t i = 0; i < w.pool.size(); i += 2) w.pool[i].endpoint = 1;
  std::vector<case_record> cases{record_of("chat/concurrency:2", "chat", streaming)};
  for (std::uint32_t n : {1u, 2u, 3u}) {
    cases.push_back(record_of("mixed/concurrency:" + std::to_string(n), "mixed",
                              load::run_load(closed(n, 20), w, target_at(ok_server.url(), relaxed_timeouts()))));
  }
  ASSERT_EQ(cases.back().result.totals.endpoints.size(), 2u);
  expect_round_trip(document_of(std::move(cases)));
}

TEST(ResultsRoundTrip, InterruptedSkippedAndShardedRuns) {
  server_options stall;
  stall.mode = server_mode::stall;
  misbehaving_server server(stall);
  std::atomic<bool> stop{false};
  load_config c = closed(2, 100);
  c.stop = &stop;
  c.shard_index = 1;
  c.shard_count = 2;
  std::thread stopper([&] {
    std::this_thread::sleep_for(milliseconds(100));
    stop = true;
  });
  load_result interrupted = load::run_load(c, get_workload("anonymize"), target_at(server.url(), relaxed_timeouts()));
  stopper.join();
  ASSERT_TRUE(interrupted.interrupted);
  interrupted.config.stop = nullptr;
  case_record skipped;
  skipped.name = "anonymize/concurrency:4";
  skipped.endpoint = "anonymize";
  skipped.skipped = true;
  skipped.error = "not run: the run was interrupted";
  case_record failed_to_start;
  failed_to_start.name = "health/concurrency:4";
  failed_to_start.endpoint = "health";
  failed_to_start.error = "no requests";
  results_document d =
      document_of({record_of("anonymize/concurrency:2", "anonymize", interrupted), skipped, failed_to_start});
  d.interrupted = true;
  d.configuration.shard_index = 1;
  d.configuration.shard_count = 2;
  d.configuration.run_id = "r1";
  d.configuration.start_at = 1.7e9;
  expect_round_trip(d);
  d.configuration.start_at = 0;  // written as null
  expect_round_trip(d);
}

// A document with one change made by hand.
json::value edited(const std::function<void(json::object&)>& edit) {
  misbehaving_server server{server_options{}};
  json::value v = results_to_json(document_of(
      {record_of("a/concurrency:1", "a",
                 load::run_load(closed(1, 3), get_workload("a"), target_at(server.url(), relaxed_timeouts())))}));
  edit(v.as_object());
  return v;
}

std::string failure_of(const json::value& v) {
  const auto r = results_from_json(v);
  return r ? "accepted" : r.error().message;
}

TEST(ResultsRoundTrip, StagesAndACapacitySearch) {
  misbehaving_server ok_server{server_options{}};
  load_config open = closed(4, 0);
  open.mode = load::load_mode::open;
  open.shape = load::load_shape(0, load::parse_stages("200ms:100,0s:300,100ms:300,100ms:0").value());
  const load_result shaped =
      load::run_load(open, get_workload("anonymize"), target_at(ok_server.url(), relaxed_timeouts()));
  load_config in_flight = closed(3, 0);
  in_flight.shape = load::load_shape(1, load::parse_stages("100ms:3,100ms:1").value());
  const load_result closed_shaped =
      load::run_load(in_flight, get_workload("anonymize"), target_at(ok_server.url(), relaxed_timeouts()));
  ASSERT_EQ(shaped.stages.size(), 4u);
  results_document d = document_of({record_of("anonymize/concurrency:4", "anonymize", shaped),
                                    record_of("anonymize/concurrency:3", "anonymize", closed_shaped)});
  capacity_record cap;
  cap.case_name = "anonymize/concurrency:256";
  cap.slo = "p99_ms<500,anonymize:success_rate>=99.9";
  cap.step_s = 6;
  cap.budget_s = 150;
  cap.highest_ok_rps = 400;
  cap.lowest_broken_rps = 412.5;
  cap.broken_clause = "p99_ms<500";
  cap.stop_reason = "precision reached";
  cap.elapsed_s = 41.5;
  cap.steps.push_back({400, true, "", "", NAN, false, 6.0, {{"p99_ms", 12.5}, {"ok_rps", 399.5}}, {}});
  cap.steps.push_back({412.5,
                       false,
                       "p99_ms<500",
                       "",
                       731.25,
                       true,
                       2.5,
                       {{"p99_ms", NAN}},
                       {{"anonymize", {{"success_rate", 100.0}}}}});
  d.capacity = cap;
  expect_round_trip(d);
  const auto read = results_from_json(results_to_json(d));
  ASSERT_TRUE(read) << read.error();
  ASSERT_EQ(read->cases[0].result.stages.size(), 4u);
  EXPECT_EQ(read->cases[0].result.stages[3].totals.requests, shaped.stages[3].totals.requests);
  ASSERT_TRUE(read->capacity);
  EXPECT_EQ(read->capacity->lowest_broken_rps, 412.5);
  EXPECT_EQ(read->capacity->steps[1].endpoints.front().first, "anonymize");
}

TEST(ResultsRoundTrip, RefusesUnknownMissingAndInconsistentKeys) {
  EXPECT_EQ(failure_of(edited([](json::object&) {})), "accepted");
  EXPECT_EQ(failure_of(edited([](json::object& o) { o["extra"] = 1; })), "extra: unknown key");
  EXPECT_EQ(
      failure_of(edited([](json::object& o) { o["cases"].as_array()[0].as_object()["run"].as_object()["x"] = 1; })),
      "cases[0].run.x: unknown key");
  EXPECT_EQ(failure_of(edited([](json::object& o) { o["configuration"].as_object().erase("preset"); })),
            "configuration.preset: missing");
  EXPECT_EQ(failure_of(edited([](json::object& o) { o["cases"].as_array()[0].as_object()["requests"] = "3"; })),
            "cases[0].requests: expected a whole number >= 0, not \"3\"");
  const std::string p95 = failure_of(
      edited([](json::object& o) { o["cases"].as_array()[0].as_object()["counters"].as_object()["p95_ms"] = 1e6; }));
  EXPECT_EQ(p95.rfind("cases[0].counters.p95_ms: is 1E6 where the document's other figures give", 0), 0u) << p95;
  EXPECT_NE(failure_of(edited([](json::object& o) { o["summary"].as_object()["errors"] = 5; })).find("summary.errors"),
            std::string::npos);
  EXPECT_NE(
      failure_of(edited([](json::object& o) { o["cases"].as_array()[0].as_object()["ok"] = 2; })).find("cases[0]"),
      std::string::npos);
  EXPECT_NE(failure_of(edited([](json::object& o) { o["format"] = "other"; })).find("format"), std::string::npos);
  EXPECT_NE(failure_of(json::value(1)), "accepted");
  EXPECT_FALSE(results_from_json_text("{"));
}

}  // namespace
}  // namespace shield::report::test
