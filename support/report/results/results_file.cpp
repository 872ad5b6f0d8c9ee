#include "support/report/results/results_file.hpp"

#include "support/base/atomic_file.hpp"

#include <boost/json/serialize.hpp>

#include <charconv>
#include <cmath>
#include <ctime>
#include <filesystem>

namespace shield::report {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

std::string format_local(std::chrono::system_clock::time_point when, const char* format) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm local{};
  localtime_r(&t, &local);
  char buffer[64];
  const std::size_t n = std::strftime(buffer, sizeof buffer, format, &local);
  return std::string(buffer, n);
}

bool is_flat_array(const json::array& a) {
  for (const auto& v : a) {
    if (v.is_array()) {
      for (const auto& inner : v.get_array()) {
        if (inner.is_structured()) return false;
      }
    } else if (v.is_object()) {
      return false;
    }
  }
  return true;
}

// Shortest text that reads back as the same double ("244.035", "0", "1e-05"), not Boost's "2.44035E2".
void append_double(double d, std::string& out) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
  out.append(buffer, ec == std::errc{} ? end : buffer);
}

void append_flat(const json::value& v, std::string& out) {
  if (v.is_double()) return append_double(v.get_double(), out);
  if (v.is_array()) {
    out += '[';
    bool first = true;
    for (const auto& item : v.get_array()) {
      if (!first) out += ',';
      first = false;
      append_flat(item, out);
    }
    out += ']';
    return;
  }
  out += json::serialize(v);
}

void pretty(const json::value& v, std::string& out, int depth) {
  const std::string pad(static_cast<std::size_t>(depth + 1) * 2, ' ');
  const std::string close_pad(static_cast<std::size_t>(depth) * 2, ' ');
  if (v.is_object() && !v.get_object().empty()) {
    out += "{\n";
    bool first = true;
    for (const auto& kv : v.get_object()) {
      if (!first) out += ",\n";
      first = false;
      out += pad + json::serialize(json::string(kv.key())) + ": ";
      pretty(kv.value(), out, depth + 1);
    }
    out += "\n" + close_pad + "}";
  } else if (v.is_array() && !v.get_array().empty() && !is_flat_array(v.get_array())) {
    out += "[\n";
    bool first = true;
    for (const auto& item : v.get_array()) {
      if (!first) out += ",\n";
      first = false;
      out += pad;
      pretty(item, out, depth + 1);
    }
    out += "\n" + close_pad + "]";
  } else {
    append_flat(v, out);
  }
}

}  // namespace

std::string results_file_name(std::chrono::system_clock::time_point when) {
  return "stress_test_results_" + format_local(when, "%Y%m%d_%H%M%S") + ".json";
}

std::string iso_local_time(std::chrono::system_clock::time_point when) {
  return format_local(when, "%Y-%m-%dT%H:%M:%S%z");
}

std::string pretty_json(const json::value& value) {
  std::string out;
  pretty(value, out, 0);
  out += "\n";
  return out;
}

base::result<std::string> write_results(const std::string& dir, const results_document& document,
                                        std::chrono::system_clock::time_point when) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return base::fail("cannot create the results directory " + dir + ": " + ec.message(), ec);
  const std::string name = results_file_name(when);
  const std::string stem = name.substr(0, name.size() - 5);  // without ".json"
  fs::path path = fs::path(dir) / name;
  for (int n = 2; fs::exists(path, ec) && n < 1000; ++n)
    path = fs::path(dir) / (stem + "_" + std::to_string(n) + ".json");
  if (auto written = base::write_file_atomically(path, pretty_json(results_to_json(document))); !written) {
    return written.error();
  }
  return path.string();
}

}  // namespace shield::report
