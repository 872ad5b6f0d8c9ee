// The optional `pii_kinds` key: which PII kinds the backend is responsible for.

#include "support/payloads/planted_pii.hpp"
#include "support/profile/loader.hpp"
#include "checks/unit/profile/profile_test_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace shield::profile {
namespace {

using test::expect_rejected;
using test::mutated;
namespace json = boost::json;

TEST(ProfilePiiKinds, DefaultIsEveryKnownKind) {
  const auto loaded = parse_profile(mutated([](auto&) {}), test::bad_source);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(loaded->pii_kinds, known_pii_kinds());
  EXPECT_TRUE(unchecked_pii_kinds(*loaded).empty());
}

TEST(ProfilePiiKinds, ListedKindsAreCheckedTheOthersNot) {
  const auto loaded = parse_profile(mutated([](auto& d) {
                                      d["pii_kinds"] = json::array{"phone", "email"};
                                    }),
                                    test::bad_source);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(loaded->pii_kinds, (std::vector<std::string>{"phone", "email"}));
  EXPECT_EQ(unchecked_pii_kinds(*loaded),
            (std::vector<std::string>{"credit_card", "iban", "ip_address", "dni", "nie"}));
}

TEST(ProfilePiiKinds, UnknownKindIsAnErrorNamingFileAndKey) {
  expect_rejected(mutated([](auto& d) {
                    d["pii_kinds"] = json::array{"email", "passport"};
                  }),
                  "pii_kinds[1]",
                  "unknown PII kind 'passport' (known: email, phone, credit_card, iban, ip_address, dni, nie)");
  expect_rejected(mutated([](auto& d) {
                    d["pii_kinds"] = json::array{"email", "email"};
                  }),
                  "pii_kinds[1]", "listed twice");
  expect_rejected(mutated([](auto& d) { d["pii_kinds"] = json::array{}; }), "pii_kinds", "lists no PII kind");
  expect_rejected(mutated([](auto& d) { d["pii_kinds"] = "email"; }), "pii_kinds", "expected an array");
  expect_rejected(mutated([](auto& d) { d["pii_kinds"] = json::array{3}; }), "pii_kinds[0]", "expected a string");
  expect_rejected(mutated([](auto& d) { d["pii_kind"] = json::array{"email"}; }), "pii_kind",
                  "unknown key (did you mean 'pii_kinds'?)");
}

TEST(ProfilePiiKinds, KnownKindsAreThePayloadGeneratorsPatternKinds) {
  // The checks plant what the profile names: both lists must agree.
  std::vector<std::string> generated;
  for (auto kind : payloads::pattern_pii_kinds) generated.emplace_back(payloads::to_string(kind));
  EXPECT_EQ(generated, known_pii_kinds());
}

}  // namespace
}  // namespace shield::profile
