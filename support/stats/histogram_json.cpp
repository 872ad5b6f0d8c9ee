#include "support/stats/histogram_json.hpp"

#include "support/base/json_error.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace shield::stats {

namespace {

constexpr std::string_view format_name = "shield.latency_histogram";
constexpr std::uint64_t format_version = 1;

std::string to_decimal(uint128 value) {
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(value % 10)));
    value /= 10;
  } while (value != 0);
  std::reverse(digits.begin(), digits.end());
  return digits;
}

// Decimal digits only, no sign, no overflow past 128 bits.
std::optional<uint128> from_decimal(std::string_view text) {
  if (text.empty() || text.size() > 39) return std::nullopt;
  const uint128 limit = ~uint128{0};
  uint128 value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto digit = static_cast<unsigned>(c - '0');
    if (value > (limit - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

// Product clamped to the largest 128-bit value, so range checks cannot wrap.
uint128 saturating_mul(uint128 a, uint128 b) {
  uint128 product = 0;
  if (__builtin_mul_overflow(a, b, &product)) return ~uint128{0};
  return product;
}

// Non-negative JSON integer (either signed or unsigned storage).
std::optional<std::uint64_t> as_count(const boost::json::value& value) {
  if (value.is_uint64()) return value.get_uint64();
  if (value.is_int64() && value.get_int64() >= 0) return static_cast<std::uint64_t>(value.get_int64());
  return std::nullopt;
}

}  // namespace

// Friend of latency_histogram: the only place that writes its fields wholesale.
struct histogram_json_access {
  static base::result<latency_histogram> read(const boost::json::value& document);
};

boost::json::value histogram_to_json(const latency_histogram& histogram) {
  boost::json::array buckets;
  for (std::size_t i = 0; i < latency_histogram::bucket_count; ++i) {
    if (const std::uint64_t n = histogram.count_at(i); n != 0)
      buckets.push_back(boost::json::array{static_cast<std::uint64_t>(i), n});
  }
  boost::json::object out;
  out["format"] = format_name;
  out["version"] = format_version;
  out["unit"] = "ns";
  out["lowest_ns"] = latency_histogram::lowest_ns;
  out["highest_ns"] = latency_histogram::highest_ns;
  out["sub_bucket_bits"] = latency_histogram::sub_bucket_bits;
  out["count"] = histogram.count();
  out["underflow"] = histogram.underflow();
  out["overflow"] = histogram.overflow();
  out["min"] = histogram.min();
  out["max"] = histogram.max();
  out["sum"] = to_decimal(histogram.sum());
  out["sum_sq"] = to_decimal(histogram.sum_of_squares());
  out["buckets"] = std::move(buckets);
  return out;
}

std::string histogram_to_json_text(const latency_histogram& histogram) {
  return boost::json::serialize(histogram_to_json(histogram));
}

base::result<latency_histogram> histogram_from_json(const boost::json::value& document) {
  return histogram_json_access::read(document);
}

base::result<latency_histogram> histogram_from_json_text(std::string_view text) {
  boost::system::error_code ec;
  const boost::json::value document = boost::json::parse(text, ec);
  if (ec) return base::fail("histogram JSON does not parse: " + base::json_error_text(ec));
  return histogram_from_json(document);
}

base::result<latency_histogram> histogram_json_access::read(const boost::json::value& document) {
  const auto fail = [](std::string message) {
    return base::result<latency_histogram>{base::fail("histogram JSON: " + std::move(message))};
  };
  const boost::json::object* root = document.if_object();
  if (root == nullptr) return fail("document is not an object");

  const auto field = [root](std::string_view key) -> const boost::json::value* { return root->if_contains(key); };
  const auto text_field = [&](std::string_view key) -> std::optional<std::string_view> {
    const boost::json::value* v = field(key);
    if (v == nullptr || !v->is_string()) return std::nullopt;
    return std::string_view{v->get_string()};
  };
  const auto count_field = [&](std::string_view key) -> std::optional<std::uint64_t> {
    const boost::json::value* v = field(key);
    return v == nullptr ? std::nullopt : as_count(*v);
  };

  // Identity and layout: a document from another layout cannot be merged bucket by bucket.
  if (text_field("format") != format_name) return fail("\"format\" must be \"" + std::string{format_name} + "\"");
  if (count_field("version") != format_version) return fail("unsupported or missing \"version\" (expected 1)");
  if (text_field("unit") != "ns") return fail("\"unit\" must be \"ns\"");
  if (count_field("lowest_ns") != latency_histogram::lowest_ns ||
      count_field("highest_ns") != latency_histogram::highest_ns ||
      count_field("sub_bucket_bits") != latency_histogram::sub_bucket_bits)
    return fail("bucket layout (lowest_ns, highest_ns, sub_bucket_bits) differs from this build");

  // Scalar statistics.
  static constexpr std::string_view count_keys[] = {"count", "underflow", "overflow", "min", "max"};
  std::uint64_t scalars[5] = {};
  for (std::size_t i = 0; i < 5; ++i) {
    const auto v = count_field(count_keys[i]);
    if (!v) return fail("\"" + std::string{count_keys[i]} + "\" must be a non-negative integer");
    scalars[i] = *v;
  }
  const auto [count, underflow, overflow, min, max] = scalars;
  const auto sum_text = text_field("sum");
  const auto sum_sq_text = text_field("sum_sq");
  const auto sum = sum_text ? from_decimal(*sum_text) : std::nullopt;
  const auto sum_sq = sum_sq_text ? from_decimal(*sum_sq_text) : std::nullopt;
  if (!sum || !sum_sq) return fail("\"sum\" and \"sum_sq\" must be strings of decimal digits within 128 bits");

  // Buckets: [index, count] pairs, strictly increasing index, no empty bucket.
  const boost::json::value* buckets_value = field("buckets");
  if (buckets_value == nullptr || !buckets_value->is_array()) return fail("\"buckets\" must be an array");
  const boost::json::array& buckets = buckets_value->get_array();
  std::vector<std::pair<std::size_t, std::uint64_t>> pairs;
  pairs.reserve(buckets.size());
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    const std::string where = "bucket entry " + std::to_string(i);
    const boost::json::array* pair = buckets[i].if_array();
    if (pair == nullptr || pair->size() != 2) return fail(where + " is not an [index, count] pair");
    const auto index = as_count((*pair)[0]);
    const auto n = as_count((*pair)[1]);
    if (!index || !n) return fail(where + " holds a value that is not a non-negative integer");
    if (*index >= latency_histogram::bucket_count)
      return fail(where + " has index " + std::to_string(*index) + " past the last bucket");
    if (!pairs.empty() && *index <= pairs.back().first) return fail(where + " is out of order or repeats an index");
    if (*n == 0) return fail(where + " has a zero count");
    if (__builtin_add_overflow(total, *n, &total)) return fail("bucket counts overflow 64 bits");
    pairs.emplace_back(static_cast<std::size_t>(*index), *n);
  }

  // Cross-checks between the buckets and the exact statistics.
  if (total != count)
    return fail("bucket counts add up to " + std::to_string(total) + ", not count " + std::to_string(count));
  if (count == 0) {
    if (underflow != 0 || overflow != 0 || min != 0 || max != 0 || *sum != 0 || *sum_sq != 0)
      return fail("an empty histogram must have zero underflow, overflow, min, max and sums");
  } else {
    if (min < latency_histogram::lowest_ns || max > latency_histogram::highest_ns || min > max)
      return fail("min/max outside the histogram range or min > max");
    if (latency_histogram::bucket_index(min) != pairs.front().first ||
        latency_histogram::bucket_index(max) != pairs.back().first)
      return fail("min/max do not fall in the first/last non-empty bucket");
    if (underflow > count || overflow > count - underflow) return fail("underflow + overflow exceed count");
    if ((underflow != 0 && (min != latency_histogram::lowest_ns || pairs.front().second < underflow)) ||
        (overflow != 0 && (max != latency_histogram::highest_ns || pairs.back().second < overflow)))
      return fail("underflow/overflow disagree with min/max and the edge buckets");
    if (*sum < saturating_mul(count, min) || *sum > saturating_mul(count, max))
      return fail("sum is outside [count*min, count*max]");
    if (*sum_sq < saturating_mul(count, saturating_mul(min, min)) ||
        *sum_sq > saturating_mul(count, saturating_mul(max, max)))
      return fail("sum_sq is outside [count*min^2, count*max^2]");
    // sum^2/count <= sum_sq (Cauchy-Schwarz); the deviation maths relies on it.
    if (saturating_mul(*sum / count, *sum) > *sum_sq) return fail("sum_sq is smaller than sum^2/count");
  }

  base::result<latency_histogram> result(boost::system::in_place_value);
  latency_histogram& h = *result;
  for (const auto& [index, n] : pairs) h.counts_[index] = n;
  h.count_ = count;
  h.underflow_ = underflow;
  h.overflow_ = overflow;
  if (count != 0) {
    h.min_ = min;
    h.max_ = max;
  }
  h.sum_ = *sum;
  h.sum_sq_ = *sum_sq;
  return result;
}

}  // namespace shield::stats
