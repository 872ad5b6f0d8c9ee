// The HTML report from a results document: self-contained (no script, nothing loaded from a
// network), every outside string escaped, each section present with its charts, the USL fit in
// the results file and the page, the file written atomically beside the results file.
#include "support/report/html/html_report.hpp"
#include "support/report/results/results_document.hpp"
#include "support/report/results/results_reader.hpp"
#include "support/report/results/scalability.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace shield::report {
namespace {

namespace json = boost::json;

const std::string hostile = "\"'><script>alert(1)</script><img src=http://evil.example/x.png>&amp;";
const std::string escaped_hostile =
    "&quot;&#39;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=http://evil.example/x.png&gt;&amp;amp;";

// A closed-loop case at `n` in flight whose throughput follows a USL curve (sigma 0.05, kappa 0.002).
case_record sweep_case(const std::string& endpoint, std::uint32_t n, bool stream = false) {
  case_record c;
  c.name = endpoint + "/concurrency:" + std::to_string(n);
  c.endpoint = endpoint;
  c.result.config.concurrency = n;
  c.result.config.requests = 1000;
  c.result.threads = 1;
  c.result.endpoints = {endpoint};
  c.result.totals = load::tally(1, stream);
  const double rps = 400.0 * n / (1 + 0.05 * (n - 1) + 0.002 * n * (n - 1));
  c.result.totals.requests = 1000;
  c.result.totals.ok = 997;
  c.result.totals.outcomes[load::index_of(load::outcome::ok)].count = 997;
  auto& failed = c.result.totals.outcomes[load::index_of(load::outcome::unexpected_status)];
  failed.count = 3;
  failed.messages = {endpoint + ": HTTP 503 " + hostile};
  for (int i = 0; i < 997; ++i) c.result.totals.latency.record(static_cast<std::uint64_t>(1'000'000 + i * 20'000));
  c.result.totals.service = c.result.totals.latency;
  if (stream) {
    c.result.totals.stream->streams = 997;
    c.result.totals.stream->tokens = 5000;
    c.result.totals.stream->ttft.record(std::uint64_t{40'000'000});
  }
  c.result.wall = std::chrono::nanoseconds(static_cast<std::int64_t>(1000 / rps * 1e9));
  c.grade = n > 20 ? "moderate" : "excellent";
  c.thresholds = {{"success_rate>95", true, 99.7, ""}, {"p95_ms<10", false, 20.0, "threshold failed: " + hostile}};
  return c;
}

results_document sample_document() {
  results_document d;
  d.configuration.target = "http://127.0.0.1:8000/" + hostile;
  d.configuration.preset = "medium";
  d.configuration.concurrency = {1, 5, 15, 30};
  d.configuration.thresholds = "success_rate>95";
  d.started = "2026-12-03T08:00:00+0000";
  d.finished = "2026-12-03T08:01:00+0000";
  for (std::uint32_t n : {1u, 5u, 15u, 30u}) d.cases.push_back(sweep_case("anonymize", n));
  d.cases.push_back(sweep_case("chat", 3, true));
  return d;
}

json::value monitor_document() {
  return json::parse(R"({"format":"shield.metrics_report","version":1,
    "settings":{"target":"http://127.0.0.1:8000","interval_s":1,"extra":{"case":"anonymize/concurrency:5"}},
    "samples":[{"t":0,"phase":"idle","client":{"rps":0},"target":{"cpu_percent":2,"memory_bytes":1048576}},
               {"t":1,"phase":"load","client":{"rps":120,"p50_ms":3,"p95_ms":9},"target":{"cpu_percent":40,"memory_bytes":2097152,"rates":{"requests_per_second":118}}},
               {"t":2,"phase":"load","client":{"rps":130,"p50_ms":3,"p95_ms":8},"target":{"cpu_percent":45,"memory_bytes":2097152}}],
    "verdicts":[{"name":"request rate rose","status":"ok","detail":"0 -> 125/s"},{"name":"pii errors","status":"fail","detail":"<b>3</b>"}]})");
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

TEST(HtmlReport, SelfContainedWithNoScriptAndNoExternalResource) {
  const std::string page = lower(render_html_report(sample_document(), {monitor_document()}));
  ASSERT_EQ(page.rfind("<!doctype html>", 0), 0u);
  // Take out the (escaped) outside texts: the target URL and the hostile messages are text, not markup.
  std::string rest = page;
  for (const std::string& known : {lower(escaped_hostile), std::string("http://127.0.0.1:8000")}) {
    for (auto at = rest.find(known); at != std::string::npos; at = rest.find(known)) rest.erase(at, known.size());
  }
  for (const char* banned : {"<script", "<link", "<img", "<iframe", "<object", "<embed", "<audio", "<video",
                             "src=", "href=", "url(", "@import", "@font-face", "xlink", "javascript:", "://"}) {
    EXPECT_EQ(rest.find(banned), std::string::npos) << banned;
  }
  EXPECT_NE(page.find("<style>"), std::string::npos);
  EXPECT_NE(page.find("<svg"), std::string::npos);
}

TEST(HtmlReport, EscapesEveryOutsideString) {
  const std::string page = render_html_report(sample_document(), {monitor_document()});
  EXPECT_EQ(page.find("<script>"), std::string::npos);
  EXPECT_EQ(page.find("<b>3</b>"), std::string::npos);
  EXPECT_GE(count_of(page, escaped_hostile), 3u) << "target, failure messages and threshold messages";
  EXPECT_NE(page.find("&lt;b&gt;3&lt;/b&gt;"), std::string::npos);
}

TEST(HtmlReport, HasEverySectionAndItsCharts) {
  const std::string page = render_html_report(sample_document(), {monitor_document()});
  for (const char* id :
       {"configuration", "summary", "scalability", "distribution", "failures", "streaming", "monitor"}) {
    EXPECT_NE(page.find("<section id=\"" + std::string(id) + "\">"), std::string::npos) << id;
  }
  // 5 cases' percentile charts + anonymize's throughput and p95 + 4 monitor charts (chat ran at one concurrency).
  EXPECT_EQ(count_of(page, "<svg"), 5u + 2u + 4u);
  EXPECT_NE(page.find(">99.9%<"), std::string::npos) << "percentile axis";
  EXPECT_NE(page.find(">99%<"), std::string::npos) << "percentile axis";
  EXPECT_NE(page.find(">90%<"), std::string::npos) << "percentile axis";
  EXPECT_EQ(count_of(page, "class=\"good\">excellent<"), 4u);
  EXPECT_EQ(count_of(page, "class=\"warn\">moderate<"), 1u);
  EXPECT_NE(page.find("unexpected_status"), std::string::npos);
  EXPECT_NE(page.find("FAIL p95_ms&lt;10"), std::string::npos);
  EXPECT_NE(page.find("request rate rose"), std::string::npos);
  EXPECT_NE(page.find("class=\"bad\">fail<"), std::string::npos);
  // Without --monitor there is no monitor section, and streaming only when a case streams.
  results_document plain = sample_document();
  plain.cases.pop_back();
  const std::string other = render_html_report(plain);
  EXPECT_EQ(other.find("id=\"monitor\""), std::string::npos);
  EXPECT_EQ(other.find("id=\"streaming\""), std::string::npos);
}

TEST(HtmlReport, ScalabilityFitInResultsFileAndPage) {
  const json::value results = results_to_json(sample_document());
  const auto& rows = results.at("scalability").as_array();
  ASSERT_EQ(rows.size(), 1u) << "only anonymize ran at three or more concurrencies";
  const auto& row = rows[0].as_object();
  EXPECT_EQ(row.at("endpoint").as_string(), "anonymize");
  EXPECT_EQ(row.at("concurrencies").to_number<int>(), 4);
  EXPECT_NEAR(row.at("sigma").to_number<double>(), 0.05, 0.005);  // wall times are rounded to whole ns
  EXPECT_NEAR(row.at("kappa").to_number<double>(), 0.002, 0.0002);
  EXPECT_NEAR(row.at("peak_concurrency").to_number<double>(), std::sqrt(0.95 / 0.002), 1.0);
  EXPECT_LT(row.at("fit_error_percent").to_number<double>(), 0.5);
  const std::string page = render_html_report(sample_document());
  EXPECT_NE(page.find("predicted peak"), std::string::npos);
  EXPECT_NE(page.find("USL fit"), std::string::npos);
  const std::string console = scalability_lines(scalability_from_cases(sample_document().cases));
  EXPECT_NE(console.find("scalability anonymize (USL over 4 concurrencies): contention 0.05"), std::string::npos)
      << console;
  EXPECT_NE(console.find("at concurrency 22"), std::string::npos) << console;
}

TEST(HtmlReport, WrittenBesideTheResultsFile) {
  EXPECT_EQ(report_path_for("out/stress_test_results_20261203_080000.json"),
            "out/stress_test_report_20261203_080000.html");
  EXPECT_EQ(report_path_for("stress_test_results_20261203_080000_2.json"), "stress_test_report_20261203_080000_2.html");
  const auto dir = std::filesystem::temp_directory_path() / ("shield_html_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "stress_test_report_x.html").string();
  const auto written = write_html_report(sample_document(), path);
  ASSERT_TRUE(written) << written.error();
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("</html>"), std::string::npos);
  EXPECT_FALSE(write_html_report(sample_document(), (dir / "missing" / "r.html").string()));
  std::filesystem::remove_all(dir);
}

// The page tells the results file's numbers: each summary row carries the file's counters to the
// printed precision, and a file read back (results_from_json) renders the very same page.
TEST(HtmlReport, TellsTheResultsFilesNumbers) {
  const results_document d = sample_document();
  const std::string page = render_html_report(d);
  const json::value file = results_to_json(d);
  for (const auto& v : file.at("cases").as_array()) {
    const auto& c = v.as_object();
    const auto& k = c.at("counters").as_object();
    const auto fixed = [&](const char* key, int decimals) {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "%.*f", decimals, k.at(key).to_number<double>());
      return "<td class=\"num\">" + std::string(buffer) + "</td>";
    };
    const std::string row = "<tr><td>" + std::string(c.at("name").as_string()) + "</td><td>" +
                            std::string(c.at("status").as_string()) + "</td>" + fixed("requests", 0) + fixed("ok", 0) +
                            fixed("success_rate", 1) + fixed("rps", 1) + fixed("mean_ms", 2) + fixed("p50_ms", 2) +
                            fixed("p95_ms", 2) + fixed("p99_ms", 2) + fixed("max_ms", 2);
    EXPECT_NE(page.find(row), std::string::npos) << row;
  }
  const auto read = results_from_json(file);
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(render_html_report(*read), page);
  // And the check can fail: a different count shows.
  results_document other = d;
  other.cases.front().result.totals.requests += 1;
  EXPECT_NE(render_html_report(other), page);
}

// Stages, a mixed case's endpoints and a capacity search render from the typed model: each row
// carries the figures the results file writes for it.
TEST(HtmlReport, StagesEndpointsAndCapacity) {
  results_document d = sample_document();
  case_record& mixed = d.cases.front();
  mixed.name = "mixed/concurrency:1";
  mixed.endpoint = "mixed";
  mixed.result.endpoints = {"anonymize", "health"};
  mixed.result.totals.endpoints.assign(2, load::endpoint_tally{});
  auto& e = mixed.result.totals.endpoints;
  e[0].requests = 600;
  e[0].ok = 597;
  e[0].outcomes[load::index_of(load::outcome::ok)] = 597;
  e[0].outcomes[load::index_of(load::outcome::unexpected_status)] = 3;
  e[1].requests = e[1].ok = e[1].outcomes[load::index_of(load::outcome::ok)] = 400;
  for (int i = 0; i < 597; ++i) e[0].latency.record(static_cast<std::uint64_t>(2'000'000 + i * 1'000));
  for (int i = 0; i < 400; ++i) e[1].latency.record(static_cast<std::uint64_t>(500'000));
  load::stage_result st;
  st.spec = load::stage{std::chrono::seconds(2), 300};
  st.from = 100;
  st.end = std::chrono::seconds(2);
  st.totals.requests = st.totals.ok = st.totals.outcomes[load::index_of(load::outcome::ok)].count = 400;
  for (int i = 0; i < 400; ++i) st.totals.latency.record(static_cast<std::uint64_t>(3'000'000));
  d.cases[1].result.stages = {st};
  capacity_record cap;
  cap.case_name = "anonymize/concurrency:256";
  cap.slo = "p99_ms<500";
  cap.highest_ok_rps = 400;
  cap.lowest_broken_rps = 412.5;
  cap.broken_clause = "p99_ms<500";
  cap.steps.push_back({400, true, "", "", NAN, false, 6.0, {{"p99_ms", 12.5}, {"ok_rps", 399.5}}, {}});
  d.capacity = cap;
  const std::string page = render_html_report(d);
  for (const char* id : {"stages", "endpoints", "capacity"})
    EXPECT_NE(page.find("<section id=\"" + std::string(id) + "\">"), std::string::npos) << id;
  // The results file's figures of the same parts, printed as the page prints them.
  const json::value file = results_to_json(d);
  const auto& endpoint = file.at("cases").at(0).at("endpoints").at("anonymize");
  char row[256];
  std::snprintf(row, sizeof row,
                "<td>anonymize</td><td class=\"num\">600</td><td class=\"num\">597</td><td class=\"num\">%.2f</td>"
                "<td class=\"num\">%.2f</td>",
                endpoint.at("latency_ms").at("mean").to_number<double>(),
                endpoint.at("latency_ms").at("p50").to_number<double>());
  EXPECT_NE(page.find(row), std::string::npos) << row;
  EXPECT_NE(page.find("unexpected_status 3"), std::string::npos);
  const auto& stage = file.at("cases").at(1).at("stages").at(0);
  std::snprintf(row, sizeof row,
                "<td class=\"num\">400</td><td class=\"num\">400</td><td class=\"num\">%.1f</td><td "
                "class=\"num\">%.1f</td><td class=\"num\">%.2f</td>",
                stage.at("rps").to_number<double>(), stage.at("ok_rps").to_number<double>(),
                stage.at("latency_ms").at("p50").to_number<double>());
  EXPECT_NE(page.find(row), std::string::npos) << row;
  EXPECT_NE(page.find("100.0 \u2192 300.0"), std::string::npos);
  EXPECT_NE(page.find("held <b>400.0/s</b>, broke at <b>412.5/s</b>"), std::string::npos);
  EXPECT_NE(page.find("<td class=\"num\">399.5</td><td class=\"num\">12.50</td>"), std::string::npos);
}

}  // namespace
}  // namespace shield::report
