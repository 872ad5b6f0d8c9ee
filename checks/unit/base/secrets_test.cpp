// Secret scrubbing: every registered value (and its JSON-escaped form) is replaced wherever it
// appears, the longest first; atomic writes scrub what they write.

#include "support/base/atomic_file.hpp"
#include "support/base/read_file.hpp"
#include "support/base/secrets.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace shield::base {
namespace {

TEST(Secrets, ScrubsEveryOccurrenceLongestFirst) {
  register_secret("Bearer tok-9f3a", "$SECRETS_TEST_TOKEN");
  register_secret("tok-9f3a", "$SECRETS_TEST_TOKEN");
  EXPECT_TRUE(have_secrets());
  EXPECT_EQ(scrub("got: 401 {\"echo\":\"Authorization: Bearer tok-9f3a\"} and tok-9f3a again"),
            "got: 401 {\"echo\":\"Authorization: <redacted: $SECRETS_TEST_TOKEN>\"} and "
            "<redacted: $SECRETS_TEST_TOKEN> again");
  EXPECT_EQ(scrub("nothing secret"), "nothing secret");
}

TEST(Secrets, ScrubsTheJsonEscapedForm) {
  register_secret("pa\"ss\\word", "$SECRETS_TEST_QUOTED");
  EXPECT_EQ(scrub(R"({"h":"pa\"ss\\word"})"), R"({"h":"<redacted: $SECRETS_TEST_QUOTED>"})");
}

TEST(Secrets, AtomicWritesScrub) {
  register_secret("tok-on-disk-77", "$SECRETS_TEST_DISK");
  const auto path = std::filesystem::temp_directory_path() / ("secrets_test." + std::to_string(::getpid()));
  ASSERT_TRUE(write_file_atomically(path, "{\"header\":\"tok-on-disk-77\"}"));
  const auto text = read_file(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "{\"header\":\"<redacted: $SECRETS_TEST_DISK>\"}");
}

}  // namespace
}  // namespace shield::base
