#!/usr/bin/env bash
# check_layers.sh ROOT: every #include "..." of the C++ files under ROOT/{support,fixtures,
# benchmarks,checks} follows the graph in layers.txt (ROOT/ctest/style/layers.txt if present, else
# the one beside this script). Prints each violation with file, line and rule; exit 1 on any.
set -euo pipefail
root=${1:?usage: check_layers.sh ROOT}
here="$(cd "$(dirname "$0")" && pwd)"
rules="$root/ctest/style/layers.txt"
[ -f "$rules" ] || rules="$here/layers.txt"
cd "$root"
dirs=()
for d in support fixtures benchmarks checks; do [ -d "$d" ] && dirs+=("$d"); done
files=$(find "${dirs[@]}" -type f \( -name '*.cpp' -o -name '*.hpp' \) | sort)
[ -n "$files" ] || { echo "check_layers.sh: no C++ files under $root" >&2; exit 1; }
# shellcheck disable=SC2086
awk -v rules="$rules" '
  BEGIN {
    while ((getline line < rules) > 0) {
      if (line ~ /^[ \t]*(#|$)/) continue
      split(line, parts, ":")
      mod = parts[1]; modules[mod] = 1; allowed[mod] = " " mod " " parts[2] " "
    }
  }
  # The longest listed module that is a prefix of path (at a directory boundary).
  function module_of(path,   m, best) {
    best = ""
    for (m in modules)
      if ((path == m || index(path, m "/") == 1) && length(m) > length(best)) best = m
    return best
  }
  FNR == 1 {
    mine = module_of(FILENAME)
    if (mine == "") { printf "%s: under no module of %s\n", FILENAME, rules; bad = 1 }
  }
  /^[ \t]*#[ \t]*include[ \t]*"/ {
    if (mine == "") next
    inc = $0; sub(/^[^"]*"/, "", inc); sub(/".*$/, "", inc)
    if (inc !~ /\//) next  # a generated header beside the file (git_commit.hpp)
    target = module_of(inc)
    if (target == "") target = inc
    ok = 0
    n = split(allowed[mine], may, " ")
    for (i = 1; i <= n; i++)
      if (may[i] != "" && (target == may[i] || index(target, may[i] "/") == 1)) ok = 1
    if (!ok) { printf "%s:%d: %s may not include %s (%s)\n", FILENAME, FNR, mine, inc, rules; bad = 1 }
  }
  END { exit bad }
' $files
echo "include graph follows $(basename "$rules"): $(wc -w <<<"$files") files"
