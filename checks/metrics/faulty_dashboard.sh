#!/usr/bin/env bash
# Runs the dashboard checks with the planted-fault dashboard against the live target and passes
# only when they fail with exactly one error per planted fault, each naming its panel.
set -uo pipefail
checks=$1 dashboard=$2
out=$("$checks" --dashboard="$dashboard" --gtest_filter='Dashboard.*' 2>&1)
status=$?
echo "$out"
fail() { echo "faulty_dashboard.sh: $*" >&2; exit 1; }
[ "$status" -ne 0 ] || fail "the checks passed on $dashboard"
errors=$(grep -c '^error \[' <<<"$out" || true)
[ "$errors" -eq 4 ] || fail "expected 4 errors (one per planted fault), got $errors"
for expected in \
  'error \[syntax-error\] row "Planted faults" / panel "Fault: unbalanced parenthesis"' \
  'error \[unknown-metric\] row "Planted faults" / panel "Fault: misspelled metric" .*http_request_total' \
  'error \[forbidden-metric\] row "Planted faults" / panel "Fault: node exporter metric" .*use system_cpu_usage_percent' \
  'error \[counter-without-rate\] row "Planted faults" / panel "Fault: counter without rate"'; do
  grep -q "$expected" <<<"$out" || fail "no line matching: $expected"
done
echo "faulty_dashboard.sh: 4 planted faults, 4 errors, each naming its panel"
