#pragma once
// Line charts as inline SVG, drawn by the project (no gnuplot, no script): axes with ticks,
// series as polylines with optional markers, a legend. Text is escaped.

#include <string>
#include <utility>
#include <vector>

namespace shield::report {

// One line of a chart.
struct svg_series {
  std::string name;                               // legend text
  std::vector<std::pair<double, double>> points;  // (x, y) in axis units, in x order
  bool dashed = false;                            // drawn dashed (e.g. a fitted model)
  bool markers = false;                           // a dot at every point (measurements)
};

// One axis; ticks are picked automatically unless given.
struct svg_axis {
  std::string label;                                  // axis title
  std::vector<std::pair<double, std::string>> ticks;  // (value, text); empty: "nice" ticks over the data
  bool from_zero = true;                              // the range starts at 0 (else at the data's minimum)
};

// A chart.
struct svg_chart {
  std::string title;               // above the plot
  svg_axis x;                      // horizontal axis
  svg_axis y;                      // vertical axis
  std::vector<svg_series> series;  // drawn in order, coloured from a fixed palette
  int width = 520;                 // pixels
  int height = 280;                // pixels
};

// The chart as an <svg> element (no xmlns needed inline in HTML5); "no data" when every series is empty.
std::string render_svg(const svg_chart& chart);

// Evenly spaced round tick values covering [low, high] (about `count` of them).
std::vector<double> nice_ticks(double low, double high, int count = 5);

}  // namespace shield::report
