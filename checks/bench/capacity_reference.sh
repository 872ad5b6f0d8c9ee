#!/usr/bin/env bash
# The capacity search against the reference backend (the fixture's, or SHIELD_TARGET): it ends within
# 3 minutes, prints its wall time, writes a capacity object with a rate that held and one that broke,
# and --capacity_min works as a gate (exit 1 far above what held).
# Usage: capacity_reference.sh BENCH RESULTS_DIR
set -euo pipefail
bench=$1 dir=$2
rm -rf "$dir"
mkdir -p "$dir"
fail() { echo "FAIL: $*" >&2; exit 1; }
start=$SECONDS
status=0
"$bench" --benchmark_filter='^anonymize/' --find_capacity --slo='p99_ms<50,success_rate>=99.9' --rate=200 \
  --capacity_min=1e7 --results_dir="$dir" >"$dir/search.log" 2>&1 || status=$?
took=$((SECONDS - start))
cat "$dir/search.log"
echo "capacity search against the reference backend: ${took} s, exit ${status}"
[ "$took" -le 180 ] || fail "the search took ${took} s, over 3 minutes"
[ "$status" -eq 1 ] || fail "--capacity_min=1e7 should fail the run (exit 1), got ${status}"
grep -q '^capacity search took [0-9.]* s (budget 150 s)$' "$dir/search.log" || fail "no wall time line"
grep -q '^capacity below --capacity_min' "$dir/search.log" || fail "no --capacity_min message"
results=$(ls "$dir"/stress_test_results_*.json)
held=$(jq -r '.capacity.highest_ok_rps' "$results")
broke=$(jq -r '.capacity.lowest_broken_rps' "$results")
clause=$(jq -r '.capacity.broken_clause' "$results")
echo "held ${held}/s, broke ${broke}/s (${clause})"
[ "$held" != null ] && [ "$broke" != null ] || fail "no bracket in $results"
jq -e '.capacity.steps | length >= 3' "$results" >/dev/null || fail "fewer than 3 steps"
grep -q 'id="capacity"' "$dir"/stress_test_report_*.html || fail "no capacity section in the HTML report"
echo PASS
