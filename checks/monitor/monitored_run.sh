#!/usr/bin/env bash
# A short `shield_bench --monitor` run into a fresh directory, then the report checker on it.
# Usage: monitored_run.sh BENCH CHECKER WORKDIR DURATION_S INTERVAL_S
set -euo pipefail
bench=$1 checker=$2 dir=$3 duration=$4 interval=$5
rm -rf "$dir"
mkdir -p "$dir"
pid_flag=()
if [ -n "${SHIELD_BACKEND_PID:-}" ]; then pid_flag=(--pid); fi
"$bench" --monitor --monitor_interval="$interval" --benchmark_filter='^anonymize/' --duration="$duration" \
  --concurrency=5 --thresholds=none --results_dir="$dir" >"$dir/bench.out" 2>&1 || {
  echo "shield_bench failed:" >&2; tail -n 30 "$dir/bench.out" >&2; exit 1; }
grep -q '^monitor verdicts' "$dir/bench.out" || { echo "no verdicts printed" >&2; tail -n 30 "$dir/bench.out" >&2; exit 1; }
sed -n '/^monitor report/,/redis_connected/p' "$dir/bench.out"
exec "$checker" "$dir" "$duration" "$interval" "${pid_flag[@]}"
