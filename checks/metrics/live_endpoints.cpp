#include "checks/metrics/live_endpoints.hpp"

#include <cstdlib>
#include <fstream>

namespace shield::metrics::live {
namespace {

live_url from(const char* env_name, const char* state_file, const char* fixture) {
  if (const char* env = std::getenv(env_name); env && *env) return std::string(env);
  const char* dir = std::getenv("SHIELD_STATE_DIR");
  if (dir && *dir) {
    std::ifstream in(std::string(dir) + "/" + state_file);
    if (std::string url; in >> url) return url;
  }
  return base::fail(std::string("no ") + env_name + " and no $SHIELD_STATE_DIR/" + state_file +
                    ": run under CTest (fixture " + fixture + ") or set " + env_name);
}

}  // namespace

live_url prometheus_url() { return from("SHIELD_PROMETHEUS", "prometheus.url", "shield_prometheus"); }
live_url target_url() { return from("SHIELD_TARGET", "target.url", "shield_backend"); }

}  // namespace shield::metrics::live
