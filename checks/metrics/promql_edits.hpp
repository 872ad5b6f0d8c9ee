#pragma once
// Edited versions of a PromQL query, mistyped the way people mistype them: a misspelled function,
// a dropped or an added range, a broken regex, a wrong number of arguments, an unbalanced
// parenthesis. The offline analyzer's verdict on each is compared with a real Prometheus's.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace shield::metrics {

// One edited query and what was done to it.
struct promql_edit {
  std::string kind;   // misspelled_function, dropped_range, added_range, broken_regex, wrong_arity, unbalanced_paren
  std::string query;  // the edited text
};

// Every edit of each kind at every place it applies (at most `per_kind` per kind), in query order;
// edits that leave the text unchanged are left out. Empty when the query does not lex.
[[nodiscard]] std::vector<promql_edit> edit_query(std::string_view query, std::size_t per_kind = 6);

}  // namespace shield::metrics
