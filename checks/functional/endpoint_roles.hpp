#pragma once
// Finds the endpoints each check needs by what the profile says they do, never by path.
#include <string>
#include <vector>

#include "support/profile/profile.hpp"

namespace shield::functional {

// The profile's endpoints by role; nullptr when the profile has none of that kind.
struct endpoint_roles {
  const profile::endpoint* health = nullptr;      // first GET without path parameters answering JSON
  const profile::endpoint* anonymizer = nullptr;  // JSON answer with anonymized_text, {text} in its body
  const profile::endpoint* read_back = nullptr;   // requires the anonymizer and answers a mapping
  const profile::endpoint* stream = nullptr;      // sse answer, {text} in its body
  const profile::endpoint* metrics = nullptr;     // prometheus exposition
};

// Looks the roles up in profile order.
endpoint_roles find_roles(const profile::target_profile& profile);

// Whether ep's body template carries the generated text.
bool takes_text(const profile::endpoint& ep);

// Whether ep's path holds the session id.
bool path_has_session(const profile::endpoint& ep);

// The endpoints that must run before ep (transitively), in an order that satisfies them all.
std::vector<const profile::endpoint*> requirements_of(const profile::target_profile& profile,
                                                      const profile::endpoint& ep);

// "the profile <name> has no <what> endpoint", for skips and messages.
std::string missing_role(const profile::target_profile& profile, const std::string& what);

}  // namespace shield::functional
