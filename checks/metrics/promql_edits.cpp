#include "checks/metrics/promql_edits.hpp"

#include <map>
#include <utility>

#include "support/prom/promql_lexer.hpp"

namespace shield::metrics {
namespace {

using prom::token;
using prom::token_kind;

// Collects edits, at most per_kind of each kind, skipping no-ops and repeats.
class edit_sink {
 public:
  edit_sink(std::string_view query, std::size_t per_kind) : query_(query), per_kind_(per_kind) {}

  // Replaces [from, to) with text.
  void add(const std::string& kind, std::size_t from, std::size_t to, std::string_view text) {
    std::string edited(query_);
    edited.replace(from, to - from, text);
    if (edited == query_ || counts_[kind] >= per_kind_) {
      return;
    }
    for (const promql_edit& e : edits_) {
      if (e.query == edited) return;
    }
    ++counts_[kind];
    edits_.push_back(promql_edit{kind, std::move(edited)});
  }

  std::vector<promql_edit> take() { return std::move(edits_); }

 private:
  std::string_view query_;                     // the original
  std::size_t per_kind_;                       // cap per kind
  std::map<std::string, std::size_t> counts_;  // edits kept per kind
  std::vector<promql_edit> edits_;             // in the order made
};

std::size_t end_of(const token& t) { return t.position + t.text.size(); }

// Index of the token closing the bracket opened at tokens[open], or tokens.size().
std::size_t closing(const std::vector<token>& tokens, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < tokens.size(); ++i) {
    const token_kind k = tokens[i].kind;
    depth += k == token_kind::left_paren || k == token_kind::left_bracket || k == token_kind::left_brace;
    depth -= k == token_kind::right_paren || k == token_kind::right_bracket || k == token_kind::right_brace;
    if (depth == 0) return i;
  }
  return tokens.size();
}

// First comma at the call's own depth after tokens[open], or tokens.size().
std::size_t first_argument_comma(const std::vector<token>& tokens, std::size_t open, std::size_t close) {
  for (std::size_t i = open + 1; i < close; ++i) {
    if (tokens[i].kind == token_kind::comma) return i;
    const token_kind k = tokens[i].kind;
    if (k == token_kind::left_paren || k == token_kind::left_bracket || k == token_kind::left_brace) {
      i = closing(tokens, i);
    }
  }
  return tokens.size();
}

std::string misspelled(std::string_view name) {
  std::string out(name);
  if (out.size() >= 3 && out[1] != out[2]) {
    std::swap(out[1], out[2]);  // rate -> rtae
  } else {
    out += 's';  // ln -> lns
  }
  return out;
}

}  // namespace

std::vector<promql_edit> edit_query(std::string_view query, std::size_t per_kind) {
  const prom::lex_result lexed = prom::lex_promql(query);
  if (lexed.error) {
    return {};
  }
  const std::vector<token>& t = lexed.tokens;
  edit_sink sink(query, per_kind);
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    const token& cur = t[i];
    const token& next = t[i + 1];
    if (cur.kind == token_kind::identifier && !cur.templated && next.kind == token_kind::left_paren) {
      sink.add("misspelled_function", cur.position, end_of(cur), misspelled(cur.text));
      const std::size_t close = closing(t, i + 1);
      if (close < t.size()) {
        sink.add("wrong_arity", end_of(next), end_of(next), "1, ");
        const std::size_t comma = first_argument_comma(t, i + 1, close);
        if (comma < close) {
          sink.add("wrong_arity", end_of(next), t[comma + 1].position, "");  // first argument dropped
        } else {
          sink.add("wrong_arity", t[close].position, t[close].position, ", 1");
        }
      }
    }
    if (cur.kind == token_kind::left_bracket) {
      const std::size_t close = closing(t, i);
      if (close < t.size()) sink.add("dropped_range", cur.position, end_of(t[close]), "");
    }
    const bool selector_end = (cur.kind == token_kind::identifier && next.kind != token_kind::left_paren &&
                               next.kind != token_kind::left_brace) ||
                              cur.kind == token_kind::right_brace;
    if (selector_end && next.kind != token_kind::left_bracket) {
      sink.add("added_range", end_of(cur), end_of(cur), "[5m]");
    }
    if (cur.kind == token_kind::string && i > 0 &&
        (t[i - 1].kind == token_kind::regex_match || t[i - 1].kind == token_kind::regex_not)) {
      sink.add("broken_regex", cur.position + 1, cur.position + 1, "(");
    }
    if (cur.kind == token_kind::string && i > 0 && t[i - 1].kind == token_kind::assign) {
      const std::string opened = std::string("=~") + cur.text.front() + "[";  // job="x" -> job=~"[x"
      sink.add("broken_regex", t[i - 1].position, cur.position + 1, opened);
    }
    if (cur.kind == token_kind::right_paren) {
      sink.add("unbalanced_paren", cur.position, end_of(cur), "");
    }
  }
  sink.add("unbalanced_paren", 0, 0, "(");
  sink.add("unbalanced_paren", query.size(), query.size(), ")");
  return sink.take();
}

}  // namespace shield::metrics
