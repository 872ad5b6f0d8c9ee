// shield_png_check FILE [--min_colours=N] [--min_ink=PERCENT]: reads a PNG (libpng) and fails
// (exit 1) when it looks blank: fewer distinct colours than N, or less than PERCENT of its pixels
// differing from the most common colour (the background). Exit 2 for an unreadable file or bad flag.
#include "support/base/flags.hpp"

#include <png.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr, "shield_png_check: %s\nusage: shield_png_check FILE [--min_colours=N] [--min_ink=PERCENT]\n",
               why.c_str());
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  // The one flag module's rules (support/base/flags.hpp): repeated, unknown or malformed flags fail.
  std::vector<std::string> args(argv + 1, argv + argc);
  shield::base::flag_reader flags(args);
  const auto colours_text = flags.value("min_colours");
  const auto ink_text = flags.value("min_ink");
  if (auto taken = flags.finish(); !taken) usage(taken.error().message);
  if (auto unknown = shield::base::reject_unknown(args); !unknown) usage(unknown.error().message);
  if (args.size() != 1) usage("expected one PNG file");
  const std::string file = args.front();
  long min_colours = 16;
  double min_ink = 1.0;
  if (colours_text) {
    const auto n = shield::base::parse_whole(*colours_text, 0, 1u << 24);
    if (!n) usage("--min_colours=" + *colours_text + ": expected a whole number");
    min_colours = static_cast<long>(*n);
  }
  if (ink_text) {
    const auto p = shield::base::parse_positive(*ink_text, 100.0);
    if (!p) usage("--min_ink=" + *ink_text + ": expected a percentage in (0, 100]");
    min_ink = *p;
  }
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_file(&image, file.c_str()) == 0) {
    std::fprintf(stderr, "shield_png_check: %s: %s\n", file.c_str(), image.message);
    return 2;
  }
  image.format = PNG_FORMAT_RGBA;
  std::vector<std::uint8_t> pixels(PNG_IMAGE_SIZE(image));
  if (png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr) == 0) {
    std::fprintf(stderr, "shield_png_check: %s: %s\n", file.c_str(), image.message);
    return 2;
  }
  std::unordered_map<std::uint32_t, std::uint64_t> colours;
  for (std::size_t i = 0; i + 3 < pixels.size(); i += 4) {
    const std::uint32_t c =
        pixels[i] | (pixels[i + 1] << 8) | (pixels[i + 2] << 16) | (std::uint32_t{pixels[i + 3]} << 24);
    ++colours[c];
  }
  const std::uint64_t total = static_cast<std::uint64_t>(image.width) * image.height;
  std::uint64_t background = 0;
  for (const auto& [c, n] : colours) background = std::max(background, n);
  const double ink = total ? 100.0 * static_cast<double>(total - background) / static_cast<double>(total) : 0.0;
  std::printf("%s: %ux%u, %zu distinct colours, %.2f %% of pixels differ from the background\n", file.c_str(),
              image.width, image.height, colours.size(), ink);
  if (static_cast<long>(colours.size()) < min_colours || ink < min_ink) {
    std::printf("shield_png_check: looks blank (need %ld colours and %.2f %% ink)\n", min_colours, min_ink);
    return 1;
  }
  return 0;
}
