#pragma once
// Strict typed access to a JSON object for the results reader: every read names the key path on
// failure ("cases[2].run.concurrency: expected a whole number").

#include "support/base/result.hpp"

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Shorthand in the readers: evaluate a result, return its failure from the enclosing function, else
// bind the value to `var`.
#define SHIELD_READ(var, expr)                \
  auto var##_read = (expr);                   \
  if (!var##_read) return var##_read.error(); \
  auto var = std::move(*var##_read)  // NOLINT(bugprone-macro-parentheses): `var` is a name being declared

namespace shield::report::detail {

// One JSON object and where it sits in the document.
class json_object_reader {
 public:
  json_object_reader(const boost::json::object& object, std::string path) : object_(object), path_(std::move(path)) {}

  // The path of `key` inside this object, e.g. "cases[2].run" + "concurrency".
  std::string path_of(std::string_view key) const;

  const boost::json::value* find(std::string_view key) const { return object_.if_contains(key); }
  const boost::json::object& object() const { return object_; }
  const std::string& path() const { return path_; }

  base::result<const boost::json::value*> value(std::string_view key) const;
  base::result<json_object_reader> child(std::string_view key) const;
  base::result<const boost::json::array*> array(std::string_view key) const;
  base::result<std::string> text(std::string_view key) const;
  base::result<std::uint64_t> count(std::string_view key) const;
  base::result<double> number(std::string_view key) const;  // null reads as NaN
  base::result<bool> flag(std::string_view key) const;
  // Absent keys read as nullopt; present ones must have the type.
  base::result<std::optional<std::string>> optional_text(std::string_view key) const;
  base::result<std::optional<double>> optional_number(std::string_view key) const;
  // A count that fits 32 bits (indexes, thread and shard counts).
  base::result<std::uint32_t> small_count(std::string_view key) const;
  // An array of strings.
  base::result<std::vector<std::string>> texts(std::string_view key) const;
  // Every element of the array at `key`, each an object, as readers ("key[i]").
  base::result<std::vector<json_object_reader>> objects(std::string_view key) const;

 private:
  const boost::json::object& object_;  // the object read
  std::string path_;                   // its place in the document ("" for the root)
};

// Parses JSON text with every double read correctly rounded (Boost.JSON 1.81's parser may miss the
// last bit, so a document written and read back would not be the same).
base::result<boost::json::value> parse_exact(std::string_view text);

// A non-negative JSON integer, either storage.
std::optional<std::uint64_t> as_count(const boost::json::value& value);

// Fails unless `document` and `expected` hold the same keys and equal values (numbers by value);
// names the first key that differs: unknown, missing or not what the other figures give.
base::result<void> same_document(const boost::json::value& document, const boost::json::value& expected,
                                 const std::string& path);

}  // namespace shield::report::detail
