// The suite proves it catches what it is for: against a backend with one deliberate bug (or one
// answering differently than its profile says), shield_checks fails exactly the tests written for
// that, and passes everything else.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>
#include <ostream>
#include <utility>

#include "checks/functional/selftest/checks_runner.hpp"
#include "fixtures/servers/backend_process.hpp"

namespace shield::functional_selftest {
namespace {

// Edits the default profile so it describes a backend that answers differently than the reference.
using profile_edit = std::function<void(boost::json::object& anonymize_endpoint)>;
// Edits the default profile's top level (e.g. pii_kinds).
using document_edit = std::function<void(boost::json::object& profile)>;

// One deliberately broken (or deliberately different) target and the tests that must catch it.
struct bug_case {
  // The last two are optional, so most cases read as {name, flags, edit, expected}.
  bug_case(std::string case_name, std::vector<std::string> backend_flags, profile_edit endpoint_edit,
           std::vector<std::string> failing, document_edit profile_top_edit = nullptr, std::string printed = {})
      : name(std::move(case_name)),
        flags(std::move(backend_flags)),
        edit(std::move(endpoint_edit)),
        expected(std::move(failing)),
        top_edit(std::move(profile_top_edit)),
        output_has(std::move(printed)) {}

  std::string name;                   // test parameter name
  std::vector<std::string> flags;     // extra reference backend flags (--bug=NAME)
  profile_edit edit;                  // null: the default profile's anonymize endpoint as is
  std::vector<std::string> expected;  // full names of the tests that must fail
  document_edit top_edit;             // null: the default profile's top level as is
  std::string output_has;             // text the run must print; empty: nothing particular
  friend void PrintTo(const bug_case& c, std::ostream* os) { *os << c.name; }
};

// Only e-mail and phone numbers are the backend's business.
void email_and_phone_only(boost::json::object& profile) { profile["pii_kinds"] = boost::json::array{"email", "phone"}; }

const std::string bad_input = "Profile/BadInput.AnswersA4xxWithAJsonErrorAndStaysHealthy/";

std::vector<bug_case> bug_cases() {
  return {
      {"none", {}, nullptr, {}},
      {"leak_pii", {"--bug=leak_pii"}, nullptr, {"Anonymization.NoPlantedValueRemainsInAnonymizedText"}},
      // The read-back answers with the last written session: also for a session never created.
      {"mix_sessions",
       {"--bug=mix_sessions"},
       nullptr,
       {"Anonymization.NothingOfOneSessionReachesAnother", "Isolation.FiftyConcurrentSessionsKeepTheirOwnPii",
        bad_input + "anonymized_request_unknown_session"}},
      {"miscount", {"--bug=miscount"}, nullptr, {"Accounting.RequestsTotalGrowsByExactlyTheRequestsSent"}},
      {"no_done", {"--bug=no_done"}, nullptr, {"Streaming.EndsWithTheEndMarker"}},
      {"json500",
       {"--bug=json500"},
       nullptr,
       {bad_input + "anonymize_malformed_json", bad_input + "chat_streaming_malformed_json"}},
      // A backend that names a field differently than its profile says: the contract catches it.
      {"renamed_field",
       {},
       [](boost::json::object& ep) { ep["fields"].as_object()["session_id"] = "/sessionId"; },
       {"Profile/Contract.AnswersAsTheProfileDescribes/anonymize"}},
      // A backend whose entity offsets are swapped: contract, round trip and consistency catch it.
      {"swapped_offsets",
       {},
       [](boost::json::object& ep) {
         auto& fields = ep["fields"].as_object();
         std::swap(fields["entity_start"], fields["entity_end"]);
       },
       {"Profile/Contract.AnswersAsTheProfileDescribes/anonymize", "RoundTrip.EntitiesPointAtTheOriginals",
        "Anonymization.PlaceholdersAreConsistentWithinASession"}},
      // Valid differences, no bug: empty text answered 422 is bad input (BadInput accepts that), and
      // no other check sends empty text as valid input.
      {"rejects_empty_text", {"--reject_empty_text"}, nullptr, {}},
      // A backend that covers e-mail and phones only: every other kind leaks unless the profile says so...
      {"email_phone_backend",
       {"--detect=email,phone"},
       nullptr,
       {"Anonymization.NoPlantedValueRemainsInAnonymizedText", "Anonymization.PlaceholdersAreConsistentWithinASession",
        "Isolation.FiftyConcurrentSessionsKeepTheirOwnPii"},
       nullptr,
       "PII kinds checked: all 7"},
      // ...and with "pii_kinds": ["email", "phone"] in its profile, it passes and the run says what was left out.
      {"email_phone_backend_scoped",
       {"--detect=email,phone"},
       nullptr,
       {},
       email_and_phone_only,
       "PII kinds checked: email, phone; not checked (pii_kinds of profile 'shield'): credit_card, iban, ip_address, "
       "dni, nie"},
  };
}

// Writes the default profile with `edit` applied to its anonymize endpoint and `top_edit` to its top
// level (either may be null); the file path, or "" on failure.
std::string write_profile(const std::string& dir, const profile_edit& edit, const document_edit& top_edit) {
  std::ifstream in(SHIELD_DEFAULT_PROFILE);
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  auto doc = boost::json::parse(text.str(), ec);
  if (ec) return {};
  for (auto& ep : doc.at("endpoints").as_array()) {
    if (edit && ep.at("name") == "anonymize") edit(ep.as_object());
  }
  if (top_edit) top_edit(doc.as_object());
  const std::string path = dir + "/profile.json";
  std::ofstream out(path);
  out << boost::json::serialize(doc);
  return out ? path : std::string();
}

class CatchesBug : public ::testing::TestWithParam<bug_case> {};

TEST_P(CatchesBug, FailsExactlyTheTestsForTheBug) {
  const auto& c = GetParam();
  const scratch_dir scratch("shield-checks-selftest");  // declared first: removed after the backend stopped
  const std::string& dir = scratch.path();
  ASSERT_FALSE(dir.empty());
  servers::backend_process backend;
  std::vector<std::string> flags{"--redis=none", "--ttft_ms=5", "--token_ms=1"};
  flags.insert(flags.end(), c.flags.begin(), c.flags.end());
  const auto started = backend.start(SHIELD_BACKEND_BIN, flags, dir);
  ASSERT_TRUE(started) << started.error();
  const std::string profile =
      c.edit || c.top_edit ? write_profile(dir, c.edit, c.top_edit) : std::string(SHIELD_DEFAULT_PROFILE);
  ASSERT_FALSE(profile.empty()) << "cannot write the edited profile in " << dir;

  const auto run =
      run_checks({"--target=" + backend.url(), "--profile=" + profile}, dir, std::chrono::seconds(240), true);
  ASSERT_TRUE(run.exit_status) << "shield_checks did not finish in time:\n" << run.output;
  ASSERT_TRUE(run.error.empty()) << run.error << "\n" << run.output;
  ASSERT_GT(run.tests.size(), 20u) << "too few tests ran:\n" << run.output;

  auto failed = failed_tests(run);
  auto expected = c.expected;
  std::sort(failed.begin(), failed.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(failed, expected) << "with '" << c.name << "'"
                              << " exactly the expected tests must fail\n"
                              << run.output.substr(run.output.size() > 6000 ? run.output.size() - 6000 : 0);
  EXPECT_TRUE(skipped_tests(run).empty()) << "nothing is skipped against the reference profile";
  EXPECT_EQ(*run.exit_status, expected.empty() ? 0 : 1) << "exit status follows the outcome";
  if (!c.output_has.empty()) {
    EXPECT_NE(run.output.find(c.output_has), std::string::npos) << run.output;
  }
  // Every failure says which rule broke and shows the exchange.
  for (const auto& t : run.tests) {
    if (!t.failed) continue;
    EXPECT_NE(t.first_failure.find("rule: "), std::string::npos) << t.name << ": " << t.first_failure;
    EXPECT_NE(t.first_failure.find("sent: "), std::string::npos) << t.name << ": " << t.first_failure;
    EXPECT_NE(t.first_failure.find("got: "), std::string::npos) << t.name << ": " << t.first_failure;
  }
}

INSTANTIATE_TEST_SUITE_P(ReferenceBackend, CatchesBug, ::testing::ValuesIn(bug_cases()),
                         [](const ::testing::TestParamInfo<bug_case>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace shield::functional_selftest
