#!/usr/bin/env bash
# After a failed ctest run: each failed test's failure lines, last, so a log tail (CI) shows why.
# usage: failed_summary.sh BUILD_DIR [LINES_PER_TEST]
set -uo pipefail
build=${1:?usage: failed_summary.sh BUILD_DIR [LINES_PER_TEST]}
per_test=${2:-40}
failed="$build/Testing/Temporary/LastTestsFailed.log"
log="$build/Testing/Temporary/LastTest.log"
[[ -s $failed && -f $log ]] || exit 0
header_done=0
while IFS= read -r line; do
  name=${line#*:}
  # The test's output block in the last run's log (none: the failed list is from an earlier run).
  block=$(awk -v name="$name" '
    { t = "Test: " name }
    !inside && length($0) >= length(t) && substr($0, length($0) - length(t) + 1) == t { inside = 1; next }
    inside && !output && /^Output:/ { output = 1; found = 1; getline; next }
    output && /^<end of output>/ { output = 0; next }
    inside && !output && /^Test Passed/ { found = 0 }
    inside && /" end time: / { exit }
    output { print }
    END { exit found ? 0 : 1 }
  ' "$log") || continue
  if ((header_done == 0)); then
    echo "== why the failed tests failed (from $log) =="
    header_done=1
  fi
  echo "-- $name"
  # The lines that say what broke, and the line after each.
  grep -E -A1 'Failure|FAIL|[Ee]rror|Expected|Which is|Value of|actual|not ok|exit code|timed out' <<<"$block" |
    head -n "$per_test"
done <"$failed"
