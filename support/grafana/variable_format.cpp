#include "support/grafana/variable_format.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

namespace shield::grafana {

namespace {

constexpr std::string_view regex_specials = "\\^$*+?.()|[]{}/";
constexpr std::string_view prometheus_regex_specials = "$^*{}[]'+?.()|";
constexpr std::string_view lucene_specials = "!*+-=<>&|()[]{}^~?:\\/\" \t\r\n";

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

template <typename Fn>
std::vector<std::string> map_values(const std::vector<std::string>& items, Fn fn) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(fn(item));
  return out;
}

// Each character of `specials` gets `escape` in front of it.
std::string escape_chars(std::string_view text, std::string_view specials, std::string_view escape) {
  std::string out;
  for (const char c : text) {
    if (specials.find(c) != std::string_view::npos) out += escape;
    out += c;
  }
  return out;
}

// Each occurrence of `from` replaced by `to`.
std::string replace_all(std::string_view text, char from, std::string_view to) {
  std::string out;
  for (const char c : text) {
    if (c == from)
      out += to;
    else
      out += c;
  }
  return out;
}

// The one value of a single-valued variable, or the list joined.
std::string scalar_or_joined(const variable_value& value, std::string_view separator) {
  if (!value.is_list && value.values.size() == 1) return value.values.front();
  return join(value.values, separator);
}

std::string json_text(const variable_value& value) {
  if (!value.is_list && value.values.size() == 1)
    return boost::json::serialize(boost::json::string{value.values.front()});
  boost::json::array array;
  for (const auto& item : value.values) array.emplace_back(boost::json::string{item});
  return boost::json::serialize(array);
}

std::string quoted_list(const variable_value& value, char quote, std::string_view quote_escape) {
  return join(map_values(value.values,
                         [&](const std::string& v) {
                           return std::string(1, quote) + replace_all(v, quote, quote_escape) + quote;
                         }),
              ",");
}

std::string lucene(const variable_value& value) {
  auto escape = [](const std::string& v) { return escape_chars(v, lucene_specials, "\\"); };
  if (!value.is_list && value.values.size() == 1) return escape(value.values.front());
  if (value.values.empty()) return "__empty__";
  return "(" + join(map_values(value.values, [&](const std::string& v) { return "\"" + escape(v) + "\""; }), " OR ") +
         ")";
}

std::string regex_list(const variable_value& value, std::string (*escape)(std::string_view)) {
  const auto escaped = map_values(value.values, [&](const std::string& v) { return escape(v); });
  if (escaped.size() == 1) return escaped.front();
  return "(" + join(escaped, "|") + ")";
}

std::string prometheus_regex_escape(std::string_view text) {
  // Backslashes doubled twice and specials escaped by `\\`, so the regex survives a PromQL string.
  std::string out;
  for (const char c : text) {
    if (c == '\\')
      out += "\\\\\\\\";
    else if (prometheus_regex_specials.find(c) != std::string_view::npos)
      out += std::string{"\\\\"} + c;
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string regex_escape(std::string_view text) { return escape_chars(text, regex_specials, "\\"); }

std::string percent_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 0x0f];
    }
  }
  return out;
}

base::result<std::string> format_value(std::string_view format, std::string_view name, const variable_value& value) {
  if (format == "regex") return regex_list(value, &regex_escape);
  if (format == "pipe") return join(value.values, "|");
  if (format == "csv" || format == "raw") return scalar_or_joined(value, ",");
  if (format == "json") return json_text(value);
  if (format == "glob") {
    if (value.values.size() > 1) return "{" + join(value.values, ",") + "}";
    return scalar_or_joined(value, ",");
  }
  if (format == "text") return join(value.texts.empty() ? value.values : value.texts, " + ");
  if (format == "queryparam") {
    const std::string key = "var-" + std::string{name} + "=";
    return join(map_values(value.values, [&](const std::string& v) { return key + percent_encode(v); }), "&");
  }
  if (format == "doublequote") return quoted_list(value, '"', "\\\"");
  if (format == "singlequote") return quoted_list(value, '\'', "\\'");
  if (format == "sqlstring") return quoted_list(value, '\'', "''");
  if (format == "lucene") return lucene(value);
  if (format == "percentencode") {
    if (value.values.size() > 1 || value.is_list) return percent_encode("{" + join(value.values, ",") + "}");
    return percent_encode(scalar_or_joined(value, ","));
  }
  if (format == "distributed") {
    // `a,name=b,name=c`: the first value bare, the others repeat the variable name.
    std::string out = value.values.empty() ? std::string{} : value.values.front();
    for (std::size_t i = 1; i < value.values.size(); ++i) out += "," + std::string{name} + "=" + value.values[i];
    return out;
  }
  return base::fail("unknown format '" + std::string{format} + "'");
}

std::string format_prometheus_default(const variable_value& value) {
  if (!value.regex_escaped) {
    std::string out;
    for (const char c : scalar_or_joined(value, ",")) {
      if (c == '\\')
        out += "\\\\";
      else if (c == '\'')
        out += "\\\\'";
      else
        out += c;
    }
    return out;
  }
  return regex_list(value, &prometheus_regex_escape);
}

}  // namespace shield::grafana
