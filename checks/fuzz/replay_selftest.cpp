// A harness with planted faults, to show the corpus replayer failing: input "throw" throws,
// "abort" aborts, anything else passes.

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input == "throw") throw std::runtime_error("planted exception");
  if (input == "abort") std::abort();
  return 0;
}
