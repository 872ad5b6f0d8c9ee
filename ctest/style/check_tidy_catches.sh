#!/usr/bin/env bash
# The clang-tidy gate must fail on a planted finding (a string parameter copied but only read:
# performance-unnecessary-value-param) and pass once it is fixed, with the project's .clang-tidy.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/support/base" "$work/build"
cp "$here/../../.clang-tidy" "$work/"
compile_db() {
  printf '[{"directory": "%s/build", "file": "%s/support/base/planted.cpp", "command": "c++ -std=c++20 -c %s/support/base/planted.cpp"}]\n' \
    "$work" "$work" "$work" >"$work/build/compile_commands.json"
}
compile_db
printf '#include <string>\nstd::size_t length(std::string text) { return text.size(); }\n' >"$work/support/base/planted.cpp"
if out=$(bash "$here/check_tidy.sh" "$work" "$work/build" 1 2>&1); then echo "FAIL: a planted finding passed: $out"; exit 1; fi
grep -q "support/base/planted.cpp:2:.*\[performance-unnecessary-value-param\]" <<<"$out" ||
  { echo "FAIL: the finding is not named: $out"; exit 1; }
printf '#include <string>\nstd::size_t length(const std::string& text) { return text.size(); }\n' \
  >"$work/support/base/planted.cpp"
out=$(bash "$here/check_tidy.sh" "$work" "$work/build" 1 2>&1) || { echo "FAIL: the fixed file failed: $out"; exit 1; }
echo "clang-tidy gate catches a planted finding and passes once it is fixed"
