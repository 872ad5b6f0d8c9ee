#include "support/report/results/json_reader.hpp"

#include "support/base/json_error.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <vector>

namespace shield::report::detail {

namespace json = boost::json;

namespace {

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string shown(const json::value& v) {
  std::string s = json::serialize(v);
  if (s.size() > 80) s = s.substr(0, 77) + "...";
  return s;
}

// Numbers compare by value whatever their storage (a writer's uint64 reads back as int64).
bool same_number(const json::value& a, const json::value& b) {
  const auto ca = as_count(a), cb = as_count(b);
  if (ca && cb) return *ca == *cb;
  if (a.is_int64() && b.is_int64()) return a.get_int64() == b.get_int64();
  return a.to_number<double>() == b.to_number<double>();
}

// The text of every number that is not an integer, in document order (strings skipped).
std::vector<std::string> double_texts(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      ++i;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const std::size_t start = i;
      while (i < text.size() && std::string_view("+-0123456789.eE").find(text[i]) != std::string_view::npos) ++i;
      const std::string_view number = text.substr(start, i - start);
      if (number.find_first_of(".eE") != std::string_view::npos) out.emplace_back(number);
    } else {
      ++i;
    }
  }
  return out;
}

// Replaces each double of `v`, in document order, by the correctly rounded value of its text.
void redo_doubles(json::value& v, const std::vector<std::string>& texts, std::size_t& next) {
  if (v.is_double()) {
    if (next < texts.size()) v = std::strtod(texts[next++].c_str(), nullptr);
  } else if (v.is_array()) {
    for (auto& e : v.get_array()) redo_doubles(e, texts, next);
  } else if (v.is_object()) {
    for (auto& kv : v.get_object()) redo_doubles(kv.value(), texts, next);
  }
}

}  // namespace

base::result<json::value> parse_exact(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return base::fail("does not parse: " + base::json_error_text(ec), ec);
  const auto texts = double_texts(text);
  std::size_t next = 0;
  redo_doubles(v, texts, next);
  if (next != texts.size()) return base::fail("does not parse: its numbers could not be read exactly");
  return v;
}

std::optional<std::uint64_t> as_count(const json::value& value) {
  if (value.is_uint64()) return value.get_uint64();
  if (value.is_int64() && value.get_int64() >= 0) return static_cast<std::uint64_t>(value.get_int64());
  return std::nullopt;
}

std::string json_object_reader::path_of(std::string_view key) const { return join(path_, key); }

base::result<const json::value*> json_object_reader::value(std::string_view key) const {
  const json::value* v = object_.if_contains(key);
  if (v == nullptr) return base::fail(path_of(key) + ": missing");
  return v;
}

base::result<json_object_reader> json_object_reader::child(std::string_view key) const {
  auto v = value(key);
  if (!v) return v.error();
  if (!(*v)->is_object()) return base::fail(path_of(key) + ": expected an object");
  return json_object_reader((*v)->get_object(), path_of(key));
}

base::result<const json::array*> json_object_reader::array(std::string_view key) const {
  auto v = value(key);
  if (!v) return v.error();
  if (!(*v)->is_array()) return base::fail(path_of(key) + ": expected an array");
  return &(*v)->get_array();
}

base::result<std::string> json_object_reader::text(std::string_view key) const {
  auto v = value(key);
  if (!v) return v.error();
  if (!(*v)->is_string()) return base::fail(path_of(key) + ": expected a string");
  return std::string((*v)->get_string());
}

base::result<std::uint64_t> json_object_reader::count(std::string_view key) const {
  auto v = value(key);
  if (!v) return v.error();
  const auto n = as_count(**v);
  if (!n) return base::fail(path_of(key) + ": expected a whole number >= 0, not " + shown(**v));
  return *n;
}

base::result<double> json_object_reader::number(std::string_view key) const {
  auto v = value(key);
  if (!v) return v.error();
  if ((*v)->is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (!(*v)->is_number()) return base::fail(path_of(key) + ": expected a number, not " + shown(**v));
  return (*v)->to_number<double>();
}

base::result<bool> json_object_reader::flag(std::string_view key) const {
  auto v = value(key);
  if (!v) return v.error();
  if (!(*v)->is_bool()) return base::fail(path_of(key) + ": expected true or false");
  return (*v)->get_bool();
}

base::result<std::optional<std::string>> json_object_reader::optional_text(std::string_view key) const {
  if (!object_.contains(key)) return std::optional<std::string>{};
  auto t = text(key);
  if (!t) return t.error();
  return std::optional<std::string>(std::move(*t));
}

base::result<std::optional<double>> json_object_reader::optional_number(std::string_view key) const {
  if (!object_.contains(key)) return std::optional<double>{};
  auto n = number(key);
  if (!n) return n.error();
  return std::optional<double>(*n);
}

base::result<std::uint32_t> json_object_reader::small_count(std::string_view key) const {
  auto n = count(key);
  if (!n) return n.error();
  if (*n > 0xffffffffu) return base::fail(path_of(key) + ": above 2^32");
  return static_cast<std::uint32_t>(*n);
}

base::result<std::vector<std::string>> json_object_reader::texts(std::string_view key) const {
  auto a = array(key);
  if (!a) return a.error();
  std::vector<std::string> out;
  for (std::size_t i = 0; i < (*a)->size(); ++i) {
    if (!(**a)[i].is_string()) return base::fail(path_of(key) + "[" + std::to_string(i) + "]: expected a string");
    out.emplace_back((**a)[i].get_string());
  }
  return out;
}

base::result<std::vector<json_object_reader>> json_object_reader::objects(std::string_view key) const {
  auto a = array(key);
  if (!a) return a.error();
  std::vector<json_object_reader> out;
  for (std::size_t i = 0; i < (*a)->size(); ++i) {
    const std::string where = path_of(key) + "[" + std::to_string(i) + "]";
    if (!(**a)[i].is_object()) return base::fail(where + ": expected an object");
    out.emplace_back((**a)[i].get_object(), where);
  }
  return out;
}

base::result<void> same_document(const json::value& document, const json::value& expected, const std::string& path) {
  const std::string where = path.empty() ? "document" : path;
  if (document.is_object() && expected.is_object()) {
    const auto& got = document.get_object();
    const auto& want = expected.get_object();
    for (const auto& [key, value] : got) {
      if (!want.contains(key)) return base::fail(join(path, key) + ": unknown key");
    }
    for (const auto& [key, value] : want) {
      const json::value* mine = got.if_contains(key);
      if (mine == nullptr) return base::fail(join(path, key) + ": missing");
      if (auto same = same_document(*mine, value, join(path, key)); !same) return same;
    }
    return {};
  }
  if (document.is_array() && expected.is_array()) {
    const auto& got = document.get_array();
    const auto& want = expected.get_array();
    if (got.size() != want.size())
      return base::fail(where + ": " + std::to_string(got.size()) +
                        " entries where the document's other figures give " + std::to_string(want.size()));
    for (std::size_t i = 0; i < got.size(); ++i) {
      if (auto same = same_document(got[i], want[i], path + "[" + std::to_string(i) + "]"); !same) return same;
    }
    return {};
  }
  const bool equal =
      (document.is_number() && expected.is_number()) ? same_number(document, expected) : document == expected;
  if (!equal)
    return base::fail(where + ": is " + shown(document) + " where the document's other figures give " +
                      shown(expected));
  return {};
}

}  // namespace shield::report::detail
