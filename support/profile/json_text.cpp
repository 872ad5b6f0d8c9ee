#include "support/profile/json_text.hpp"

#include "support/base/json_error.hpp"
#include "support/profile/template_text.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cstdint>
#include <set>
#include <vector>

namespace shield::profile {

namespace {

namespace json = boost::json;

// SAX handler that only looks for keys repeated within one object, tracking the JSON path.
class duplicate_key_finder {
 public:
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) { return push(true); }
  bool on_object_end(std::size_t, json::error_code&) { return pop(); }
  bool on_array_begin(json::error_code&) { return push(false); }
  bool on_array_end(std::size_t, json::error_code&) { return pop(); }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code& ec) {
    key_.append(s.data(), s.size());
    frame& top = stack_.back();
    if (!top.keys.insert(key_).second) {
      duplicate_path_ = path_to(key_);
      ec = json::error::extra_data;  // any error stops the parser; duplicate_path_ says why
      return false;
    }
    top.key = std::move(key_);
    key_.clear();
    return true;
  }
  bool on_string_part(json::string_view, std::size_t, json::error_code&) { return true; }
  bool on_string(json::string_view, std::size_t, json::error_code&) { return value_done(); }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t, json::string_view, json::error_code&) { return value_done(); }
  bool on_uint64(std::uint64_t, json::string_view, json::error_code&) { return value_done(); }
  bool on_double(double, json::string_view, json::error_code&) { return value_done(); }
  bool on_bool(bool, json::error_code&) { return value_done(); }
  bool on_null(json::error_code&) { return value_done(); }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

  const std::string& duplicate_path() const noexcept { return duplicate_path_; }

 private:
  struct frame {
    bool object = false;                      // object or array
    std::set<std::string, std::less<>> keys;  // keys seen so far (objects)
    std::string key;                          // key of the value being parsed (objects)
    std::size_t count = 0;                    // completed elements (arrays)
  };

  bool push(bool object) {
    stack_.push_back(frame{object, {}, {}, 0});
    return true;
  }
  bool pop() {
    stack_.pop_back();
    return value_done();
  }
  bool value_done() {
    if (!stack_.empty() && !stack_.back().object) ++stack_.back().count;
    return true;
  }
  std::string path_to(std::string_view last_key) const {
    std::string path;
    for (std::size_t i = 0; i + 1 < stack_.size(); ++i) {
      path = stack_[i].object ? json_path_child(path, stack_[i].key) : json_path_index(path, stack_[i].count);
    }
    return json_path_child(path, last_key);
  }

  std::vector<frame> stack_;    // open containers, outermost first
  std::string key_;             // key being assembled from parts
  std::string duplicate_path_;  // set when a duplicate key stopped the parse
};

// 1-based line and column (in bytes) of an offset.
std::string position_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t last_newline = before.rfind('\n');
  const std::size_t column = last_newline == std::string_view::npos ? offset + 1 : offset - last_newline;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

bool simple_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

}  // namespace

std::string json_path_child(std::string_view path, std::string_view key) {
  std::string out(path);
  if (simple_key(key)) {
    if (!out.empty()) out += '.';
    out += key;
  } else {
    out += "[\"";
    append_json_escaped(out, key);
    out += "\"]";
  }
  return out;
}

std::string json_path_index(std::string_view path, std::size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

base::result<boost::json::value> parse_json_text(std::string_view text, std::string_view source_name) {
  const std::string source(source_name);
  // First pass: syntax (with a position) and duplicate keys.
  json::basic_parser<duplicate_key_finder> checker{json::parse_options{}};
  json::error_code ec;
  const std::size_t used = checker.write_some(false, text.data(), text.size(), ec);
  if (!checker.handler().duplicate_path().empty()) {
    return profile_failure(source, checker.handler().duplicate_path(),
                           "duplicate key in one object (" + position_of(text, used) + ")");
  }
  if (ec) {
    return profile_failure(source, "", "invalid JSON at " + position_of(text, used) + ": " + base::json_error_text(ec));
  }
  if (used != text.size()) {
    return profile_failure(source, "",
                           "invalid JSON at " + position_of(text, used) + ": extra data after the document");
  }
  // Second pass builds the document; it cannot fail on text the first pass accepted.
  json::value doc = json::parse(json::string_view(text.data(), text.size()), ec);
  if (ec) return profile_failure(source, "", "invalid JSON: " + ec.message());
  return doc;
}

}  // namespace shield::profile
