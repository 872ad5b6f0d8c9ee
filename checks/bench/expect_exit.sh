#!/usr/bin/env bash
# expect_exit.sh CODE REGEX COMMAND...: runs COMMAND; passes when it exits with CODE and its output
# (stdout and stderr) has a line matching the extended REGEX.
set -uo pipefail
want=$1 pattern=$2; shift 2
out=$("$@" 2>&1)
got=$?
if [ "$got" -ne "$want" ]; then
  printf 'expected exit status %s, got %s from: %s\n%s\n' "$want" "$got" "$*" "$out" >&2
  exit 1
fi
if ! grep -Eq -- "$pattern" <<<"$out"; then
  printf 'exit status %s as expected, but no line matches /%s/ in:\n%s\n' "$got" "$pattern" "$out" >&2
  exit 1
fi
printf '%s\n' "$out"
