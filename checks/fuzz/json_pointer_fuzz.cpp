// JSON pointers from a profile's `fields` applied to a response body: "POINTER\0JSON".

#include "checks/fuzz/fuzz_input.hpp"
#include "support/profile/json_pointer.hpp"

#include <boost/json/parse.hpp>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = shield::fuzz::split_parts(shield::fuzz::as_text(data, size), 2);
  const auto problem = shield::profile::check_json_pointer(parts[0]);
  boost::system::error_code ec;
  const auto doc = boost::json::parse(parts.size() == 2 ? parts[1] : std::string_view("{}"), ec);
  if (ec) return 0;
  ec = {};
  const auto* found = shield::profile::find_by_pointer(doc, parts[0], ec);
  // Found means no error; not found always says why.
  if ((found != nullptr) == static_cast<bool>(ec)) std::abort();
  (void)problem;
  return 0;
}
