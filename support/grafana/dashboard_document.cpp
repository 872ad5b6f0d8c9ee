#include "support/grafana/dashboard_document.hpp"

#include "support/base/json_error.hpp"
#include "support/grafana/json_path.hpp"

#include <boost/json/stream_parser.hpp>

namespace shield::grafana {

namespace {

// 1-based line and column of byte offset `at` in text.
std::string position_of(std::string_view text, std::size_t at) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

base::result<boost::json::value> parse_document(std::string_view text) {
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  // write() reports how far it got, which locates the error.
  const std::size_t used = parser.write_some(text.data(), text.size(), ec);
  if (!ec && used < text.size()) ec = boost::json::error::extra_data;
  if (!ec) parser.finish(ec);
  if (ec) return base::fail("not JSON: " + base::json_error_text(ec) + " at " + position_of(text, used));
  return parser.release();
}

dashboard_location locate_dashboard(const boost::json::value& root) {
  dashboard_location out;
  const auto* object = root.if_object();
  if (object == nullptr) {
    out.error = "expected a dashboard object, got " + std::string{json_kind_name(root)};
    return out;
  }
  const auto* inner = object->if_contains("dashboard");
  const bool own_layout = object->contains("panels") || object->contains("rows");
  if (inner != nullptr && inner->is_object() && !own_layout) {
    out.dashboard = &inner->get_object();
    out.path = member_path("$", "dashboard");
    return out;
  }
  if (inner != nullptr && !inner->is_object() && !own_layout) {
    out.path = member_path("$", "dashboard");
    out.error = "expected a dashboard object, got " + std::string{json_kind_name(*inner)};
    return out;
  }
  out.dashboard = object;
  return out;
}

}  // namespace shield::grafana
