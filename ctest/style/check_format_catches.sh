#!/usr/bin/env bash
# The format check must fail on a badly formatted file and pass once clang-format has fixed it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/../../.clang-format" "$work/"
printf 'int  main( ){return 0;}\n' > "$work/planted.cpp"
if out=$(bash "$here/check_format.sh" "$work" 2>&1); then
  echo "FAIL: a badly formatted file passed: $out"; exit 1
fi
grep -q 'planted.cpp' <<<"$out" || { echo "FAIL: the message does not name the file: $out"; exit 1; }
clang-format -i --style=file "$work/planted.cpp"
bash "$here/check_format.sh" "$work" || { echo "FAIL: the formatted file is still rejected"; exit 1; }
echo "format check catches an unformatted file and accepts the fixed one"
