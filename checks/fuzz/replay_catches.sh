#!/usr/bin/env bash
# The corpus replayer shown failing: a directory whose second input makes the harness throw or
# abort must give a non-zero exit and name that input; the first (good) input must have run.
set -u
replayer=$1
dir=$2
out=$("$replayer" "$dir" 2>&1)
rc=$?
printf '%s\n' "$out"
if [ "$rc" -eq 0 ]; then
  echo "FAIL: the replayer exited 0 on a failing input"
  exit 1
fi
if ! grep -q "2_planted" <<<"$out"; then
  echo "FAIL: the replayer's output does not name the failing input 2_planted"
  exit 1
fi
if ! grep -q "after 1 clean input" <<<"$out"; then
  echo "FAIL: the good input 1_fine did not run first"
  exit 1
fi
echo "PASS: exit $rc, failing input named"
