#include "support/stats/threshold_rules.hpp"

#include "support/base/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <system_error>

namespace shield::stats {

namespace {

using base::trim;

bool is_none(std::string_view text) {
  return text.size() == 4 &&
         std::equal(text.begin(), text.end(), "none", [](char a, char b) { return (a | 0x20) == b; });
}

std::string join(std::span<const std::string> names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out.empty() ? std::string{"none"} : out;
}

bool contains(std::span<const std::string> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Parses one trimmed, non-empty item; the failure's text has no item prefix.
base::result<threshold_rule> parse_item(std::string_view item, std::span<const std::string> known_counters,
                                        std::span<const std::string> known_endpoints) {
  threshold_rule rule;
  const auto op_at = item.find_first_of("<>=!");
  if (op_at == std::string_view::npos) return base::fail("missing operator (use <, <=, > or >=)");

  // Left side: optional `endpoint:` scope, then the counter.
  std::string_view lhs = item.substr(0, op_at);
  if (const auto colon = lhs.find(':'); colon != std::string_view::npos) {
    const std::string_view endpoint = trim(lhs.substr(0, colon));
    if (endpoint.empty()) return base::fail("empty endpoint scope before ':'");
    if (!contains(known_endpoints, endpoint))
      return base::fail("unknown endpoint '" + std::string{endpoint} + "' (known: " + join(known_endpoints) + ")");
    rule.endpoint = endpoint;
    lhs = lhs.substr(colon + 1);
  }
  const std::string_view counter = trim(lhs);
  if (counter.empty()) return base::fail("missing counter name before the operator");
  if (!contains(known_counters, counter))
    return base::fail("unknown counter '" + std::string{counter} + "' (known: " + join(known_counters) + ")");
  rule.counter = counter;

  // Operator: only the four orderings; '=' and '!' forms are refused by name.
  std::size_t op_len = 1;
  const bool or_equal = op_at + 1 < item.size() && item[op_at + 1] == '=';
  switch (item[op_at]) {
    case '<':
      rule.op = or_equal ? compare_op::less_equal : compare_op::less;
      op_len = or_equal ? 2 : 1;
      break;
    case '>':
      rule.op = or_equal ? compare_op::greater_equal : compare_op::greater;
      op_len = or_equal ? 2 : 1;
      break;
    default:
      return base::fail("unsupported operator '" + std::string{item.substr(op_at, or_equal ? 2 : 1)} +
                        "' (use <, <=, > or >=)");
  }

  // Right side: one finite number and nothing after it.
  std::string_view rhs = trim(item.substr(op_at + op_len));
  if (rhs.empty()) return base::fail("missing limit after '" + std::string{op_symbol(rule.op)} + "'");
  const std::string_view limit_text = rhs;
  if (rhs.size() > 1 && rhs.front() == '+') rhs.remove_prefix(1);
  double limit = 0.0;
  const auto [end, ec] = std::from_chars(rhs.data(), rhs.data() + rhs.size(), limit);
  if (ec == std::errc::result_out_of_range)
    return base::fail("limit '" + std::string{limit_text} + "' is out of range");
  if (ec != std::errc{}) return base::fail("limit '" + std::string{limit_text} + "' is not a number");
  const std::string_view rest{end, static_cast<std::size_t>(rhs.data() + rhs.size() - end)};
  if (!rest.empty()) return base::fail("trailing garbage '" + std::string{rest} + "' after the limit");
  if (!std::isfinite(limit)) return base::fail("limit '" + std::string{limit_text} + "' is not a finite number");
  rule.limit = limit;
  return rule;
}

}  // namespace

base::result<std::vector<threshold_rule>> parse_thresholds(std::string_view expression,
                                                           std::span<const std::string> known_counters,
                                                           std::span<const std::string> known_endpoints) {
  std::vector<threshold_rule> rules;
  const std::string_view whole = trim(expression);
  if (whole.empty()) return base::fail("threshold expression is empty (use 'none' for no thresholds)");
  if (is_none(whole)) return rules;

  std::size_t number = 0;
  std::size_t start = 0;
  while (start <= expression.size()) {
    const auto comma = expression.find(',', start);
    const auto stop = comma == std::string_view::npos ? expression.size() : comma;
    const std::string_view item = trim(expression.substr(start, stop - start));
    ++number;
    const std::string where = "threshold item " + std::to_string(number);
    if (item.empty()) return base::fail(where + " is empty in '" + std::string{expression} + "'");
    if (is_none(item)) return base::fail(where + " 'none' cannot be combined with other thresholds");
    auto rule = parse_item(item, known_counters, known_endpoints);
    if (!rule) return base::fail(where + " '" + std::string{item} + "': " + rule.error().message);
    rules.push_back(std::move(*rule));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return rules;
}

std::string_view op_symbol(compare_op op) noexcept {
  switch (op) {
    case compare_op::less:
      return "<";
    case compare_op::less_equal:
      return "<=";
    case compare_op::greater:
      return ">";
    case compare_op::greater_equal:
      return ">=";
  }
  return "?";
}

bool satisfies(double value, compare_op op, double limit) noexcept {
  switch (op) {
    case compare_op::less:
      return value < limit;
    case compare_op::less_equal:
      return value <= limit;
    case compare_op::greater:
      return value > limit;
    case compare_op::greater_equal:
      return value >= limit;
  }
  return false;
}

std::string format_number(double value) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc{}) return "?";
  return std::string{buffer, end};
}

std::string to_string(const threshold_rule& rule) {
  std::string out;
  if (!rule.endpoint.empty()) out = rule.endpoint + ":";
  out += rule.counter;
  out += op_symbol(rule.op);
  out += format_number(rule.limit);
  return out;
}

}  // namespace shield::stats
