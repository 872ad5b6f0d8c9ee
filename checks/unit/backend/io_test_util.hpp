#pragma once
// Drives an io_context from a test until a condition holds, bounded in time.

#include <boost/asio/io_context.hpp>

#include <chrono>

namespace shield::backend::testing {

// Runs `io` in 5 ms slices until `done()` or `within` elapsed; returns done().
template <class Pred>
bool run_until(boost::asio::io_context& io, Pred done, std::chrono::milliseconds within = std::chrono::seconds(5)) {
  const auto deadline = std::chrono::steady_clock::now() + within;
  while (!done() && std::chrono::steady_clock::now() < deadline) {
    io.restart();
    io.run_for(std::chrono::milliseconds(5));
  }
  return done();
}

}  // namespace shield::backend::testing
