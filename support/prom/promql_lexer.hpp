#pragma once

// PromQL lexer with Grafana template variables.
//
// Variables ($var, ${var}, ${var:fmt}, [[var]], $__rate_interval ...) become `variable` tokens,
// or make an identifier `templated` when glued to name characters (foo_$suffix, ${job}_total).
// [[var]] is only recognised standing alone, never glued to a name. Inside [...] a ':' is the
// subquery separator; elsewhere it is part of a name (recording-rule names like job:foo:rate5m).
// Brackets are matched here so an unbalanced one is reported at its own position.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shield::prom {

enum class token_kind {
  end,            // end of input
  identifier,     // metric/label/function name or keyword (the parser decides)
  number,         // 1, 1.5, .5, 1e3, 0x1f
  duration,       // 5m, 1h30m, 100ms
  string,         // "..." '...' `...`
  variable,       // Grafana variable standing alone
  left_paren,     // (
  right_paren,    // )
  left_brace,     // {
  right_brace,    // }
  left_bracket,   // [
  right_bracket,  // ]
  comma,          // ,
  colon,          // : inside brackets
  at,             // @
  plus,           // +
  minus,          // -
  star,           // *
  slash,          // /
  percent,        // %
  caret,          // ^
  equal_equal,    // ==
  not_equal,      // !=
  greater,        // >
  less,           // <
  greater_equal,  // >=
  less_equal,     // <=
  assign,         // =
  regex_match,    // =~
  regex_not,      // !~
};

// One token of the query.
struct token {
  token_kind kind = token_kind::end;  // what it is
  std::string_view text;              // raw text as written
  std::size_t position = 0;           // byte offset in the query
  std::string value;                  // strings: contents with escapes resolved
  bool templated = false;             // identifier containing a Grafana variable
};

// Syntax error with its place in the query.
struct promql_error {
  std::size_t position = 0;  // byte offset
  std::size_t line = 1;      // 1-based line
  std::size_t column = 1;    // 1-based column (bytes)
  std::string message;       // what is wrong
};

// Tokens (ending with an `end` token) or the first lexical error.
struct lex_result {
  std::vector<token> tokens;          // token stream; views point into the query
  std::optional<promql_error> error;  // set when lexing failed
};

[[nodiscard]] lex_result lex_promql(std::string_view query);

// Error at a byte offset of query, with line and column filled in.
[[nodiscard]] promql_error make_promql_error(std::string_view query, std::size_t position, std::string message);

// Readable name of a token kind for messages.
[[nodiscard]] std::string_view describe(token_kind kind);

}  // namespace shield::prom
