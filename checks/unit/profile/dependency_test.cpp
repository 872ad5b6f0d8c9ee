// Ordering endpoints so that what an endpoint requires runs first; lookup by name.

#include "support/profile/dependencies.hpp"
#include "support/profile/loader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace shield::profile {
namespace {

// A profile whose endpoints are (name, requires...) pairs, in file order.
target_profile make_profile(const std::vector<std::pair<std::string, std::vector<std::string>>>& eps) {
  std::string text = R"({"name":"deps","endpoints":[)";
  for (std::size_t i = 0; i < eps.size(); ++i) {
    if (i != 0) text += ',';
    text += R"({"name":")" + eps[i].first + R"(","method":"GET","path":"/)" + eps[i].first + R"(","requires":[)";
    for (std::size_t j = 0; j < eps[i].second.size(); ++j) {
      if (j != 0) text += ',';
      text += '"' + eps[i].second[j] + '"';
    }
    text += "]}";
  }
  text += "]}";
  auto loaded = parse_profile(text, "deps.json");
  EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().message);
  return loaded ? std::move(loaded).value() : target_profile{};
}

std::vector<std::string> names(const std::vector<const endpoint*>& order) {
  std::vector<std::string> out;
  for (const auto* ep : order) out.push_back(ep->name);
  return out;
}

// Every endpoint appears once, after everything it requires.
void expect_dependencies_first(const target_profile& p, const std::vector<const endpoint*>& order) {
  ASSERT_EQ(order.size(), p.endpoints.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    for (const auto& dep : order[i]->dependencies) {
      bool earlier = false;
      for (std::size_t j = 0; j < i; ++j) earlier = earlier || order[j]->name == dep;
      EXPECT_TRUE(earlier) << order[i]->name << " before its dependency " << dep;
    }
    for (std::size_t j = i + 1; j < order.size(); ++j) EXPECT_NE(order[i], order[j]) << "repeated";
  }
}

TEST(ProfileDependencyOrder, IndependentEndpointsKeepFileOrder) {
  const auto p = make_profile({{"c", {}}, {"a", {}}, {"b", {}}});
  EXPECT_EQ(names(dependency_order(p)), (std::vector<std::string>{"c", "a", "b"}));
}

TEST(ProfileDependencyOrder, ChainListedBackwardsIsReversed) {
  const auto p = make_profile({{"read", {"update"}}, {"update", {"create"}}, {"create", {}}});
  const auto order = dependency_order(p);
  EXPECT_EQ(names(order), (std::vector<std::string>{"create", "update", "read"}));
  expect_dependencies_first(p, order);
}

TEST(ProfileDependencyOrder, DiamondRunsSharedDependencyOnce) {
  const auto p =
      make_profile({{"top", {"left", "right"}}, {"left", {"base"}}, {"right", {"base"}}, {"base", {}}, {"other", {}}});
  const auto order = dependency_order(p);
  EXPECT_EQ(names(order), (std::vector<std::string>{"base", "left", "right", "top", "other"}));
  expect_dependencies_first(p, order);
}

TEST(ProfileDependencyOrder, RequiresAcceptsAStringOrAnArray) {
  auto loaded = parse_profile(R"({"name":"d","endpoints":[
        {"name":"b","method":"GET","path":"/b","requires":"a"},
        {"name":"a","method":"GET","path":"/a"}]})",
                              "d.json");
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(loaded->endpoints[0].dependencies, std::vector<std::string>{"a"});
  EXPECT_EQ(names(dependency_order(*loaded)), (std::vector<std::string>{"a", "b"}));
}

TEST(ProfileFindEndpoint, ByExactName) {
  const auto p = make_profile({{"alpha", {}}, {"beta", {}}});
  ASSERT_NE(p.find_endpoint("beta"), nullptr);
  EXPECT_EQ(p.find_endpoint("beta"), &p.endpoints[1]);
  EXPECT_EQ(p.find_endpoint("Beta"), nullptr);
  EXPECT_EQ(p.find_endpoint("gamma"), nullptr);
  EXPECT_EQ(p.find_endpoint(""), nullptr);
}

TEST(ProfileCheckDependencies, ProgrammaticProfileWithCycleIsReported) {
  target_profile p = make_profile({{"x", {}}, {"y", {}}});
  p.endpoints[0].dependencies = {"y"};
  p.endpoints[1].dependencies = {"x"};
  const auto checked = check_dependencies(p);
  ASSERT_FALSE(checked);
  const std::string message = checked.error().message;
  EXPECT_TRUE(message.starts_with("deps.json: endpoints[")) << message;
  EXPECT_TRUE(message.ends_with("].requires: dependency cycle: x -> y -> x")) << message;
}

}  // namespace
}  // namespace shield::profile
