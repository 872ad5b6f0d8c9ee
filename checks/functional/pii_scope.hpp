#pragma once
// The PII kinds this run plants and judges: the profile's pii_kinds (default: every kind).
#include <string>
#include <vector>

#include "support/payloads/planted_pii.hpp"
#include "support/payloads/session_payloads.hpp"
#include "support/profile/profile.hpp"

namespace shield::functional {

// The profile's pii_kinds as payload kinds (every pattern kind when the list is empty).
std::vector<payloads::pii_kind> checked_kinds(const profile::target_profile& profile);

// The text / sessions with only the current target's checked kinds planted (payloads::keep_kinds).
payloads::pii_text in_scope(const payloads::pii_text& text);
payloads::session_batch in_scope(payloads::session_batch batch);

// "PII kinds checked: email, phone; not checked (pii_kinds of profile 'x'): iban, ...", or
// "PII kinds checked: all 7 (...)" when nothing is left out.
std::string describe_scope(const profile::target_profile& profile);

}  // namespace shield::functional
