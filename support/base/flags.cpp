#include "support/base/flags.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace shield::base {

std::optional<std::string> flag_reader::value(std::string_view name) {
  if (failed_) return std::nullopt;
  const std::string flag = "--" + std::string(name);
  std::optional<std::string> value;
  for (std::size_t i = 0; i < args_.size();) {
    std::optional<std::string> found;
    std::size_t width = 1;
    if (args_[i] == flag) {
      if (i + 1 >= args_.size()) {
        failed_ = fail(flag + " needs a value");
        return std::nullopt;
      }
      found = args_[i + 1];
      width = 2;
    } else if (args_[i].rfind(flag + "=", 0) == 0) {
      found = args_[i].substr(flag.size() + 1);
    }
    if (!found) {
      ++i;
      continue;
    }
    if (value) {
      failed_ = fail(flag + " is given twice");
      return std::nullopt;
    }
    value = std::move(found);
    args_.erase(args_.begin() + static_cast<std::ptrdiff_t>(i), args_.begin() + static_cast<std::ptrdiff_t>(i + width));
  }
  return value;
}

std::optional<bool> flag_reader::toggle(std::string_view name) {
  if (failed_) return std::nullopt;
  const std::string flag = "--" + std::string(name);
  std::optional<bool> value;
  for (std::size_t i = 0; i < args_.size();) {
    std::optional<bool> found;
    if (args_[i] == flag) {
      found = true;
    } else if (args_[i].rfind(flag + "=", 0) == 0) {
      const std::string v = args_[i].substr(flag.size() + 1);
      if (v == "true" || v == "1") {
        found = true;
      } else if (v == "false" || v == "0") {
        found = false;
      } else {
        failed_ = fail(args_[i] + ": expected true or false");
        return std::nullopt;
      }
    }
    if (!found) {
      ++i;
      continue;
    }
    if (value) {
      failed_ = fail(flag + " is given twice");
      return std::nullopt;
    }
    value = found;
    args_.erase(args_.begin() + static_cast<std::ptrdiff_t>(i));
  }
  return value;
}

bool flag_reader::help() {
  for (std::size_t i = 0; i < args_.size(); ++i) {
    if (args_[i] == "--help" || args_[i] == "-h") {
      args_.erase(args_.begin() + static_cast<std::ptrdiff_t>(i));
      return true;
    }
  }
  return false;
}

result<void> flag_reader::finish() const {
  if (failed_) return *failed_;
  return {};
}

bool has_switch(const std::vector<std::string>& args, std::string_view name) {
  const std::string flag = "--" + std::string(name);
  for (const auto& a : args) {
    if (a == flag || a == flag + "=true" || a == flag + "=1") return true;
  }
  return false;
}

std::string peek_value(const std::vector<std::string>& args, std::string_view name) {
  const std::string prefix = "--" + std::string(name) + "=";
  for (const auto& a : args) {
    if (a.rfind(prefix, 0) == 0) return a.substr(prefix.size());
  }
  return {};
}

result<void> reject_unknown(const std::vector<std::string>& args) {
  for (const auto& a : args) {
    if (a.size() > 1 && a[0] == '-') return fail("unknown flag " + a);
  }
  return {};
}

std::optional<std::uint64_t> parse_whole(std::string_view text, std::uint64_t min, std::uint64_t max) {
  std::uint64_t out = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || out < min || out > max)
    return std::nullopt;
  return out;
}

std::optional<double> parse_positive(const std::string& text, double max) {
  char* end = nullptr;
  const double out = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(out) || out <= 0 || out > max)
    return std::nullopt;
  return out;
}

}  // namespace shield::base
