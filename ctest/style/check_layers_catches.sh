#!/usr/bin/env bash
# The layering check must fail on an include the graph forbids (support including benchmarks, a
# low module including a higher one) and on a file under no module, and pass on an allowed one.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ctest/style" "$work/support/base" "$work/support/load" "$work/benchmarks/bench"
cp "$here/layers.txt" "$work/ctest/style/"
printf '#include "support/base/result.hpp"\n' > "$work/support/load/fine.cpp"
printf '#include "support/load/fine.hpp"\n' > "$work/benchmarks/bench/fine.cpp"
bash "$here/check_layers.sh" "$work" >/dev/null || { echo "FAIL: allowed includes rejected"; exit 1; }
expect_failure() {  # FILE CONTENT WORD: the check fails and its message holds WORD
  printf '%s\n' "$2" > "$work/$1"
  if out=$(bash "$here/check_layers.sh" "$work" 2>&1); then echo "FAIL: $1 passed: $out"; exit 1; fi
  grep -q "$3" <<<"$out" || { echo "FAIL: the message does not name $3: $out"; exit 1; }
  rm "$work/$1"
}
expect_failure support/base/up.cpp '#include "support/load/engine.hpp"' 'support/base/up.cpp:1: support/base may not include support/load/engine.hpp'
expect_failure support/load/out.cpp '#include "benchmarks/bench/case_runner.hpp"' 'support/load may not include benchmarks'
mkdir -p "$work/support/newmod"
expect_failure support/newmod/x.cpp '' 'under no module'
echo "layering check catches a forbidden include and an unlisted module, and accepts allowed ones"
