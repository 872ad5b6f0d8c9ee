#include "support/monitor/output_files.hpp"
#include "support/monitor/report_json.hpp"
#include "support/monitor/verdicts.hpp"

#include "checks/unit/monitor/monitor_test_support.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <ctime>
#include <regex>

namespace shield::monitor {
namespace {

monitor_report sample_report() {
  monitor_report report;
  report.settings.target = "http://127.0.0.1:8000";
  report.settings.interval_s = 0.5;
  report.settings.local_pid = 4321;
  report.settings.cpu_cores = 2;
  report.settings.started_at = "2024-05-06T07:08:09";
  report.settings.verdicts.leak_bytes_per_1000 = 12345.0;
  report.settings.extra = {{"preset", "light"}, {"concurrency", "5"}};

  series_sample full = testing::client_sample(0.5, "load", 17, 250.0);
  full.client.failures = 2;
  full.target.scrape_ok = true;
  full.target.values.cpu_percent = 33.0;
  full.target.values.http_requests_total = 400.0;
  full.target.values.redis_connection_status = 1.0;
  full.target.rates.requests_per_second = 34.0;
  full.target.rates.counter_reset = true;
  full.local.watched = true;
  full.local.status = proc_status::ok;
  full.local.cpu_percent = 150.0;
  full.local.rss_bytes = 123456789;

  series_sample gap = testing::client_sample(1.0, "cooldown", 0);
  gap.target.scrape_ok = false;
  gap.target.scrape_failures = 1;
  gap.target.scrape_message = "connect: refused";
  gap.local.watched = true;
  gap.local.status = proc_status::missing;

  report.samples = {full, gap};
  report.verdicts = evaluate_verdicts(report.samples, report.settings.verdicts, report.settings.cpu_cores);
  return report;
}

TEST(ReportJson, WrittenFileParsesBackWithNullsForMissing) {
  const testing::scratch_dir dir;
  const monitor_report report = sample_report();
  const file_result written = write_report(report, dir.path(), "20240506_070809");
  ASSERT_TRUE(written.ok()) << written.message;
  EXPECT_EQ(written.path, dir.path() / "metrics_report_20240506_070809.json");
  // Nothing but the report is left behind (no temp file).
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);

  const boost::json::value doc = boost::json::parse(testing::read_file(written.path));
  const boost::json::object& root = doc.as_object();
  EXPECT_EQ(root.at("format").as_string(), "shield.metrics_report");
  const boost::json::object& settings = root.at("settings").as_object();
  EXPECT_EQ(settings.at("target").as_string(), report.settings.target);
  EXPECT_EQ(settings.at("interval_s").as_double(), report.settings.interval_s);
  EXPECT_EQ(settings.at("local_pid").to_number<int>(), *report.settings.local_pid);
  EXPECT_EQ(settings.at("started_at").as_string(), report.settings.started_at);
  EXPECT_EQ(settings.at("verdict_options").at("leak_bytes_per_1000").as_double(), 12345.0);
  // The leak rule's other thresholds are recorded with the run, so a verdict can be re-derived.
  EXPECT_EQ(settings.at("verdict_options").at("leak_sustain_ratio").as_double(),
            report.settings.verdicts.leak_sustain_ratio);
  EXPECT_EQ(settings.at("verdict_options").at("leak_min_r_squared").as_double(),
            report.settings.verdicts.leak_min_r_squared);
  EXPECT_EQ(settings.at("extra").at("preset").as_string(), "light");

  const boost::json::array& samples = root.at("samples").as_array();
  ASSERT_EQ(samples.size(), report.samples.size());
  const boost::json::object& first = samples[0].as_object();
  EXPECT_EQ(first.at("t").as_double(), 0.5);
  EXPECT_EQ(first.at("phase").as_string(), "load");
  EXPECT_EQ(first.at("client").at("completed").to_number<std::uint64_t>(), 17U);
  EXPECT_EQ(first.at("client").at("failures").to_number<std::uint64_t>(), 2U);
  EXPECT_EQ(first.at("client").at("p95_ms").as_double(), 250.0);
  const boost::json::object& target = first.at("target").as_object();
  EXPECT_TRUE(target.at("scrape_ok").as_bool());
  EXPECT_EQ(target.at("cpu_percent").as_double(), 33.0);
  EXPECT_EQ(target.at("http_requests_total").as_double(), 400.0);
  EXPECT_TRUE(target.at("memory_bytes").is_null());
  EXPECT_TRUE(target.at("pii_detection_errors_total").is_null());
  EXPECT_EQ(target.at("rates").at("requests_per_second").as_double(), 34.0);
  EXPECT_TRUE(target.at("rates").at("pii_errors_delta").is_null());
  EXPECT_TRUE(target.at("rates").at("counter_reset").as_bool());
  EXPECT_EQ(first.at("local").at("status").as_string(), "ok");
  EXPECT_EQ(first.at("local").at("rss_bytes").to_number<std::uint64_t>(), 123456789U);

  const boost::json::object& second = samples[1].as_object();
  EXPECT_FALSE(second.at("target").at("scrape_ok").as_bool());
  EXPECT_EQ(second.at("target").at("scrape_failures").to_number<std::uint64_t>(), 1U);
  EXPECT_EQ(second.at("target").at("scrape_message").as_string(), "connect: refused");
  EXPECT_TRUE(second.at("target").at("cpu_percent").is_null());
  EXPECT_TRUE(second.at("client").at("p95_ms").is_null());
  EXPECT_EQ(second.at("local").at("status").as_string(), "missing");
  EXPECT_TRUE(second.at("local").at("rss_bytes").is_null());
  EXPECT_TRUE(second.at("local").at("cpu_percent").is_null());

  const boost::json::array& verdicts = root.at("verdicts").as_array();
  ASSERT_EQ(verdicts.size(), report.verdicts.size());
  for (std::size_t i = 0; i < verdicts.size(); ++i) {
    EXPECT_EQ(verdicts[i].at("name").as_string(), report.verdicts[i].name);
    EXPECT_EQ(verdicts[i].at("status").as_string(), to_string(report.verdicts[i].status));
    EXPECT_EQ(verdicts[i].at("detail").as_string(), report.verdicts[i].detail);
  }
}

TEST(ReportJson, NonFiniteValuesBecomeNull) {
  series_sample s;
  s.target.values.cpu_percent = std::numeric_limits<double>::quiet_NaN();
  s.client.p95_ms = std::numeric_limits<double>::infinity();
  const boost::json::value v = sample_to_json(s);
  EXPECT_TRUE(v.at("target").at("cpu_percent").is_null());
  EXPECT_TRUE(v.at("client").at("p95_ms").is_null());
  EXPECT_TRUE(v.at("local").at("status").is_null());  // no PID watched
}

TEST(ReportJson, NoNonFiniteNumberAnywhereInTheReport) {
  monitor_report report;
  report.settings.interval_s = std::numeric_limits<double>::quiet_NaN();
  report.settings.verdicts.leak_bytes_per_1000 = std::numeric_limits<double>::infinity();
  series_sample s;
  s.t = std::numeric_limits<double>::quiet_NaN();
  s.client.rps = -std::numeric_limits<double>::infinity();
  report.samples.push_back(s);
  const std::string text = boost::json::serialize(report_to_json(report));
  EXPECT_EQ(text.find("NaN"), std::string::npos) << text;
  EXPECT_EQ(text.find("Infinity"), std::string::npos) << text;
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(text, ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_TRUE(v.at("settings").at("interval_s").is_null());
  EXPECT_TRUE(v.at("settings").at("verdict_options").at("leak_bytes_per_1000").is_null());
  EXPECT_TRUE(v.at("samples").at(0).at("client").at("rps").is_null());
  EXPECT_TRUE(v.at("samples").at(0).at("t").is_null());
}

TEST(ReportFiles, StampIsLocalTimeInTheScriptsFormat) {
  std::tm parts{};
  parts.tm_year = 2024 - 1900;
  parts.tm_mon = 4;
  parts.tm_mday = 6;
  parts.tm_hour = 7;
  parts.tm_min = 8;
  parts.tm_sec = 9;
  parts.tm_isdst = -1;
  const auto when = std::chrono::system_clock::from_time_t(std::mktime(&parts));
  EXPECT_EQ(file_stamp(when), "20240506_070809");
  EXPECT_EQ(local_iso_time(when), "2024-05-06T07:08:09");
  EXPECT_TRUE(std::regex_match(file_stamp(std::chrono::system_clock::now()), std::regex("[0-9]{8}_[0-9]{6}")));
}

TEST(ReportFiles, WriteIntoAMissingDirectoryReportsTheError) {
  const testing::scratch_dir dir;
  const file_result r = write_report(sample_report(), dir.path() / "absent", "20240506_070809");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error.value(), ENOENT);
  EXPECT_NE(r.message.find("cannot create"), std::string::npos) << r.message;
}

TEST(ReportFiles, AtomicWriteReplacesAnExistingFile) {
  const testing::scratch_dir dir;
  const auto path = dir.path() / "x.json";
  ASSERT_TRUE(write_file(path, "old contents").ok());
  ASSERT_TRUE(write_file(path, "new").ok());
  EXPECT_EQ(testing::read_file(path), "new");
}

}  // namespace
}  // namespace shield::monitor
