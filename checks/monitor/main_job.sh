#!/usr/bin/env bash
# The main job (ctest/run_main.sh) on an existing build, with a shorter soak: it must pass, print one
# live line per second and one verdict table per case, write the results, benchmark JSON, report and
# chart, and decide every verdict against the reference backend (none "unknown").
# Usage: main_job.sh BUILD_DIR RESULTS_DIR SOAK_S
set -euo pipefail
build=$1 results=$2 soak=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
unset SHIELD_TARGET SHIELD_PROMETHEUS SHIELD_BACKEND_PID  # the reference backend, started by the job
rm -rf "$results"
mkdir -p "$results"
fail() { echo "FAIL: $*" >&2; exit 1; }

log=$results/main_job.log
start=$SECONDS
SHIELD_MAIN_BUILD=$build SHIELD_RESULTS_DIR=$results SHIELD_MAIN_SOAK=$soak bash "$root/ctest/run_main.sh" >"$log" 2>&1 ||
  { tail -n 60 "$log"; fail "run_main.sh exited non-zero"; }
took=$((SECONDS - start))
grep -E '^== |^monitor |^  [a-z_]+ +(ok|warn|fail|unknown) ' "$log"
echo "main job with a ${soak} s soak took ${took} s"

# The shaped soak lasts 7 sevenths of the soak, rounded down to whole sevenths.
r=$(( soak / 7 > 0 ? soak / 7 : 1 ))
live=$(grep -c '^\[monitor\] mixed/concurrency:30 ' "$log" || true)
[ "$live" -ge $((7 * r - 2)) ] || fail "$live live lines for a $((7 * r)) s shaped soak, expected one per second"
# The shape in the table: a row per stage (ramp, hold, spike, recovery) and one per endpoint.
[ "$(grep -c '^  stage [0-9]' "$log")" -eq 6 ] || fail "expected six stage rows in the summary table"
grep -q '^  anonymize ' "$log" || fail "no per-endpoint row in the summary table"
tables=$(grep -c '^monitor verdicts (' "$log" || true)
[ "$tables" -eq 1 ] || fail "$tables verdict tables for one case"
grep -q '^\[  PASSED  \]' "$log" || fail "the metrics checks did not pass"

for pattern in 'stress_test_results_*.json' 'metrics_report_*.json' 'metrics_chart_*.png' 'benchmark.json'; do
  compgen -G "$results/$pattern" >/dev/null || fail "no $pattern in $results"
done
report=$(ls "$results"/metrics_report_*.json)
verdicts=$(jq -r '.verdicts[] | "\(.name) \(.status)"' "$report")
echo "$verdicts"
[ "$(wc -l <<<"$verdicts")" -eq 6 ] || fail "expected six verdicts in $report"
if grep -q ' unknown$' <<<"$verdicts"; then
  jq -r '.verdicts[] | select(.status == "unknown") | "\(.name): \(.detail)"' "$report" >&2
  fail "a verdict is unknown against the reference backend"
fi
echo "PASS: every verdict decided"
