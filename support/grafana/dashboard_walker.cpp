#include "support/grafana/dashboard_walker.hpp"

#include "support/base/read_file.hpp"
#include "support/grafana/dashboard_document.hpp"
#include "support/grafana/detail/walk_parts.hpp"

namespace shield::grafana {

walk_result walk_dashboard(const boost::json::value& document) {
  walk_result out;
  const auto location = locate_dashboard(document);
  if (location.dashboard == nullptr) {
    out.errors.push_back({location.path, location.error});
    return out;
  }
  detail::walk_panels(*location.dashboard, location.path, out);
  detail::walk_templating(*location.dashboard, location.path, out);
  detail::walk_annotations(*location.dashboard, location.path, out);
  return out;
}

walk_result walk_dashboard_text(std::string_view text) {
  const auto document = parse_document(text);
  if (!document) {
    walk_result out;
    out.errors.push_back({"$", document.error().message});
    return out;
  }
  return walk_dashboard(*document);
}

walk_result walk_dashboard_file(const std::string& file) {
  const auto text = base::read_file(file);
  if (!text) {
    walk_result out;
    out.errors.push_back({"$", text.error().message});
    return out;
  }
  return walk_dashboard_text(*text);
}

}  // namespace shield::grafana
