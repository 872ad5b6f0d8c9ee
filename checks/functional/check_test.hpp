#pragma once
// Base fixture of the functional checks: the target and its endpoints by role.
#include <gtest/gtest.h>

#include <optional>

#include "checks/functional/answers.hpp"
#include "checks/functional/check_context.hpp"
#include "checks/functional/check_http.hpp"
#include "checks/client/gtest_target.hpp"
#include "checks/functional/endpoint_roles.hpp"

namespace shield::functional {

class CheckTest : public client::TargetTest {
 protected:
  // The profile's endpoints by role (looked up once per test).
  const endpoint_roles& roles() {
    if (!roles_) roles_ = find_roles(profile());
    return *roles_;
  }

 private:
  std::optional<endpoint_roles> roles_;  // cached lookup, set on first use
};

// Skips the current test when the profile lacks a role (never the case with the default profile;
// the self-test asserts that nothing is skipped there).
#define SHIELD_REQUIRE_ROLE(ptr, what) \
  if ((ptr) == nullptr) GTEST_SKIP() << ::shield::functional::missing_role(profile(), what)

}  // namespace shield::functional
