#include "checks/functional/check_context.hpp"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <random>

#include "support/payloads/rng.hpp"
#include "support/payloads/session_payloads.hpp"
#include "support/base/flags.hpp"

namespace shield::functional {
namespace {
std::uint64_t& seed_storage() {
  static std::uint64_t seed = 1;
  return seed;
}

bool parse_seed(std::string_view text, std::uint64_t& out) {
  if (text.empty()) return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && ptr == text.data() + text.size();
}
}  // namespace

std::uint64_t run_seed() { return seed_storage(); }
void set_run_seed(std::uint64_t seed) { seed_storage() = seed; }

base::result<void> take_seed(std::vector<std::string>& args) {
  base::flag_reader flags(args);
  std::optional<std::string> text = flags.value("seed");
  if (auto taken = flags.finish(); !taken) return taken.error();
  if (!text) {
    if (const char* env = std::getenv("SHIELD_SEED"); env && *env) text = env;
  }
  if (text) {
    std::uint64_t seed = 0;
    if (!parse_seed(*text, seed)) return base::fail("--seed=" + *text + ": expected an unsigned integer");
    set_run_seed(seed);
    return {};
  }
  // A fresh seed per run keeps session ids of runs against the same backend apart.
  std::random_device device;
  set_run_seed((static_cast<std::uint64_t>(device()) << 32) ^ device());
  return {};
}

std::string session_name(std::string_view concern, std::size_t index) {
  std::string prefix = "chk-" + std::string(concern);
  // Session ids travel in paths too: keep them to letters, digits and '-'.
  for (auto& c : prefix) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '-';
  }
  return payloads::make_session_id(run_seed(), index, prefix);
}

std::uint64_t concern_seed(std::string_view concern) {
  return payloads::mix_seed(run_seed(), payloads::hash_seed(concern));
}

}  // namespace shield::functional
