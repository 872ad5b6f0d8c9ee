#!/usr/bin/env bash
# The same open-loop run from one process and split over 2 shards (shield_merge), against a
# reference backend of its own whose answers take LATENCY_MS (injected, so the server's time and not
# the client's scheduling makes the latency: the client is not the bottleneck): prints p50/p90/p95/p99 of both (median over ROUNDS rounds, the two
# sides interleaved A B B A so that drifts of the machine hit both alike) and fails when a
# percentile of the 2 shards differs by more than LIMIT % from one process.
# Usage: shards_vs_one.sh SHIELD_BENCH SHIELD_MERGE SHIELD_REFERENCE_BACKEND WORK_DIR
# Environment: RATE (default 400/s), DURATION (8 s), ROUNDS (3), LIMIT (5 %), CONCURRENCY (64),
# LATENCY_MS (50; 0: the backend's own sub-millisecond answers, where scheduling noise dominates).
# The one process gets 2 I/O threads, the same client threads as 2 shards of one thread each.
set -euo pipefail
bench=$1 merge=$2 backend=$3 work=$4
rate=${RATE:-400} duration=${DURATION:-8} rounds=${ROUNDS:-3} limit=${LIMIT:-5} concurrency=${CONCURRENCY:-64}
latency_ms=${LATENCY_MS:-50}
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/ctest/fixtures/lib.sh"

rm -rf "$work"
mkdir -p "$work"
trap 'stop_pid_file "$work/backend.pid"' EXIT
SHIELD_TARGET='' "$root/ctest/fixtures/start_backend.sh" "$work" "$backend" --enable_faults >/dev/null
url=$(cat "$work/target.url")
if [ "$latency_ms" != 0 ]; then
  curl -fsS --max-time 5 -X POST -H 'Content-Type: application/json' -d "{\"latency_ms\": $latency_ms}" \
    "$url/__faults" >/dev/null
fi
common=(--target="$url" --benchmark_filter='^anonymize/' --concurrency="$concurrency" --rate="$rate"
        --duration="$duration" --thresholds=none)

one() {  # one ROUND
  "$bench" "${common[@]}" --io_threads=2 --results_dir="$work/one-$1" >"$work/one-$1.log" 2>&1 ||
    { echo "one-process run failed:" >&2; tail -n 20 "$work/one-$1.log" >&2; exit 1; }
  ls "$work/one-$1"/stress_test_results_*.json
}
two() {  # two ROUND
  local start_at=$(( $(date +%s) + 2 )) pids=() i
  for i in 0 1; do
    "$bench" "${common[@]}" --shard="$i/2" --run_id="r$1" --start_at="$start_at" \
      --results_dir="$work/two-$1/shard-$i" >"$work/two-$1-$i.log" 2>&1 &
    pids+=($!)
  done
  for i in 0 1; do wait "${pids[$i]}" || { echo "shard $i failed:" >&2; tail -n 20 "$work/two-$1-$i.log" >&2; exit 1; }; done
  "$merge" --results_dir="$work/two-$1/merged" --thresholds=none "$work/two-$1"/shard-*/stress_test_results_*.json \
    >"$work/two-$1-merge.log" 2>&1 || { cat "$work/two-$1-merge.log" >&2; exit 1; }
  echo "$work/two-$1/merged/stress_test_results_merged_r$1.json"
}
ones=() twos=()
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) = 1 ]; then ones+=("$(one "$r")"); twos+=("$(two "$r")")
  else twos+=("$(two "$r")"); ones+=("$(one "$r")"); fi
done

# Median over the rounds of a counter of case 0.
median() {  # median COUNTER FILES...
  local c=$1; shift
  jq -s --arg c "$c" '[.[].cases[0].counters[$c]] | sort | .[(length - 1) / 2 | floor]' "$@"
}
echo "open loop, $rate/s for $duration s, $concurrency connections, anonymize answered in ${latency_ms} ms + its own time, $rounds rounds (median):"
printf '%-8s %12s %12s %9s\n' counter "1 process" "2 shards" "diff %"
bad=0
for c in requests p50_ms p90_ms p95_ms p99_ms; do
  a=$(median "$c" "${ones[@]}") b=$(median "$c" "${twos[@]}")
  d=$(jq -n --argjson a "$a" --argjson b "$b" 'if $a == 0 then 0 else (($b - $a) / $a * 100 * 100 | round) / 100 end')
  printf '%-8s %12s %12s %9s\n' "$c" "$a" "$b" "$d"
  if [ "$c" != requests ] && jq -e -n --argjson d "$d" --argjson l "$limit" '($d | fabs) > $l' >/dev/null; then bad=1; fi
done
echo "client CPU (one process, per round): $(jq -s -c '[.[] | .process.cpu_user_s + .process.cpu_system_s]' "${ones[@]}") s"
if [ "$bad" = 1 ]; then echo "FAIL: a percentile of 2 shards differs by more than $limit % from one process" >&2; exit 1; fi
echo "all percentiles within $limit %"
