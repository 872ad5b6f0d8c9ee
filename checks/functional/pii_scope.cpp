#include "checks/functional/pii_scope.hpp"

#include "checks/client/gtest_target.hpp"
#include "support/payloads/kind_scope.hpp"

namespace shield::functional {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

std::vector<payloads::pii_kind> checked_kinds(const profile::target_profile& profile) {
  if (profile.pii_kinds.empty()) return {payloads::pattern_pii_kinds.begin(), payloads::pattern_pii_kinds.end()};
  std::vector<payloads::pii_kind> out;
  for (const auto& name : profile.pii_kinds) {
    // The loader admits only known names; profile_unit_tests keep both lists equal.
    if (const auto kind = payloads::parse_pii_kind(name)) out.push_back(*kind);
  }
  return out;
}

payloads::pii_text in_scope(const payloads::pii_text& text) {
  return payloads::keep_kinds(text, checked_kinds(client::current_target().profile));
}

payloads::session_batch in_scope(payloads::session_batch batch) {
  return payloads::keep_kinds(std::move(batch), checked_kinds(client::current_target().profile));
}

std::string describe_scope(const profile::target_profile& profile) {
  const auto unchecked = profile::unchecked_pii_kinds(profile);
  std::vector<std::string> checked;
  for (auto kind : checked_kinds(profile)) checked.emplace_back(payloads::to_string(kind));
  if (unchecked.empty())
    return "PII kinds checked: all " + std::to_string(checked.size()) + " (" + joined(checked) + ")";
  return "PII kinds checked: " + joined(checked) + "; not checked (pii_kinds of profile '" + profile.name +
         "'): " + joined(unchecked);
}

}  // namespace shield::functional
