#include "checks/metrics/sample_traffic.hpp"

#include <unistd.h>

#include "support/profile/render.hpp"
#include "support/http/blocking_client.hpp"

namespace shield::metrics {

traffic_summary send_sample_traffic(const client::target_setup& setup, int rounds) {
  traffic_summary out;
  http::blocking_client client(setup.url, setup.options);
  const std::string text = "Contact Ana Torres at ana.torres@example.com or +34 612 345 678 about the invoice.";
  const std::string prefix = "metrics-check-" + std::to_string(::getpid()) + "-";
  // Endpoints without dependencies first, so dependent ones find the sessions they need.
  for (const bool dependent : {false, true}) {
    for (const auto& ep : setup.profile.endpoints) {
      if (ep.dependencies.empty() == dependent) continue;
      for (int i = 0; i < rounds; ++i) {
        const std::string session = prefix + std::to_string(i);
        http::request req;
        req.method = ep.method;
        req.target = profile::render_path(ep, session);
        req.body = profile::render_body(ep, session, text);
        req.headers = setup.http_headers();
        req.keep_events = false;
        const http::response res = client.send(req);
        ++out.sent;
        if (res.ok()) {
          ++out.answered;
        } else if (out.first_error.empty()) {
          out.first_error =
              ep.method + " " + req.target + ": " + std::string(http::to_string(res.error)) + " " + res.error_message;
        }
      }
    }
  }
  return out;
}

}  // namespace shield::metrics
