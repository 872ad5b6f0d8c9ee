#include "support/base/secrets.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <vector>

namespace shield::base {

namespace {

struct secret {
  std::string value;        // text to find
  std::string replacement;  // "<redacted: LABEL>"
};

std::mutex registry_mutex;     // guards registry
std::vector<secret> registry;  // longest value first
std::atomic<bool> any{false};  // fast path for scrub() when nothing is registered

void add(std::string value, const std::string& replacement) {
  if (value.empty()) return;
  const auto same = [&value](const secret& s) { return s.value == value; };
  if (std::find_if(registry.begin(), registry.end(), same) == registry.end())
    registry.push_back({std::move(value), replacement});
}

// The text as it appears inside a JSON string.
std::string json_escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

void register_secret(std::string_view value, std::string_view label) {
  if (value.empty()) return;
  const std::string replacement = "<redacted: " + std::string(label) + ">";
  std::lock_guard lock(registry_mutex);
  add(std::string(value), replacement);
  add(json_escaped(value), replacement);
  std::stable_sort(registry.begin(), registry.end(),
                   [](const secret& a, const secret& b) { return a.value.size() > b.value.size(); });
  any.store(true);
}

bool have_secrets() noexcept { return any.load(std::memory_order_relaxed); }

std::string scrub(std::string_view text) {
  std::string out(text);
  if (!have_secrets()) return out;
  std::lock_guard lock(registry_mutex);
  for (const auto& s : registry) {
    for (auto at = out.find(s.value); at != std::string::npos; at = out.find(s.value, at + s.replacement.size()))
      out.replace(at, s.value.size(), s.replacement);
  }
  return out;
}

}  // namespace shield::base
