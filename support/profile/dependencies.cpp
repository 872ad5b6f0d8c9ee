#include "support/profile/dependencies.hpp"

#include "support/profile/json_text.hpp"

#include <algorithm>
#include <cstddef>

namespace shield::profile {

namespace {

enum class mark { unvisited, in_progress, done };

std::size_t index_of(const target_profile& p, const std::string& name) {
  const auto it =
      std::find_if(p.endpoints.begin(), p.endpoints.end(), [&name](const endpoint& e) { return e.name == name; });
  return static_cast<std::size_t>(it - p.endpoints.begin());
}

std::string requires_key(std::size_t endpoint_index) {
  return json_path_child(json_path_index("endpoints", endpoint_index), "requires");
}

// Depth-first search; on a back edge, `stack` holds the path from the cycle's start.
bool find_cycle(const target_profile& p, std::size_t at, std::vector<mark>& marks, std::vector<std::size_t>& stack) {
  marks[at] = mark::in_progress;
  stack.push_back(at);
  for (const auto& dep : p.endpoints[at].dependencies) {
    const std::size_t next = index_of(p, dep);
    if (marks[next] == mark::in_progress) {
      stack.push_back(next);
      return true;
    }
    if (marks[next] == mark::unvisited && find_cycle(p, next, marks, stack)) return true;
  }
  stack.pop_back();
  marks[at] = mark::done;
  return false;
}

void visit_in_order(const target_profile& p, std::size_t at, std::vector<mark>& marks,
                    std::vector<const endpoint*>& out) {
  if (marks[at] != mark::unvisited) return;
  marks[at] = mark::in_progress;
  for (const auto& dep : p.endpoints[at].dependencies) {
    const std::size_t next = index_of(p, dep);
    if (next < p.endpoints.size()) visit_in_order(p, next, marks, out);
  }
  marks[at] = mark::done;
  out.push_back(&p.endpoints[at]);
}

}  // namespace

base::result<void> check_dependencies(const target_profile& profile) {
  const auto& eps = profile.endpoints;
  for (std::size_t i = 0; i < eps.size(); ++i) {
    for (const auto& dep : eps[i].dependencies) {
      if (index_of(profile, dep) == eps.size()) {
        return profile_failure(profile.source, requires_key(i),
                               "requires endpoint '" + dep + "', which does not exist");
      }
    }
  }
  std::vector<mark> marks(eps.size(), mark::unvisited);
  for (std::size_t i = 0; i < eps.size(); ++i) {
    std::vector<std::size_t> stack;
    if (marks[i] != mark::unvisited || !find_cycle(profile, i, marks, stack)) continue;
    // The cycle runs from the first occurrence of the repeated endpoint to the end of the stack.
    const std::size_t start = stack.back();
    std::string cycle;
    for (auto it = std::find(stack.begin(), stack.end(), start); it != stack.end(); ++it) {
      if (!cycle.empty()) cycle += " -> ";
      cycle += eps[*it].name;
    }
    return profile_failure(profile.source, requires_key(start), "dependency cycle: " + cycle);
  }
  return {};
}

std::vector<const endpoint*> dependency_order(const target_profile& profile) {
  std::vector<const endpoint*> out;
  out.reserve(profile.endpoints.size());
  std::vector<mark> marks(profile.endpoints.size(), mark::unvisited);
  for (std::size_t i = 0; i < profile.endpoints.size(); ++i) visit_in_order(profile, i, marks, out);
  return out;
}

}  // namespace shield::profile
