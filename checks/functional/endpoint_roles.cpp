#include "checks/functional/endpoint_roles.hpp"

#include <algorithm>
#include <set>

#include "support/profile/dependencies.hpp"

namespace shield::functional {

bool takes_text(const profile::endpoint& ep) {
  return ep.has_body() && ep.body_template.uses(profile::placeholder::text);
}

bool path_has_session(const profile::endpoint& ep) { return ep.path_template.uses(profile::placeholder::session_id); }

endpoint_roles find_roles(const profile::target_profile& p) {
  endpoint_roles r;
  for (const auto& ep : p.endpoints) {
    const bool json = ep.response == profile::response_kind::json;
    if (!r.health && json && ep.method == "GET" && !path_has_session(ep) && !ep.has_body()) r.health = &ep;
    if (!r.anonymizer && json && takes_text(ep) && ep.field("anonymized_text")) r.anonymizer = &ep;
    if (!r.stream && ep.response == profile::response_kind::sse && takes_text(ep)) r.stream = &ep;
    if (!r.metrics && ep.response == profile::response_kind::prometheus) r.metrics = &ep;
  }
  // The read-back is the endpoint that needs the anonymizer first and returns its mapping.
  if (r.anonymizer) {
    for (const auto& ep : p.endpoints) {
      const auto& deps = ep.dependencies;
      if (std::find(deps.begin(), deps.end(), r.anonymizer->name) != deps.end() && ep.field("mapping")) {
        r.read_back = &ep;
        break;
      }
    }
  }
  return r;
}

std::vector<const profile::endpoint*> requirements_of(const profile::target_profile& p, const profile::endpoint& ep) {
  // Collect the transitive requirements, then keep the profile's dependency order.
  std::set<std::string> needed;
  std::vector<const profile::endpoint*> pending{&ep};
  while (!pending.empty()) {
    const auto* cur = pending.back();
    pending.pop_back();
    for (const auto& name : cur->dependencies) {
      if (!needed.insert(name).second) continue;
      if (const auto* dep = p.find_endpoint(name)) pending.push_back(dep);
    }
  }
  std::vector<const profile::endpoint*> out;
  for (const auto* e : profile::dependency_order(p)) {
    if (needed.count(e->name) != 0 && e != &ep) out.push_back(e);
  }
  return out;
}

std::string missing_role(const profile::target_profile& p, const std::string& what) {
  return "the profile '" + p.name + "' (" + p.source + ") has no " + what + " endpoint";
}

}  // namespace shield::functional
