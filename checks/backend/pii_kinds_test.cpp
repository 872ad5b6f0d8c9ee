// Every PII kind is found and replaced over HTTP; values with a wrong checksum are left alone.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <ostream>

#include "checks/backend/backend_harness.hpp"

namespace shield::backend_checks {
namespace {

struct pii_case {
  const char* name;   // test name suffix
  std::string value;  // the PII value planted in a sentence
  std::string type;   // placeholder type expected, empty when the value must be left alone
  // Shown by GoogleTest instead of the struct's bytes.
  friend void PrintTo(const pii_case& c, std::ostream* os) { *os << c.value; }
};

std::vector<pii_case> pii_cases() {
  return {
      {"Email", "maria.lopez@correo.es", "EMAIL"},
      {"SpanishMobile", "612 345 678", "PHONE"},
      {"SpanishWithPrefix", "+34 612345678", "PHONE"},
      {"International", "+44 20 7946 0958", "PHONE"},
      {"CardLuhnValid", "4111 1111 1111 1111", "CREDIT_CARD"},
      {"CardLuhnInvalid", "4111 1111 1111 1112", ""},
      {"IbanValid", "ES91 2100 0418 4502 0005 1332", "IBAN"},
      {"IbanBadCheck", "ES92 2100 0418 4502 0005 1332", ""},
      {"Ipv4", "192.168.10.200", "IP_ADDRESS"},
      {"Ipv4OctetTooLarge", "192.168.10.300", ""},
      {"DniValid", "12345678Z", "DNI"},
      {"DniWrongLetter", "12345678A", ""},
      {"NieValid", "X1234567L", "NIE"},
      {"NieWrongLetter", "X1234567T", ""},
  };
}

class BackendPiiKinds : public ::testing::TestWithParam<pii_case> {
 protected:
  static void SetUpTestSuite() { harness_ = start_shared({}); }
  static void TearDownTestSuite() { harness_.reset(); }
  static std::unique_ptr<backend_harness> harness_;
};
std::unique_ptr<backend_harness> BackendPiiKinds::harness_;

TEST_P(BackendPiiKinds, FoundAndReplacedOnlyWhenValid) {
  ASSERT_NE(harness_, nullptr) << "backend did not start";
  const auto& c = GetParam();
  auto client = harness_->client();
  const std::string text = "Hola, el dato es " + c.value + " y nada más.";
  const auto body = anonymize(client, text, std::string("kinds-") + c.name);
  ASSERT_TRUE(body.is_object());
  const std::string anonymized(body.at("anonymized_text").as_string());
  const auto& entities = body.at("entities").as_array();
  if (c.type.empty()) {
    EXPECT_EQ(anonymized, text) << "a value with a wrong checksum was replaced";
    EXPECT_TRUE(entities.empty()) << boost::json::serialize(entities);
    return;
  }
  const std::string placeholder = "<" + c.type + "_1>";
  EXPECT_EQ(anonymized, "Hola, el dato es " + placeholder + " y nada más.");
  ASSERT_EQ(entities.size(), 1u) << boost::json::serialize(entities);
  EXPECT_EQ(entities[0].at("type").as_string(), c.type);
  EXPECT_EQ(entities[0].at("placeholder").as_string(), placeholder);
  EXPECT_EQ(entities[0].at("start").to_number<std::size_t>(), 17u);
  EXPECT_EQ(entities[0].at("end").to_number<std::size_t>(), 17u + c.value.size());
}

INSTANTIATE_TEST_SUITE_P(Kinds, BackendPiiKinds, ::testing::ValuesIn(pii_cases()),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace shield::backend_checks
