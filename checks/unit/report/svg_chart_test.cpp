// The SVG charts: axes scaled to the data, round ticks, escaped texts, "no data" when empty.
#include "support/report/html/svg_chart.hpp"

#include <gtest/gtest.h>

namespace shield::report {
namespace {

TEST(SvgChart, NiceTicksAreRound) {
  EXPECT_EQ(nice_ticks(0, 10), (std::vector<double>{0, 2.5, 5, 7.5, 10}));
  EXPECT_EQ(nice_ticks(0, 870), (std::vector<double>{0, 250, 500, 750, 1000}));
  EXPECT_TRUE(nice_ticks(5, 5).empty());
}

TEST(SvgChart, DrawsSeriesWithLegendAndEscapedText) {
  svg_chart c{"<t>", {"x&", {}, true}, {"y", {}, true}, {{"a<b", {{0, 0}, {1, 2}, {2, 4}}, false, true}}, 400, 200};
  const std::string svg = render_svg(c);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("<polyline"), std::string::npos);
  EXPECT_NE(svg.find("&lt;t&gt;"), std::string::npos);
  EXPECT_NE(svg.find("a&lt;b"), std::string::npos);
  EXPECT_NE(svg.find(">x&amp;<"), std::string::npos);
  EXPECT_EQ(svg.find("<t>"), std::string::npos);
  std::size_t circles = 0;
  for (auto at = svg.find("<circle"); at != std::string::npos; at = svg.find("<circle", at + 1)) ++circles;
  EXPECT_EQ(circles, 3u);
}

TEST(SvgChart, EmptyChartSaysNoData) {
  svg_chart c{"empty", {}, {}, {{"a", {}, false, false}}, 300, 200};
  EXPECT_NE(render_svg(c).find(">no data<"), std::string::npos);
}

}  // namespace
}  // namespace shield::report
