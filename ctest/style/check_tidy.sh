#!/usr/bin/env bash
# check_tidy.sh SOURCE_DIR BUILD_DIR [JOBS]: clang-tidy (the checks in SOURCE_DIR/.clang-tidy) over
# every translation unit of support/, benchmarks/ and fixtures/ in BUILD_DIR/compile_commands.json,
# JOBS at a time (default 2). Prints each distinct finding once with its check; exit 1 on any.
set -euo pipefail
src=$(cd "${1:?usage: check_tidy.sh SOURCE_DIR BUILD_DIR [JOBS]}" && pwd)
build=$(cd "${2:?usage: check_tidy.sh SOURCE_DIR BUILD_DIR [JOBS]}" && pwd)
jobs=${3:-2}
runner=$(command -v run-clang-tidy-14 || command -v run-clang-tidy || true)
[ -n "$runner" ] || { echo "check_tidy.sh: run-clang-tidy not installed (package clang-tidy)" >&2; exit 1; }
[ -f "$build/compile_commands.json" ] || { echo "check_tidy.sh: no $build/compile_commands.json" >&2; exit 1; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
started=$(date +%s)
# The product code; test code under checks/ is compiled in unity batches that clang-tidy cannot map
# back to their files.
"$runner" -p "$build" -j "$jobs" -quiet "$src/(support|benchmarks|fixtures)/" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >"$log" || true
elapsed=$(($(date +%s) - started))
files=$(grep -cE "^(/usr/bin/)?clang-tidy" "$log" || true)
# A finding: "/path/file.cpp:12:3: warning: text [check]" (also errors: a file that does not parse).
findings=$(grep -E "^$src/[^:]+:[0-9]+:[0-9]+: (warning|error): " "$log" | sed "s|^$src/||" | sort -u || true)
if [ -n "$findings" ]; then
  printf '%s\n' "$findings"
  printf 'check_tidy.sh: %s distinct findings in %s s (%s)\n' "$(wc -l <<<"$findings")" "$elapsed" \
    "$(grep -oE '\[[a-z0-9.,-]+\]$' <<<"$findings" | sort | uniq -c | sort -rn | awk '{printf "%s%s %s", sep, $1, $2; sep=", "}')" >&2
  exit 1
fi
if grep -qE "^(Error|error)" "$log"; then
  cat "$log" >&2
  echo "check_tidy.sh: clang-tidy did not run cleanly" >&2
  exit 1
fi
echo "clang-tidy clean: $files translation units in $elapsed s (-j $jobs)"
