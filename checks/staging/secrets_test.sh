#!/usr/bin/env bash
# Secrets never printed: against a server that echoes every request header in its 4xx/5xx bodies
# and in /metrics, the token sent from $SHIELD_TOKEN appears in no output of shield_checks,
# shield_metrics_checks (console and GoogleTest XML) or shield_bench (console, results file, HTML
# report, benchmark JSON). The echoed answers are quoted (scrubbed) in the failure lines, so the
# scan would find the token without the scrubbing.
# Usage: secrets_test.sh SHIELD_BENCH SHIELD_CHECKS SHIELD_METRICS_CHECKS PROFILE WORK_DIR
set -euo pipefail
bench=$1 checks=$2 metrics=$3 profile=$4 work=$5
. "$(dirname "$0")/lib.sh"
rm -rf "$work"
mkdir -p "$work/out"
all_output=$work/out/console.txt
trap stop_echo_servers EXIT
unset SHIELD_TARGET SHIELD_PROMETHEUS SHIELD_STATE_DIR SHIELD_PROFILE

token_profile=$work/token_profile.json
jq '. + {headers: {Authorization: {env: "SHIELD_TOKEN", format: "Bearer {}"}}}' "$profile" >"$token_profile"
export SHIELD_TOKEN="s3cr3t-$RANDOM$RANDOM-token"
start_echo_server "$work" echo echo
url="http://127.0.0.1:$echo_port"
redacted='<redacted: \$SHIELD_TOKEN>'

expect 1 "$redacted" "shield_checks fails, quoting the echoed answers scrubbed" \
  "$checks" --target="$url" --profile="$token_profile" --gtest_output="xml:$work/out/checks.xml" \
  --gtest_filter='-Isolation.*:Concurrency*'
expect 1 "$redacted" "shield_metrics_checks fails, quoting the echoed exposition scrubbed" \
  "$metrics" --target="$url" --profile="$token_profile" --gtest_output="xml:$work/out/metrics_checks.xml" \
  --gtest_filter='Exposition*:Metrics*'
expect 1 'anonymize/concurrency:3' "shield_bench runs against the echoing server" \
  "$bench" --target="$url" --profile="$token_profile" --benchmark_filter='^anonymize/|^metrics/' \
  --results_dir="$work/out" --benchmark_out="$work/out/benchmark.json"
for f in checks.xml metrics_checks.xml benchmark.json; do
  [ -s "$work/out/$f" ] || fail "no $f written"
done
compgen -G "$work/out/stress_test_results_*.json" >/dev/null || fail "no results file"
compgen -G "$work/out/stress_test_report_*.html" >/dev/null || fail "no HTML report"
grep -q 'redacted' "$work/out/checks.xml" || fail "checks.xml holds no scrubbed answer (the echo was not quoted?)"
if leaks=$(grep -rlF "${SHIELD_TOKEN}" "$work/out"); then
  fail "the token appears in: $leaks"
  grep -rhoF -m 3 "${SHIELD_TOKEN}" "$work/out" | head -n 3 >&2
else
  pass "the token appears in no output ($(ls "$work/out" | wc -l) files scanned)"
fi
if [ "$failures" -ne 0 ]; then echo "$failures check(s) failed" >&2; exit 1; fi
echo "PASS: no secret printed or written"
