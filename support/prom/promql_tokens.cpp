// Token names and error positions shared by the PromQL lexer and parser.

#include <string>
#include <utility>

#include "support/prom/promql_lexer.hpp"

namespace shield::prom {

promql_error make_promql_error(std::string_view query, std::size_t position, std::string message) {
  promql_error e;
  e.position = position;
  e.message = std::move(message);
  for (std::size_t i = 0; i < position && i < query.size(); ++i) {
    if (query[i] == '\n') {
      ++e.line;
      e.column = 1;
    } else {
      ++e.column;
    }
  }
  return e;
}

std::string_view describe(token_kind kind) {
  switch (kind) {
    case token_kind::end:
      return "end of input";
    case token_kind::identifier:
      return "identifier";
    case token_kind::number:
      return "number";
    case token_kind::duration:
      return "duration";
    case token_kind::string:
      return "string";
    case token_kind::variable:
      return "variable";
    case token_kind::left_paren:
      return "\"(\"";
    case token_kind::right_paren:
      return "\")\"";
    case token_kind::left_brace:
      return "\"{\"";
    case token_kind::right_brace:
      return "\"}\"";
    case token_kind::left_bracket:
      return "\"[\"";
    case token_kind::right_bracket:
      return "\"]\"";
    case token_kind::comma:
      return "\",\"";
    case token_kind::colon:
      return "\":\"";
    case token_kind::at:
      return "\"@\"";
    case token_kind::plus:
      return "\"+\"";
    case token_kind::minus:
      return "\"-\"";
    case token_kind::star:
      return "\"*\"";
    case token_kind::slash:
      return "\"/\"";
    case token_kind::percent:
      return "\"%\"";
    case token_kind::caret:
      return "\"^\"";
    case token_kind::equal_equal:
      return "\"==\"";
    case token_kind::not_equal:
      return "\"!=\"";
    case token_kind::greater:
      return "\">\"";
    case token_kind::less:
      return "\"<\"";
    case token_kind::greater_equal:
      return "\">=\"";
    case token_kind::less_equal:
      return "\"<=\"";
    case token_kind::assign:
      return "\"=\"";
    case token_kind::regex_match:
      return "\"=~\"";
    case token_kind::regex_not:
      return "\"!~\"";
  }
  return "token";
}

}  // namespace shield::prom
