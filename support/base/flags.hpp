#pragma once
// The one flag module every program uses: `--name=value` or `--name value`, switches as `--name` or
// `--name=true|false|1|0`. Same rules everywhere: a flag given twice, a missing value or a malformed
// switch is a failure naming the flag; a leftover `-x`/`--x` is an unknown flag.

#include "support/base/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shield::base {

// Takes flags out of an argument list one at a time; what is left belongs to someone else (Google
// Benchmark, GoogleTest, positional arguments). The first failure is kept; later takes do nothing.
class flag_reader {
 public:
  explicit flag_reader(std::vector<std::string>& args) : args_(args) {}

  // The value of `--name=value` or `--name value`, taken out of the list; nullopt when absent.
  std::optional<std::string> value(std::string_view name);

  // A switch: `--name` (true) or `--name=true|false|1|0`; nullopt when absent.
  std::optional<bool> toggle(std::string_view name);

  // Whether `--help` or `-h` was given (taken out of the list).
  bool help();

  // The first failure (repeated flag, missing value, malformed switch), or success.
  result<void> finish() const;

 private:
  std::vector<std::string>& args_;  // the program's arguments, shrinking as flags are taken
  std::optional<failure> failed_;   // the first failure; once set nothing more is taken
};

// Whether `args` holds `--<name>` or `--<name>=true|1` (a switch peeked at, not taken).
bool has_switch(const std::vector<std::string>& args, std::string_view name);

// Value of `--<name>=value` in args, empty when absent (peeked, not taken).
std::string peek_value(const std::vector<std::string>& args, std::string_view name);

// Fails naming the first argument left that looks like a flag (`-x`, `--x`): "unknown flag --x".
result<void> reject_unknown(const std::vector<std::string>& args);

// A whole number in [min, max] spelled with digits only; nullopt otherwise.
std::optional<std::uint64_t> parse_whole(std::string_view text, std::uint64_t min, std::uint64_t max);

// A finite number in (0, max]; nullopt otherwise.
std::optional<double> parse_positive(const std::string& text, double max);

}  // namespace shield::base
