#include "support/monitor/chart.hpp"
#include "support/monitor/run_outputs.hpp"

#include "checks/unit/monitor/monitor_test_support.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace shield::monitor {
namespace {

using testing::read_file;
using testing::scratch_dir;

// 60 half-second intervals: warmup, load, cooldown; Redis memory and one scrape missing.
monitor_report synthetic_report() {
  monitor_report report;
  report.settings.target = "http://127.0.0.1:8000";
  report.settings.started_at = "2024-05-06T07:08:09";
  for (int i = 0; i < 60; ++i) {
    const std::string phase = i < 10 ? "warmup" : i < 50 ? "load" : "cooldown";
    const double level = phase == "load" ? 1.0 : 0.2;
    series_sample s = testing::client_sample(0.5 * (i + 1), phase, static_cast<std::uint64_t>(40 * level));
    s.client.rps = 80.0 * level + 5.0 * std::sin(i / 3.0);
    s.client.failures = i % 13 == 0 ? 2 : 0;
    s.client.p50_ms = 20.0 + 3.0 * std::sin(i / 5.0);
    s.client.p95_ms = 60.0 + 10.0 * std::cos(i / 4.0) + i;
    if (i != 30) {
      s.target.scrape_ok = true;
      s.target.values.cpu_percent = 15.0 + 60.0 * level + 5.0 * std::sin(i / 2.0);
      s.target.values.memory_bytes = 300e6 + 1e6 * i;
      s.target.rates.requests_per_second = 78.0 * level;
    }
    s.local.watched = true;
    s.local.cpu_percent = 30.0 + 100.0 * level;
    s.local.rss_bytes = static_cast<std::uint64_t>(90e6 + 0.5e6 * i);
    report.samples.push_back(s);
  }
  return report;
}

bool is_png(const std::string& bytes) {
  return bytes.size() > 8 && bytes.compare(0, 8, std::string("\x89PNG\r\n\x1a\n", 8)) == 0;
}

// Sets PATH for one test and puts the old value back.
class path_override {
 public:
  explicit path_override(const std::string& value) {
    if (const char* old = std::getenv("PATH")) old_ = old;
    ::setenv("PATH", value.c_str(), 1);
  }
  ~path_override() {
    if (old_)
      ::setenv("PATH", old_->c_str(), 1);
    else
      ::unsetenv("PATH");
  }
  path_override(const path_override&) = delete;
  path_override& operator=(const path_override&) = delete;

 private:
  std::optional<std::string> old_;  // PATH before the test
};

std::filesystem::path fake_program(const std::filesystem::path& dir, const std::string& body) {
  const auto path = dir / "fake-gnuplot";
  std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
  ::chmod(path.c_str(), 0755);
  return path;
}

TEST(Chart, DrawsAPngOfSensibleSize) {
  const scratch_dir dir;
  const chart_result r = write_chart(synthetic_report(), dir.path(), "20240506_070809");
  ASSERT_EQ(r.status, chart_status::written) << r.message << "\n" << r.gnuplot_stderr;
  EXPECT_EQ(r.png, dir.path() / "metrics_chart_20240506_070809.png");
  const std::string png = read_file(r.png);
  EXPECT_TRUE(is_png(png));
  EXPECT_GT(png.size(), 10U * 1024U);
  EXPECT_TRUE(r.terminal == "pngcairo" || r.terminal == "png") << r.terminal;
  EXPECT_TRUE(std::filesystem::exists(r.script));
  EXPECT_TRUE(std::filesystem::exists(r.data));
  // Only the three chart files remain (no temp PNG).
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 3);
}

TEST(Chart, EmptyRunStillDrawsWithNoDataPanels) {
  const scratch_dir dir;
  chart_options options;
  options.keep_sources = false;
  const chart_result r = write_chart(monitor_report{}, dir.path(), "20240506_070810", options);
  ASSERT_EQ(r.status, chart_status::written) << r.message << "\n" << r.gnuplot_stderr;
  EXPECT_TRUE(is_png(read_file(r.png)));
  EXPECT_FALSE(std::filesystem::exists(r.script));
  EXPECT_FALSE(std::filesystem::exists(r.data));
}

TEST(Chart, LatencyOnlyAtTheLastUnroundedInstantStillDraws) {
  // A short case: the only interval with latency ends at t = 2.5032 s, the end of the x range.
  monitor_report report;
  report.samples.push_back(testing::client_sample(0.0001, "idle", 0));
  report.samples.push_back(testing::client_sample(1.0007, "idle", 0));
  series_sample last = testing::client_sample(2.5032, "load", 50);
  last.client.p50_ms = 0.17;
  last.client.p95_ms = 245.9;
  report.samples.push_back(last);
  const scratch_dir dir;
  const chart_result r = write_chart(report, dir.path(), "20240506_070811");
  ASSERT_EQ(r.status, chart_status::written) << r.message << "\n" << r.gnuplot_stderr;
  EXPECT_TRUE(is_png(read_file(r.png)));
}

TEST(Chart, WithoutGnuplotOnPathItIsSkippedAndTheJsonStillWritten) {
  const scratch_dir dir;
  const scratch_dir empty_bin;
  const path_override path(empty_bin.path().string());
  const run_outputs out = write_run_outputs(synthetic_report(), dir.path(), std::chrono::system_clock::now());
  EXPECT_EQ(out.chart.status, chart_status::skipped);
  EXPECT_EQ(out.chart.message, "skipped: gnuplot not installed");
  EXPECT_FALSE(std::filesystem::exists(out.chart.png));
  ASSERT_TRUE(out.report.ok()) << out.report.message;
  EXPECT_TRUE(std::filesystem::exists(out.report.path));
  EXPECT_EQ(out.report.path.filename().string().rfind("metrics_report_", 0), 0U);
}

TEST(Chart, GnuplotFailureReportsItsStderr) {
  const scratch_dir dir;
  chart_options options;
  options.gnuplot = fake_program(dir.path(), "echo 'line 12: undefined variable: foo' >&2\nexit 1").string();
  const chart_result r = write_chart(synthetic_report(), dir.path(), "20240506_070811", options);
  EXPECT_EQ(r.status, chart_status::failed);
  EXPECT_NE(r.message.find("exit 1"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("undefined variable: foo"), std::string::npos) << r.message;
  EXPECT_NE(r.gnuplot_stderr.find("line 12"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(r.png));
}

TEST(Chart, HungGnuplotIsKilledAtTheTimeout) {
  const scratch_dir dir;
  chart_options options;
  options.gnuplot = fake_program(dir.path(), "exec sleep 30").string();
  options.timeout = std::chrono::milliseconds(300);
  const auto start = std::chrono::steady_clock::now();
  const chart_result r = write_chart(synthetic_report(), dir.path(), "20240506_070812", options);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.status, chart_status::failed);
  EXPECT_NE(r.message.find("killed after 300 ms"), std::string::npos) << r.message;
  EXPECT_LT(took, std::chrono::seconds(10));
}

TEST(ChartData, OneRowPerSampleNanForMissing) {
  const monitor_report report = synthetic_report();
  std::istringstream data(chart_data_text(report.samples));
  std::string line;
  std::size_t row = 0;
  while (std::getline(data, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::vector<std::string> f;
    for (std::string token; fields >> token;) f.push_back(token);
    ASSERT_EQ(f.size(), 11U) << line;
    ASSERT_LT(row, report.samples.size());
    const series_sample& s = report.samples[row];
    EXPECT_NEAR(std::stod(f[0]), s.t, 1e-3);
    EXPECT_NEAR(std::stod(f[4]), *s.client.p95_ms, 1e-3);
    EXPECT_EQ(f[9], "NaN");  // Redis memory never exposed
    if (s.target.scrape_ok)
      EXPECT_NEAR(std::stod(f[5]), *s.target.values.cpu_percent, 1e-3);
    else
      EXPECT_EQ(f[5], "NaN");
    ++row;
  }
  EXPECT_EQ(row, report.samples.size());
}

}  // namespace
}  // namespace shield::monitor
