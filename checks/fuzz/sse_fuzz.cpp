// Server-Sent Events as a stream body arrives, cut into chunks anywhere: the first byte sets the
// chunk size, and the events must not depend on where the cuts fall.

#include "checks/fuzz/fuzz_input.hpp"
#include "support/http/sse_parser.hpp"

#include <cstdlib>
#include <string>
#include <vector>

namespace {

std::vector<std::string> events_of(std::string_view stream, std::size_t chunk) {
  shield::http::sse_parser parser;
  std::vector<std::string> out;
  while (!stream.empty()) {
    std::string_view piece = stream.substr(0, chunk);
    stream.remove_prefix(piece.size());
    while (parser.next(piece)) {
      const auto m = parser.message();
      out.push_back(std::string(m.event) + '\0' + std::string(m.data) + '\0' + std::string(m.id));
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t chunk = data[0] % 16 + 1;
  const auto stream = shield::fuzz::as_text(data + 1, size - 1);
  if (events_of(stream, chunk) != events_of(stream, stream.size() + 1)) std::abort();
  return 0;
}
