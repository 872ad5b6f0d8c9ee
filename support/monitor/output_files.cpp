#include "monitor/output_files.hpp"

#include "monitor/report_json.hpp"

#include <boost/json/serialize.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

namespace shield::monitor {

namespace {

std::string format_local(std::chrono::system_clock::time_point when, const char* pattern)
{
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm parts{};
  localtime_r(&seconds, &parts);
  char buffer[32];
  const std::size_t n = std::strftime(buffer, sizeof buffer, pattern, &parts);
  return std::string(buffer, n);
}

boost::system::error_code last_error()
{
  return {errno, boost::system::system_category()};
}

file_result failure(std::filesystem::path path, boost::system::error_code error, std::string step)
{
  file_result out;
  out.path = std::move(path);
  out.error = error;
  out.message = step + ": " + error.message();
  return out;
}

// Report text with each sample and verdict on its own line.
std::string report_text(const monitor_report& report)
{
  const boost::json::value document = report_to_json(report);
  const boost::json::object& root = document.as_object();
  std::string out = "{";
  bool first = true;
  for (const auto& member : root) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    out += boost::json::serialize(boost::json::string(member.key()));
    out += ": ";
    if (member.value().is_array()) {
      const boost::json::array& items = member.value().as_array();
      out += "[";
      for (std::size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "\n    " : ",\n    ") + boost::json::serialize(items[i]);
      out += items.empty() ? "]" : "\n  ]";
    } else {
      out += boost::json::serialize(member.value());
    }
  }
  out += "\n}\n";
  return out;
}

}  // namespace

std::string file_stamp(std::chrono::system_clock::time_point when)
{
  return format_local(when, "%Y%m%d_%H%M%S");
}

std::string local_iso_time(std::chrono::system_clock::time_point when)
{
  return format_local(when, "%Y-%m-%dT%H:%M:%S");
}

file_result write_file_atomically(const std::filesystem::path& path, std::string_view content)
{
  std::filesystem::path temp = path;
  temp += ".tmp." + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return failure(path, last_error(), "cannot create " + temp.string());
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      const auto error = n < 0 ? last_error() : boost::system::error_code(EIO, boost::system::system_category());
      ::close(fd);
      ::unlink(temp.c_str());
      return failure(path, error, "cannot write " + temp.string());
    }
    written += static_cast<std::size_t>(n);
  }
  // Data on disk before the rename, so a crash leaves the old file or the whole new one.
  if (::fsync(fd) != 0) {
    const auto error = last_error();
    ::close(fd);
    ::unlink(temp.c_str());
    return failure(path, error, "cannot flush " + temp.string());
  }
  if (::close(fd) != 0) {
    const auto error = last_error();
    ::unlink(temp.c_str());
    return failure(path, error, "cannot close " + temp.string());
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const auto error = last_error();
    ::unlink(temp.c_str());
    return failure(path, error, "cannot rename " + temp.string() + " to " + path.string());
  }
  file_result out;
  out.path = path;
  return out;
}

file_result write_report(const monitor_report& report, const std::filesystem::path& directory, std::string_view stamp)
{
  const std::filesystem::path path = directory / ("metrics_report_" + std::string(stamp) + ".json");
  return write_file_atomically(path, report_text(report));
}

}  // namespace shield::monitor
