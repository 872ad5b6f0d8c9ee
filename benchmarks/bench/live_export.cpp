#include "live_export.hpp"

#include "bench_options.hpp"
#include "export/case_shapes.hpp"

namespace shield::bench {

live_options_result take_live_options(std::vector<std::string>& args) {
  live_options_result out;
  const auto value = take_value(args, "metrics_listen", out.error);
  if (!out.error.empty() || !value) return out;
  out.text = *value;
  auto parsed = live::parse_listen_address(*value);
  if (!parsed.address) {
    out.error = "--metrics_listen=" + parsed.error;
    return out;
  }
  out.listen = *parsed.address;
  return out;
}

std::string live_usage() {
  return "  --metrics_listen=HOST:PORT  serve the client's live Prometheus metrics at http://HOST:PORT/metrics\n"
         "                      for the whole run (a bare PORT listens on 127.0.0.1; 0 picks a free port);\n"
         "                      default off\n";
}

live_export::live_export(const profile::target_profile& profile)
    : profile_(profile), server_([this] { return metrics_.render(); }) {}

std::string live_export::start(const live::listen_address& address) {
  address_ = address;
  if (auto why = server_.start(address); !why.empty()) return why;
  address_.port = server_.port();
  return {};
}

std::string live_export::url() const { return "http://" + address_.to_string() + "/metrics"; }

std::unique_ptr<load::interval_observer> live_export::observe(const case_spec& spec) {
  return metrics_.observe(live::shape_of(profile_, spec.name, spec.endpoint));
}

}  // namespace shield::bench
