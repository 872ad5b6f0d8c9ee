#pragma once
// Number conventions of the results document as written: what json_reader reads back.

#include <boost/json/value.hpp>

#include <chrono>
#include <cmath>

namespace shield::report::detail {

// A figure as written: null for NaN or infinity (JSON has neither).
inline boost::json::value json_number(double v) {
  if (!std::isfinite(v)) return nullptr;
  return v;
}

// A duration as written: seconds (nanoseconds / 1e9).
inline double json_seconds(std::chrono::nanoseconds d) { return static_cast<double>(d.count()) / 1e9; }

}  // namespace shield::report::detail
