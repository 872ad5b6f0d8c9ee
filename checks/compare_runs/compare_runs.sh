#!/usr/bin/env bash
# shield_compare on real runs: two normal runs and one with injected latency against the reference
# backend; checks the verdicts and exit codes, plus exit 2 for malformed and mismatched inputs.
# Usage: compare_runs.sh SHIELD_BENCH SHIELD_COMPARE SHIELD_REFERENCE_BACKEND WORK_DIR
set -euo pipefail
bench=$1 compare=$2 backend=$3 work=$4
fixtures="$(cd "$(dirname "$0")/../../ctest/fixtures" && pwd)"
. "$fixtures/lib.sh"

rm -rf "$work"
mkdir -p "$work"
trap 'stop_pid_file "$work/backend.pid"' EXIT

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# Our own backend with faults enabled and no Redis (never the shared fixture or SHIELD_TARGET).
SHIELD_TARGET='' "$fixtures/start_backend.sh" "$work" "$backend" --enable_faults
url=$(cat "$work/target.url")

cases_re='^(health|anonymize)/'
# Noise control for same vs same (a shared 2-core machine): each side's repetitions are interleaved
# with the other side's in A B B A order (one shield_bench process per repetition, merged afterwards),
# so drifts of the machine hit both sides alike; a repetition runs for a fixed 1 s (tens of thousands
# of requests, not a few milliseconds of work), so a short stall of the machine is averaged out.
reps=5
run_one() {  # run_one OUT.json
  "$bench" --target="$url" --benchmark_filter="$cases_re" --concurrency=5 --duration=1 \
    --thresholds=none --results_dir="$work/results" --benchmark_out="$1" --benchmark_out_format=json \
    >"$1.log" 2>&1 || { echo "shield_bench failed for $1:" >&2; tail -n 20 "$1.log" >&2; exit 1; }
}
merge() {  # merge OUT.json PARTS...: one file holding every part's benchmark entries
  local out=$1; shift
  jq -s '.[0] + {benchmarks: [.[].benchmarks[]]}' "$@" >"$out"
}
set_latency() {  # set_latency MS (0 clears the fault)
  if [ "$1" = 0 ]; then
    curl -fsS --max-time 5 -X DELETE "$url/__faults" >/dev/null
  else
    curl -fsS --max-time 5 -X POST -H 'Content-Type: application/json' -d "{\"latency_ms\": $1}" \
      "$url/__faults" >/dev/null
  fi
}

# interleaved A B: $reps repetitions of each side in A B B A order, merged into $work/A.json and
# $work/B.json (the parts are $work/A_1.json, $work/B_1.json, ...).
interleaved() {
  local a=$1 b=$2 i a_parts=() b_parts=()
  for i in $(seq 1 $reps); do
    if [ $((i % 2)) = 1 ]; then run_one "$work/${a}_$i.json"; run_one "$work/${b}_$i.json"
    else run_one "$work/${b}_$i.json"; run_one "$work/${a}_$i.json"; fi
    a_parts+=("$work/${a}_$i.json"); b_parts+=("$work/${b}_$i.json")
  done
  merge "$work/$a.json" "${a_parts[@]}"
  merge "$work/$b.json" "${b_parts[@]}"
}

start=$SECONDS
s_parts=()
interleaved A B
set_latency 20
for i in $(seq 1 $reps); do run_one "$work/s$i.json"; s_parts+=("$work/s$i.json"); done
set_latency 0
# The fault is gone again (the backend is shared by nothing else, but a leftover would hide bugs).
curl -fsS --max-time 5 "$url/__faults" | jq -e '.latency_ms == 0' >/dev/null || fail "latency fault not cleared"
merge "$work/S.json" "${s_parts[@]}"
echo "benchmark runs took $((SECONDS - start)) s"

n_cases=$(jq '[.benchmarks[].run_name] | unique | length' "$work/A.json")
[ "$n_cases" = 2 ] || fail "expected 2 cases (health, anonymize) in A.json, got $n_cases"

# compare_json NAME BASE CONTENDER EXPECTED_EXIT: runs shield_compare --json, checks the exit code.
compare_json() {
  local name=$1 base=$2 contender=$3 expected=$4 rc=0
  "$compare" "$base" "$contender" --json="$work/$name.json" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
  echo "--- shield_compare $(basename "$base") $(basename "$contender") (exit $rc)"
  cat "$work/$name.out" "$work/$name.err"
  if [ "$rc" != "$expected" ]; then fail "$name: exit $rc, expected $expected"; return 1; fi
  pass "$name: exit $rc"
}
# verdicts FILE: "run_name verdict" per case.
verdicts() { jq -r '.cases[] | "\(.run_name) \(.verdict)"' "$1"; }
# expect_all FILE VERDICT: every case (2 of them, all statistical) has VERDICT.
expect_all() {
  local file=$1 want=$2 bad
  bad=$(jq -r --arg w "$want" '.cases[] | select(.verdict != $w or (.statistical | not)) | .run_name' "$file")
  local count; count=$(jq '.cases | length' "$file")
  if [ "$count" != 2 ] || [ -n "$bad" ]; then
    fail "$(basename "$file"): expected 2 statistical cases all '$want', got: $(verdicts "$file" | tr '\n' ';')"
  else
    pass "$(basename "$file"): $(verdicts "$file" | tr '\n' ';')"
  fi
}

# same_vs_same NAME BASE CONTENDER: true when shield_compare exits 0 and both cases are statistical "same".
same_vs_same() {
  local name=$1 rc=0
  "$compare" "$2" "$3" --json="$work/$name.json" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
  echo "--- shield_compare $(basename "$2") $(basename "$3") (exit $rc)"
  cat "$work/$name.out" "$work/$name.err"
  [ "$rc" = 0 ] && [ -f "$work/$name.json" ] &&
    [ "$(jq '[.cases[] | select(.verdict == "same" and .statistical)] | length' "$work/$name.json")" = 2 ]
}

# Same vs same (different runs): no regression, every case "same". Each counter is tested at alpha
# 0.05, so a case now and then reads "improved" or "regressed" by chance (seen once in nine
# runs here, p99 at p=0.03); a fresh pair of runs must then say "same": a real bias says it twice.
if same_vs_same same "$work/A.json" "$work/B.json"; then
  pass "same vs same: $(verdicts "$work/same.json" | tr '\n' ';')"
else
  echo "note: same vs same said $(verdicts "$work/same.json" 2>/dev/null | tr '\n' ';') - one retry with fresh runs"
  interleaved A2 B2
  if same_vs_same same_again "$work/A2.json" "$work/B2.json"; then
    pass "same vs same, fresh pair: $(verdicts "$work/same_again.json" | tr '\n' ';')"
  else
    fail "same vs same not 'same' twice: $(verdicts "$work/same_again.json" 2>/dev/null | tr '\n' ';')"
  fi
fi

# Normal vs slow: regression, both cases named as regressed on stdout and in the JSON.
if compare_json slower "$work/A.json" "$work/S.json" 1; then
  expect_all "$work/slower.json" regressed
  for name in $(jq -r '.benchmarks[].run_name' "$work/A.json" | sort -u); do
    if grep -F "$name" "$work/slower.out" | grep -qi regress; then pass "stdout names $name as regressed"
    else fail "stdout does not name $name as regressed"; fi
  done
  [ "$(jq '.summary.regression' "$work/slower.json")" = true ] || fail "slower.json: summary.regression is not true"
fi

# Slow vs normal: an improvement, not a regression.
if compare_json faster "$work/S.json" "$work/A.json" 0; then expect_all "$work/faster.json" improved; fi

# expect_bad NAME REASON_REGEX BASE CONTENDER: exit 2 and the reason on stderr.
expect_bad() {
  local name=$1 reason=$2 rc=0
  "$compare" "$3" "$4" --json="$work/$name.json" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
  echo "--- shield_compare $(basename "$3") $(basename "$4") (exit $rc)"; cat "$work/$name.err"
  if [ "$rc" != 2 ]; then fail "$name: exit $rc, expected 2"
  elif ! grep -Eq "$reason" "$work/$name.err"; then fail "$name: stderr does not match /$reason/"
  elif [ -e "$work/$name.json" ]; then fail "$name: wrote a --json report for bad input"
  else pass "$name: exit 2, reason on stderr"; fi
}
echo 'this is not JSON {' >"$work/garbage.json"
expect_bad malformed "^shield_compare: contender file: .*garbage\.json" "$work/A.json" "$work/garbage.json"
# Same runs, every case renamed: nothing to pair.
jq '.benchmarks |= map(.name |= "renamed_" + . | .run_name |= "renamed_" + .)' "$work/B.json" >"$work/renamed.json"
expect_bad mismatched "^shield_compare: no case in common between" "$work/A.json" "$work/renamed.json"
expect_bad missing "^shield_compare: base file: .*does_not_exist\.json" "$work/does_not_exist.json" "$work/A.json"

echo "total $((SECONDS - start)) s, $failures failure(s)"
[ "$failures" = 0 ]
