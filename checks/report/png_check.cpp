// shield_png_check FILE [--min_colours=N] [--min_ink=PERCENT]: reads a PNG (libpng) and fails
// (exit 1) when it looks blank: fewer distinct colours than N, or less than PERCENT of its pixels
// differing from the most common colour (the background). Exit 2 for an unreadable file or bad flag.
#include <png.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: shield_png_check FILE [--min_colours=N] [--min_ink=PERCENT]\n");
    return 2;
  }
  long min_colours = 16;
  double min_ink = 1.0;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    char* end = nullptr;
    if (a.rfind("--min_colours=", 0) == 0) {
      min_colours = std::strtol(a.c_str() + 14, &end, 10);
    } else if (a.rfind("--min_ink=", 0) == 0) {
      min_ink = std::strtod(a.c_str() + 10, &end);
    }
    if (end == nullptr || *end != '\0') {
      std::fprintf(stderr, "shield_png_check: bad argument '%s'\n", a.c_str());
      return 2;
    }
  }
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_file(&image, argv[1]) == 0) {
    std::fprintf(stderr, "shield_png_check: %s: %s\n", argv[1], image.message);
    return 2;
  }
  image.format = PNG_FORMAT_RGBA;
  std::vector<std::uint8_t> pixels(PNG_IMAGE_SIZE(image));
  if (png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr) == 0) {
    std::fprintf(stderr, "shield_png_check: %s: %s\n", argv[1], image.message);
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
  std::printf("%s: %ux%u, %zu distinct colours, %.2f %% of pixels differ from the background\n", argv[1], image.width,
              image.height, colours.size(), ink);
  if (static_cast<long>(colours.size()) < min_colours || ink < min_ink) {
    std::printf("shield_png_check: looks blank (need %ld colours and %.2f %% ink)\n", min_colours, min_ink);
    return 1;
  }
  return 0;
}
