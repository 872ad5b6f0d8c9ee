#!/usr/bin/env bash
# check_errors.sh ROOT: one error convention (base::result<T>, support/base/result.hpp) in the C++
# files under ROOT/{support,fixtures,benchmarks,checks}. Fails, naming file and line, on a function
# comment that documents "empty string means success" (or "an error, else empty", "nullopt with
# error set"), an out-parameter error string (`std::string& error`), optional<string> returned as
# the problem, or a second `result` alias.
set -euo pipefail
root=${1:?usage: check_errors.sh ROOT}
cd "$root"
dirs=()
for d in support fixtures benchmarks checks; do [ -d "$d" ] && dirs+=("$d"); done
mapfile -t files < <(find "${dirs[@]}" -type f \( -name '*.hpp' -o -name '*.cpp' \) | sort)
[ "${#files[@]}" -gt 0 ] || { echo "check_errors.sh: no C++ files under $root" >&2; exit 1; }
bad=0
report() {  # RULE PATTERN [grep flags]: prints each match with the rule
  local rule=$1 pattern=$2
  shift 2
  local hits
  if hits=$(grep -nHE "$@" -- "$pattern" "${files[@]}"); then
    while IFS= read -r hit; do printf '%s  [%s]\n' "$hit" "$rule"; done <<<"$hits"
    bad=1
  fi
}
# Function comments (whole-line: a field's trailing comment documents data, e.g. an error recorded
# in a results document) that make an empty string the success value of a fallible call.
report "empty string as success: return base::result<void>" \
  '^[[:space:]]*//.*(empty( string)? (on|upon) success|empty( string)? (when|if) (fine|ok|valid|usable|successful|success|it (runs|ran|started))|empty (means|=) (success|ok|fine)|error.*else empty\b|empty or why|empty string when valid)' -i
report "error out-parameter: return base::result<T>" \
  '^[[:space:]]*//.*((nullopt|false|null(ptr)?) with .?error.? (set|saying)|error set (on|when) fail)'
# Declarations: a non-const std::string& (or pointer) that carries an error out of the call.
report "error out-parameter: return base::result<T>" \
  '[(,][[:space:]]*std::string[[:space:]]*[&*][[:space:]]*(error|err|why|problem|reason|error_message)[[:space:]]*[,)]'
# optional<string> as the problem of a check.
report "optional<string> as the problem: return base::result<void>" \
  'std::optional<std::string>[[:space:]]+[a-z_]*(problem|error|why)[a-z_]*[[:space:]]*\('
# One result name: base::result is the only alias called result.
aliases=$(grep -nHE 'using[[:space:]]+result[[:space:]]*=' "${files[@]}" | grep -v '^support/base/result.hpp:' || true)
if [ -n "$aliases" ]; then
  printf '%s  [second result type: use base::result<T>]\n' "$aliases"
  bad=1
fi
if [ "$bad" -ne 0 ]; then
  echo "check_errors.sh: fallible calls return shield::base::result<T> (support/base/result.hpp)" >&2
  exit 1
fi
echo "one error convention: ${#files[@]} files"
