#include "support/load/load_shape.hpp"

#include "support/stats/threshold_rules.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <charconv>
#include <cmath>
#include <limits>

namespace shield::load {

namespace {

using std::chrono::nanoseconds;

double seconds_of(nanoseconds d) { return static_cast<double>(d.count()) / 1e9; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// A plain decimal number (no sign, no exponent tricks beyond what from_chars reads); nullopt otherwise.
std::optional<double> number_of(std::string_view s) {
  double v = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace

load_shape::load_shape(double start, std::vector<stage> stages) : start_(start), stages_(std::move(stages)) {
  nanoseconds end{0};
  double area = 0.0;
  double from = start_;
  for (const stage& s : stages_) {
    end += s.duration;
    area += (from + s.target) / 2.0 * seconds_of(s.duration);
    ends_.push_back(end);
    integrals_.push_back(area);
    from = s.target;
  }
}

double load_shape::peak() const noexcept {
  double p = start_;
  for (const stage& s : stages_) p = std::max(p, s.target);
  return p;
}

nanoseconds load_shape::stage_begin(std::size_t i) const noexcept { return i == 0 ? nanoseconds(0) : ends_[i - 1]; }

std::size_t load_shape::stage_at(nanoseconds t) const noexcept {
  for (std::size_t i = 0; i < stages_.size(); ++i) {
    if (t >= stage_begin(i) && t < ends_[i]) return i;
  }
  return stages_.empty() ? 0 : stages_.size() - 1;
}

double load_shape::value_at(nanoseconds t) const noexcept {
  if (stages_.empty()) return start_;
  if (t >= length()) return stages_.back().target;
  const std::size_t i = stage_at(t);
  const double from = i == 0 ? start_ : stages_[i - 1].target;
  const double span = seconds_of(stages_[i].duration);
  const double into = seconds_of(t - stage_begin(i));
  return from + (stages_[i].target - from) * into / span;
}

double load_shape::integral(nanoseconds t) const noexcept {
  if (stages_.empty() || t <= nanoseconds(0)) return 0.0;
  if (t >= length()) return integrals_.back();  // no arrivals after the shape
  const std::size_t i = stage_at(t);
  const double before = i == 0 ? 0.0 : integrals_[i - 1];
  const double from = i == 0 ? start_ : stages_[i - 1].target;
  const double span = seconds_of(stages_[i].duration);
  const double into = seconds_of(t - stage_begin(i));
  return before + from * into + (stages_[i].target - from) * into * into / (2.0 * span);
}

nanoseconds load_shape::time_of(double n) const noexcept {
  if (n <= 0.0) return nanoseconds(0);
  for (std::size_t i = 0; i < stages_.size(); ++i) {
    if (integrals_[i] < n || stages_[i].duration.count() == 0) continue;
    const double before = i == 0 ? 0.0 : integrals_[i - 1];
    const double from = i == 0 ? start_ : stages_[i - 1].target;
    const double span = seconds_of(stages_[i].duration);
    const double slope = (stages_[i].target - from) / span;  // rate change per second
    const double m = n - before;
    // from*x + slope*x^2/2 = m, in the form that stays exact as slope goes to 0.
    const double root = std::sqrt(std::max(0.0, from * from + 2.0 * slope * m));
    const double denominator = from + root;
    double x = denominator > 0.0 ? 2.0 * m / denominator : span;
    x = std::clamp(x, 0.0, span);
    const auto at = stage_begin(i) + nanoseconds(std::llround(x * 1e9));
    return std::min(at, ends_[i]);
  }
  return length() + nanoseconds(1);
}

nanoseconds load_shape::next_change(nanoseconds t) const noexcept {
  if (stages_.empty() || t >= length()) return nanoseconds::max();
  const std::size_t i = stage_at(t);
  const double from = i == 0 ? start_ : stages_[i - 1].target;
  const double change = std::abs(stages_[i].target - from);
  if (change < 1e-9) return ends_[i];
  // One unit of the target takes span / change; a millisecond at least, so a steep ramp cannot spin.
  const double unit_s = std::max(seconds_of(stages_[i].duration) / change, 1e-3);
  return std::min(ends_[i], t + nanoseconds(std::llround(unit_s * 1e9)));
}

std::vector<std::string> stage_phases(const load_shape& shape) {
  std::vector<std::string> out;
  std::optional<double> base_level;  // the first level held with some load
  double from = shape.start_value();
  for (const stage& s : shape.stages()) {
    if (s.duration.count() == 0) {
      out.emplace_back("step");
    } else if (s.target > from) {
      out.emplace_back("rise");
    } else if (s.target < from) {
      out.emplace_back("recovery");
    } else {
      if (!base_level && s.target > 0) base_level = s.target;
      out.emplace_back(base_level && s.target > *base_level ? "spike" : "hold");
    }
    from = s.target;
  }
  return out;
}

base::result<std::vector<stage>> parse_stages(std::string_view spec) {
  std::vector<stage> out;
  if (trim(spec).empty())
    return base::fail("--stages: empty; expected DUR:TARGET[,DUR:TARGET...], e.g. 30s:200,60s:200");
  nanoseconds total{0};
  std::size_t begin = 0;
  while (begin <= spec.size()) {
    const std::size_t comma = std::min(spec.find(',', begin), spec.size());
    const std::string_view item = trim(spec.substr(begin, comma - begin));
    const std::string where = "--stages: stage " + std::to_string(out.size() + 1) + " '" + std::string(item) + "'";
    if (item.empty()) return base::fail(where + ": empty stage");
    const std::size_t colon = item.find(':');
    if (colon == std::string_view::npos) return base::fail(where + ": expected DUR:TARGET, e.g. 30s:200");
    const std::string_view dur = trim(item.substr(0, colon));
    const std::string_view target = trim(item.substr(colon + 1));
    // Duration: a number and a unit.
    std::size_t digits = 0;
    while (digits < dur.size() && (std::isdigit(static_cast<unsigned char>(dur[digits])) != 0 || dur[digits] == '.' ||
                                   dur[digits] == '-' || dur[digits] == '+'))
      ++digits;
    const std::string_view unit = dur.substr(digits);
    const auto amount = number_of(dur.substr(0, digits));
    if (dur.empty()) return base::fail(where + ": empty duration");
    if (!amount) return base::fail(where + ": duration '" + std::string(dur) + "' is not a number with a unit");
    if (*amount < 0 || dur.front() == '-') return base::fail(where + ": negative duration '" + std::string(dur) + "'");
    double scale = 0.0;
    if (unit == "ms") scale = 1e-3;
    if (unit == "s") scale = 1.0;
    if (unit == "m") scale = 60.0;
    if (unit == "h") scale = 3600.0;
    if (unit.empty()) return base::fail(where + ": duration '" + std::string(dur) + "' needs a unit (ms, s, m, h)");
    if (scale == 0.0)
      return base::fail(where + ": unknown unit '" + std::string(unit) + "' in duration (expected ms, s, m or h)");
    const double secs = *amount * scale;
    if (secs > std::chrono::duration<double>(max_shape_length).count())
      return base::fail(where + ": duration over the limit of " + std::to_string(max_shape_length.count()) + " h");
    // Target: a number from 0 to the limit.
    if (target.empty()) return base::fail(where + ": empty target");
    const auto value = number_of(target);
    if (!value && !target.empty() && target.front() == '-')
      return base::fail(where + ": negative target '" + std::string(target) + "'");
    if (!value) return base::fail(where + ": target '" + std::string(target) + "' is not a number");
    if (*value < 0) return base::fail(where + ": negative target '" + std::string(target) + "'");
    if (*value > max_stage_target)
      return base::fail(where + ": target " + std::string(target) + " over the limit of " +
                        std::to_string(static_cast<long long>(max_stage_target)));
    stage s;
    s.duration = nanoseconds(std::llround(secs * 1e9));
    s.target = *value;
    total += s.duration;
    if (total > max_shape_length)
      return base::fail("--stages: the stages last over the limit of " + std::to_string(max_shape_length.count()) +
                        " h");
    out.push_back(s);
    begin = comma + 1;
  }
  if (total.count() == 0) return base::fail("--stages: every stage lasts 0 s; a shape needs some time");
  return out;
}

std::string to_string(const stage& s) {
  const double secs = seconds_of(s.duration);
  const double ms = secs * 1e3;
  const std::string dur = std::abs(ms - std::round(ms / 1000.0) * 1000.0) < 1e-6 ? stats::format_number(secs) + "s"
                                                                                 : stats::format_number(ms) + "ms";
  return dur + ":" + stats::format_number(s.target);
}

}  // namespace shield::load
