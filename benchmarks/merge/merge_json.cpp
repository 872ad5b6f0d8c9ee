#include "benchmarks/merge/merge_json.hpp"

#include "support/stats/histogram_json.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

namespace shield::merge {

namespace json = boost::json;

bool is_integer(const json::value& v) noexcept { return v.is_int64() || v.is_uint64(); }

std::optional<double> as_double(const json::value& v) noexcept {
  if (v.is_double()) return v.get_double();
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  return std::nullopt;
}

json::value merge_values(const std::vector<const json::value*>& values, const std::string& path, path_list& lost) {
  if (values.empty()) return nullptr;
  const bool all_integers = std::all_of(values.begin(), values.end(), [](auto* v) { return is_integer(*v); });
  if (all_integers) {
    bool negative = false;
    std::uint64_t sum = 0;
    std::int64_t signed_sum = 0;
    for (auto* v : values) {
      if (v->is_int64() && v->get_int64() < 0) negative = true;
      sum += v->is_uint64() ? v->get_uint64() : static_cast<std::uint64_t>(v->get_int64());
      signed_sum += v->is_uint64() ? static_cast<std::int64_t>(v->get_uint64()) : v->get_int64();
    }
    return negative ? json::value(signed_sum) : json::value(sum);
  }
  const bool all_objects = std::all_of(values.begin(), values.end(), [](auto* v) { return v->is_object(); });
  if (all_objects) {
    json::object out;
    std::vector<std::string> keys;
    for (auto* v : values) {
      for (const auto& kv : v->get_object()) {
        if (std::find(keys.begin(), keys.end(), kv.key()) == keys.end()) keys.emplace_back(kv.key());
      }
    }
    for (const auto& k : keys) {
      std::vector<const json::value*> present;
      for (auto* v : values) {
        if (const auto* m = v->get_object().if_contains(k)) present.push_back(m);
      }
      out[k] = merge_values(present, path + "." + k, lost);
    }
    return out;
  }
  const bool all_equal = std::all_of(values.begin(), values.end(), [&](auto* v) { return *v == *values.front(); });
  if (all_equal) return *values.front();
  lost.push_back(path);
  return nullptr;
}

void forget(path_list& lost, const std::string& path) {
  std::erase_if(lost, [&](const std::string& p) {
    return p == path || (p.size() > path.size() && p.compare(0, path.size(), path) == 0 &&
                         (p[path.size()] == '.' || p[path.size()] == '['));
  });
}

base::result<stats::latency_histogram> merge_histogram_docs(const std::vector<const json::value*>& docs,
                                                            const std::vector<std::string>& names) {
  stats::latency_histogram total;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    auto read = stats::histogram_from_json(*docs[i]);
    if (!read) return base::fail((i < names.size() ? names[i] : "histogram") + ": " + read.error().message);
    total.merge(*read);
  }
  return total;
}

}  // namespace shield::merge
