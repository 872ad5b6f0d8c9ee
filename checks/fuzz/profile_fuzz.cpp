// Target profiles as --profile reads them; an accepted profile's requests are rendered, and a
// rendered body must be JSON whatever the session id and text hold.

#include "checks/fuzz/fuzz_input.hpp"
#include "support/profile/headers.hpp"
#include "support/profile/loader.hpp"
#include "support/profile/render.hpp"

#include <boost/json/parse.hpp>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto profile = shield::profile::parse_profile(shield::fuzz::as_text(data, size), "fuzz.json");
  if (!profile) {
    (void)profile.error().message;
    return 0;
  }
  // Valid UTF-8 (as the suite's ids and payloads are) with every character JSON must escape.
  const std::string session = "s/\"?#%\\\x01\x1f{session_id}";
  const std::string text = "t\"\\\n\x7f\xc3\xa9{text}\u2028";
  for (const auto& ep : profile->endpoints) {
    (void)shield::profile::render_path(ep, session);
    const std::string body = shield::profile::render_body(ep, session, text);
    boost::system::error_code ec;
    if (ep.has_body() && (boost::json::parse(body, ec), ec)) std::abort();
  }
  (void)shield::profile::resolve_headers(
      *profile, [](const std::string& name) { return std::optional<std::string>(name == "EMPTY" ? "" : "secret"); });
  return 0;
}
