#include "support/prom/promql_lexer.hpp"

#include <utility>

#include "support/prom/text_scan.hpp"
#include "support/base/text.hpp"

namespace shield::prom {
namespace {

using base::is_digit;
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_word(char c) { return detail::is_label_name_char(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

class lexer {
 public:
  explicit lexer(std::string_view q) : q_(q) {}

  lex_result run() {
    lex_result result;
    while (!result.error) {
      skip_space_and_comments();
      if (pos_ >= q_.size()) {
        break;
      }
      if (auto err = next(result.tokens)) {
        result.error = std::move(err);
      }
    }
    if (!result.error && !open_.empty()) {
      const auto [ch, at] = open_.back();
      result.error = make_promql_error(q_, at, "unclosed '" + std::string(1, ch) + "'");
    }
    result.tokens.push_back(token{token_kind::end, q_.substr(q_.size()), q_.size(), {}, false});
    return result;
  }

 private:
  using error_t = std::optional<promql_error>;

  error_t fail(std::size_t at, std::string message) { return make_promql_error(q_, at, std::move(message)); }

  char at(std::size_t i) const { return i < q_.size() ? q_[i] : '\0'; }

  void skip_space_and_comments() {
    while (pos_ < q_.size()) {
      if (is_space(q_[pos_])) {
        ++pos_;
      } else if (q_[pos_] == '#') {
        while (pos_ < q_.size() && q_[pos_] != '\n') {
          ++pos_;
        }
      } else {
        return;
      }
    }
  }

  // Length of a Grafana variable at i ($x, ${x}, ${x:fmt}, and [[x]] when brackets allowed), or 0.
  std::size_t variable_length(std::size_t i, bool allow_brackets) const {
    if (at(i) == '$') {
      if (at(i + 1) == '{') {
        std::size_t j = i + 2;
        while (j < q_.size() && q_[j] != '}' && !is_space(q_[j])) {
          ++j;
        }
        return at(j) == '}' && j > i + 2 ? j + 1 - i : 0;
      }
      std::size_t j = i + 1;
      while (j < q_.size() && is_word(q_[j])) {
        ++j;
      }
      return j > i + 1 ? j - i : 0;
    }
    if (allow_brackets && at(i) == '[' && at(i + 1) == '[') {
      std::size_t j = i + 2;
      const std::size_t name_start = j;
      while (j < q_.size() && is_word(q_[j])) {
        ++j;
      }
      if (j == name_start) {
        return 0;
      }
      if (at(j) == ':') {
        const std::size_t fmt_start = ++j;
        while (j < q_.size() && is_word(q_[j])) {
          ++j;
        }
        if (j == fmt_start) {
          return 0;
        }
      }
      return at(j) == ']' && at(j + 1) == ']' ? j + 2 - i : 0;
    }
    return 0;
  }

  void push(std::vector<token>& out, token_kind kind, std::size_t start, std::size_t end) {
    out.push_back(token{kind, q_.substr(start, end - start), start, {}, false});
    pos_ = end;
  }

  error_t next(std::vector<token>& out) {
    const std::size_t start = pos_;
    const char c = q_[pos_];
    if (const std::size_t len = variable_length(pos_, true); len > 0 && c == '[') {
      push(out, token_kind::variable, start, start + len);
      return {};
    }
    if (is_digit(c) || (c == '.' && is_digit(at(pos_ + 1)))) {
      return number_or_duration(out);
    }
    if (detail::is_metric_name_start(c) || c == '$') {
      if (c == ':' && !open_.empty() && open_.back().first == '[') {
        push(out, token_kind::colon, start, start + 1);
        return {};
      }
      return word(out);
    }
    if (c == '"' || c == '\'' || c == '`') {
      return quoted(out);
    }
    return punctuation(out);
  }

  error_t word(std::vector<token>& out) {
    const std::size_t start = pos_;
    const bool in_brackets = !open_.empty() && open_.back().first == '[';
    std::size_t p = pos_;
    int variables = 0;
    bool plain = false;
    while (p < q_.size()) {
      const char c = q_[p];
      if (c == '$') {
        const std::size_t len = variable_length(p, false);
        if (len == 0) {
          break;
        }
        p += len;
        ++variables;
      } else if (detail::is_metric_name_char(c) && !(c == ':' && (variables > 0 || in_brackets))) {
        ++p;  // ':' ends the word after a variable or inside brackets
        plain = true;
      } else {
        break;
      }
    }
    if (p == start) {
      return fail(start, "unexpected character '$'");
    }
    if (variables == 1 && !plain) {
      push(out, token_kind::variable, start, p);
      return {};
    }
    push(out, token_kind::identifier, start, p);
    out.back().templated = variables > 0;
    return {};
  }

  // Digits followed by units (ms s m h d w y), repeated: 1h30m. Returns the end or 0.
  std::size_t duration_end(std::size_t p) const {
    bool any = false;
    while (is_digit(at(p))) {
      while (is_digit(at(p))) {
        ++p;
      }
      if (at(p) == 'm' && at(p + 1) == 's') {
        p += 2;
      } else if (at(p) == 's' || at(p) == 'm' || at(p) == 'h' || at(p) == 'd' || at(p) == 'w' || at(p) == 'y') {
        ++p;
      } else {
        return 0;
      }
      any = true;
    }
    return any && !is_word(at(p)) ? p : 0;
  }

  error_t number_or_duration(std::vector<token>& out) {
    const std::size_t start = pos_;
    std::size_t p = pos_;
    if (at(p) == '0' && (at(p + 1) == 'x' || at(p + 1) == 'X') && is_hex(at(p + 2))) {
      p += 2;
      while (is_hex(at(p))) {
        ++p;
      }
    } else {
      while (is_digit(at(p))) {
        ++p;
      }
      if (at(p) == '.') {
        ++p;
        while (is_digit(at(p))) {
          ++p;
        }
      }
      const bool exponent = (at(p) == 'e' || at(p) == 'E') &&
                            (is_digit(at(p + 1)) || ((at(p + 1) == '+' || at(p + 1) == '-') && is_digit(at(p + 2))));
      if (exponent) {
        p += 2;
        while (is_digit(at(p))) {
          ++p;
        }
      }
    }
    if (!is_word(at(p))) {
      push(out, token_kind::number, start, p);
      return {};
    }
    if (const std::size_t end = duration_end(start); end > 0) {
      push(out, token_kind::duration, start, end);
      return {};
    }
    std::size_t bad_end = p;
    while (is_word(at(bad_end))) {
      ++bad_end;
    }
    return fail(start, "bad number or duration syntax: \"" + std::string(q_.substr(start, bad_end - start)) + "\"");
  }

  error_t quoted(std::vector<token>& out) {
    const std::size_t start = pos_;
    const char quote = q_[pos_];
    std::string value;
    std::size_t p = pos_ + 1;
    while (true) {
      if (p >= q_.size() || (quote != '`' && q_[p] == '\n')) {
        return fail(start, quote == '`' ? "unterminated raw string" : "unterminated quoted string");
      }
      const char c = q_[p];
      if (c == quote) {
        ++p;
        break;
      }
      if (c != '\\' || quote == '`') {
        value.push_back(c);
        ++p;
        continue;
      }
      if (auto err = escape(p, quote, value)) {
        return err;
      }
    }
    push(out, token_kind::string, start, p);
    out.back().value = std::move(value);
    return {};
  }

  // Go-style escape at p (the backslash); advances p past it.
  error_t escape(std::size_t& p, char quote, std::string& value) {
    const std::size_t start = p;
    const char e = at(p + 1);
    p += 2;
    switch (e) {
      case 'a':
        value.push_back('\a');
        return {};
      case 'b':
        value.push_back('\b');
        return {};
      case 'f':
        value.push_back('\f');
        return {};
      case 'n':
        value.push_back('\n');
        return {};
      case 'r':
        value.push_back('\r');
        return {};
      case 't':
        value.push_back('\t');
        return {};
      case 'v':
        value.push_back('\v');
        return {};
      case '\\':
        value.push_back('\\');
        return {};
      default:
        break;
    }
    if (e == quote) {
      value.push_back(quote);
      return {};
    }
    int digits = 0;
    int base = 16;
    if (e >= '0' && e <= '7') {
      digits = 3;
      base = 8;
      p -= 1;  // the first octal digit is part of the value
    } else if (e == 'x') {
      digits = 2;
    } else if (e == 'u') {
      digits = 4;
    } else if (e == 'U') {
      digits = 8;
    } else {
      return fail(start, e == '\0' ? "escape sequence not terminated"
                                   : "unknown escape sequence '\\" + std::string(1, e) + "'");
    }
    unsigned long cp = 0;
    for (int i = 0; i < digits; ++i, ++p) {
      const char d = at(p);
      const bool ok = base == 8 ? (d >= '0' && d <= '7') : is_hex(d);
      if (!ok) {
        return fail(start, "invalid character in escape sequence");
      }
      cp = cp * static_cast<unsigned long>(base) + static_cast<unsigned long>(hex_value(d));
    }
    if (digits <= 3 || e == 'x') {
      value.push_back(static_cast<char>(cp & 0xFF));
    } else if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) {
      return fail(start, "escape sequence is an invalid Unicode code point");
    } else {
      append_utf8(value, cp);
    }
    return {};
  }

  error_t close(std::vector<token>& out, token_kind kind, char opener, char closer) {
    if (open_.empty() || open_.back().first != opener) {
      return fail(pos_, "unexpected '" + std::string(1, closer) + "'" +
                            (open_.empty() ? std::string()
                                           : " (expected to close '" + std::string(1, open_.back().first) + "')"));
    }
    open_.pop_back();
    push(out, kind, pos_, pos_ + 1);
    return {};
  }

  error_t punctuation(std::vector<token>& out) {
    const std::size_t s = pos_;
    const char c = q_[pos_];
    const char n = at(pos_ + 1);
    switch (c) {
      case '(':
      case '{':
      case '[':
        open_.emplace_back(c, s);
        push(out,
             c == '('   ? token_kind::left_paren
             : c == '{' ? token_kind::left_brace
                        : token_kind::left_bracket,
             s, s + 1);
        return {};
      case ')':
        return close(out, token_kind::right_paren, '(', ')');
      case '}':
        return close(out, token_kind::right_brace, '{', '}');
      case ']':
        return close(out, token_kind::right_bracket, '[', ']');
      case ',':
        push(out, token_kind::comma, s, s + 1);
        return {};
      case '@':
        push(out, token_kind::at, s, s + 1);
        return {};
      case '+':
        push(out, token_kind::plus, s, s + 1);
        return {};
      case '-':
        push(out, token_kind::minus, s, s + 1);
        return {};
      case '*':
        push(out, token_kind::star, s, s + 1);
        return {};
      case '/':
        push(out, token_kind::slash, s, s + 1);
        return {};
      case '%':
        push(out, token_kind::percent, s, s + 1);
        return {};
      case '^':
        push(out, token_kind::caret, s, s + 1);
        return {};
      case '=':
        if (n == '=')
          push(out, token_kind::equal_equal, s, s + 2);
        else if (n == '~')
          push(out, token_kind::regex_match, s, s + 2);
        else
          push(out, token_kind::assign, s, s + 1);
        return {};
      case '!':
        if (n == '=')
          push(out, token_kind::not_equal, s, s + 2);
        else if (n == '~')
          push(out, token_kind::regex_not, s, s + 2);
        else
          return fail(s, "unexpected character after '!'");
        return {};
      case '>':
        push(out, n == '=' ? token_kind::greater_equal : token_kind::greater, s, s + (n == '=' ? 2 : 1));
        return {};
      case '<':
        push(out, n == '=' ? token_kind::less_equal : token_kind::less, s, s + (n == '=' ? 2 : 1));
        return {};
      default:
        return fail(s, "unexpected character '" + std::string(1, c) + "'");
    }
  }

  std::string_view q_;                              // the query
  std::size_t pos_ = 0;                             // next byte to read
  std::vector<std::pair<char, std::size_t>> open_;  // unclosed ( { [ and where they opened
};

}  // namespace

lex_result lex_promql(std::string_view query) { return lexer(query).run(); }

}  // namespace shield::prom
