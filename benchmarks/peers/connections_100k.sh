#!/usr/bin/env bash
# Holds CONNECTIONS (default 100,000) kept-alive connections against a local nginx: shield_bench
# shard processes under one --run_id (closed loop, every connection busy, each shard binding its
# connections round-robin to the source addresses 127.0.0.2-127.0.0.9), joined by shield_merge.
# Requires zero errors and every connection opened; prints each shard's figures and the merged
# ones. Before it starts it checks the limits that would stop it and names the one that does:
# the per-process hard open-file limit (it sets how many shards and nginx workers are needed),
# the ephemeral port range times the source addresses, the system-wide file limit.
# Usage: connections_100k.sh [BUILD_DIR] [CONNECTIONS] [SECONDS] [PROCESSES]
#        (defaults: build/release, 100000, 20, as many as the open-file limit needs)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build=${1:-$root/build/release}
connections=${2:-100000}
seconds=${3:-20}
processes=${4:-}
sources=127.0.0.2-127.0.0.9
source_count=8
. "$root/ctest/fixtures/lib.sh"
. "$root/benchmarks/peers/nginx.sh"
bash "$root/ctest/setup.sh" --with-peers
bench="$build/benchmarks/bench/shield_bench"
merge="$build/benchmarks/merge/shield_merge"
for p in "$bench" "$merge"; do
  [ -x "$p" ] || { echo "no $p: build first (cmake --build --preset release)" >&2; exit 2; }
done

# --- the limits, checked before anything starts ---
hard=$(ulimit -Hn)
[ "$hard" = unlimited ] && hard=1048576
per_process=$((hard - 200))  # room for the program's own files
[ -n "$processes" ] || processes=$(( (connections + per_process - 1) / per_process ))
share=$(( (connections + processes - 1) / processes ))
if [ "$share" -gt "$per_process" ]; then
  echo "STOPPED by the open-file limit: $processes processes of $share connections each, but the hard limit is $hard" \
       "files per process (ulimit -Hn): use at least $(( (connections + per_process - 1) / per_process )) processes" >&2
  exit 1
fi
read -r port_low port_high </proc/sys/net/ipv4/ip_local_port_range
ports=$(( (port_high - port_low + 1) * source_count ))
if [ "$connections" -gt "$ports" ]; then
  echo "STOPPED by the ephemeral port range: $port_low-$port_high times $source_count source addresses is $ports" \
       "connections to one server address and port, fewer than $connections" >&2
  exit 1
fi
file_max=$(cat /proc/sys/fs/file-max)
if [ $((connections * 2 + 10000)) -gt "$file_max" ]; then
  echo "STOPPED by the system-wide file limit: fs.file-max is $file_max, the run needs about $((connections * 2))" \
       "(each connection is a file at both ends)" >&2
  exit 1
fi
workers=$(( (connections + per_process - 1) / per_process + 1 ))  # one spare: reuseport spreads by hash
per_worker=$(( connections / (workers - 1) + 1000 ))
[ "$per_worker" -le "$per_process" ] || per_worker=$per_process

state=$(mktemp -d /tmp/shield-100k-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_pid_file "$state/nginx.pid"
  rm -rf "$state"
}
trap cleanup EXIT
start_nginx "$state" "$workers" "$per_worker"
echo "nginx at $NGINX_URL ($workers workers, up to $per_worker connections each); $connections connections in" \
     "$processes shard processes of about $share, source addresses $sources, ${seconds}s;" \
     "hard open-file limit $hard per process; load: $(uptime | sed 's/.*load average/load average/')"

# --- the shards, started together ---
run_id="c$connections-$$"
start_at=$(( $(date +%s) + 5 + processes ))  # time for every shard to set up (its connections open before it)
for ((i = 0; i < processes; i++)); do
  "$bench" --target="$NGINX_URL" --benchmark_filter='^health/' --concurrency="$connections" --io_threads=1 \
    --duration="$seconds" --timeout=120 --connect_timeout=60 --source_addresses="$sources" \
    --shard="$i/$processes" --run_id="$run_id" --start_at="$start_at" --thresholds=none \
    --results_dir="$state/shard-$i" >"$state/shard-$i.log" 2>&1 &
  pids+=($!)
done
status=0
for ((i = 0; i < processes; i++)); do
  if ! wait "${pids[$i]}"; then
    echo "shard $i failed:" >&2
    tail -n 20 "$state/shard-$i.log" >&2
    status=1
  fi
done
pids=()
[ "$status" -eq 0 ] || exit 1

# --- each shard, then the merge ---
printf '%-6s %12s %12s %10s %10s %14s\n' shard connections requests failed "RSS KiB" "KiB/connection"
for ((i = 0; i < processes; i++)); do
  file=$(ls "$state/shard-$i"/stress_test_results_*.json)
  jq -r --arg i "$i" '[$i, (.cases[0].connections_opened), (.cases[0].counters.requests),
      (.cases[0].counters.requests - .cases[0].counters.ok), .process.peak_rss_kb,
      (.process.peak_rss_kb / .cases[0].connections_opened)] | @tsv' "$file" |
    awk -F'\t' '{ printf "%-6s %12d %12d %10d %10d %14.2f\n", $1, $2, $3, $4, $5, $6 }'
done
"$merge" --results_dir="$state/merged" --thresholds='success_rate>=100' "$state"/shard-*/stress_test_results_*.json \
  >"$state/merge.log" 2>&1 || { cat "$state/merge.log" >&2; echo "FAILED: shield_merge" >&2; exit 1; }
merged=$(ls "$state/merged"/stress_test_results_merged_*.json)
read -r opened requests ok <<<"$(jq -r '.cases[0] | "\(.connections_opened) \(.counters.requests) \(.counters.ok)"' "$merged")"
echo "merged: $opened connections opened, $requests requests, $ok ok, $((requests - ok)) failed" \
     "(load after: $(uptime | sed 's/.*load average/load average/'))"
if [ "$requests" != "$ok" ] || [ "$opened" -lt "$connections" ]; then
  echo "FAILED: errors or fewer connections than asked" >&2
  exit 1
fi
echo "OK: $connections connections held with no errors"
