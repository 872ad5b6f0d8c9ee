#include "support/prom/promql_analyzer.hpp"

#include <algorithm>
#include <utility>

#include "support/prom/promql_parser.hpp"

namespace shield::prom {

std::vector<std::string> promql_analysis::metric_names() const {
  std::vector<std::string> names;
  for (const metric_reference& ref : metrics) {
    if (ref.match == name_match::exact && std::find(names.begin(), names.end(), ref.name) == names.end()) {
      names.push_back(ref.name);
    }
  }
  return names;
}

promql_analysis analyze_promql(std::string_view query) {
  promql_analysis out;
  lex_result lexed = lex_promql(query);
  if (lexed.error) {
    out.error = std::move(lexed.error);
    return out;
  }
  try {
    detail::promql_parser(lexed.tokens, out).run();
  } catch (const detail::syntax_failure& failure) {
    out.error = make_promql_error(query, failure.position, failure.message);
  }
  return out;
}

}  // namespace shield::prom
