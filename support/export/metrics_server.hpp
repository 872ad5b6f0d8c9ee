#pragma once
// A small HTTP/1.1 server (Beast) on its own thread that answers GET /metrics with a rendered
// exposition; everything else gets 404 (405 for another method on /metrics).

#include "support/export/listen_address.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace shield::live {

class metrics_server {
 public:
  // `render` is called on the server thread for every scrape.
  explicit metrics_server(std::function<std::string()> render);
  ~metrics_server();  // NOLINT(bugprone-exception-escape): stops the thread, closes every connection
  metrics_server(const metrics_server&) = delete;
  metrics_server& operator=(const metrics_server&) = delete;

  // Binds, listens and starts serving; the failure says why not (bad address, port in use).
  base::result<void> start(const listen_address& address);

  // The bound port (after start()).
  std::uint16_t port() const;

  // Scrapes answered so far (responses written out whole).
  std::uint64_t scrapes() const;

  // Whether a scraper has received, whole, an exposition rendered at or after `t`.
  bool delivered_since(std::chrono::steady_clock::time_point t) const;

  // Time between the last two scrapes (a scraper's interval); zero before the second.
  std::chrono::nanoseconds scrape_gap() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;  // pimpl: keeps Asio out of this header
};

}  // namespace shield::live
