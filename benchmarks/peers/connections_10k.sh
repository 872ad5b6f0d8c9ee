#!/usr/bin/env bash
# Holds 10,000 kept-alive connections against a local nginx with shield_bench (closed loop, every
# connection busy) for a fixed time, requires zero errors, and reports the client's peak RSS per
# connection: (peak RSS at N connections - peak RSS at 1 connection) / (N - 1).
# Usage: connections_10k.sh [BUILD_DIR] [CONNECTIONS] [SECONDS]   (defaults: build/release, 10000, 10)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build=${1:-$root/build/release}
connections=${2:-10000}
seconds=${3:-10}
. "$root/ctest/fixtures/lib.sh"
. "$root/benchmarks/peers/nginx.sh"
bash "$root/ctest/setup.sh" --with-peers
bench="$build/benchmarks/bench/shield_bench"
[ -x "$bench" ] || { echo "no $bench: build first (cmake --build --preset release)" >&2; exit 2; }
state=$(mktemp -d /tmp/shield-10k-XXXXXX)
cleanup() { stop_pid_file "$state/nginx.pid"; rm -rf "$state"; }
trap cleanup EXIT
start_nginx "$state"

# run_at N: one health case with N connections; prints "peak_rss_kb requests failed connections_opened".
run_at() {
  local n=$1 dir="$state/results-$1" status=0
  "$bench" --target="$NGINX_URL" --benchmark_filter='^health/' --concurrency="$n" --io_threads=2 \
    --duration="$seconds" --thresholds='success_rate>=100' --results_dir="$dir" >"$state/bench-$n.log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then echo "shield_bench at $n connections exited $status:" >&2; tail -n 20 "$state/bench-$n.log" >&2; return 1; fi
  local file; file=$(ls "$dir"/*.json)
  local rss requests failed opened
  rss=$(grep -m1 '"peak_rss_kb":' "$file" | tr -dc '0-9')
  failed=$(grep -m1 '"failed":' "$file" | tr -dc '0-9')
  requests=$(( $(grep -m1 '"ok":' "$file" | tr -dc '0-9') + failed ))
  opened=$(grep -m1 '"connections_opened":' "$file" | tr -dc '0-9')
  echo "$rss $requests $failed $opened"
}

echo "nginx at $NGINX_URL; ${seconds}s per run; open-file limit $(ulimit -n) (shield_bench raises it as needed)"
read -r base_rss base_requests base_failed _ <<<"$(run_at 1)"
read -r rss requests failed opened <<<"$(run_at "$connections")"
printf '%-12s %14s %12s %8s %12s\n' connections "peak RSS KiB" requests failed opened
printf '%-12s %14s %12s %8s %12s\n' 1 "$base_rss" "$base_requests" "$base_failed" 1
printf '%-12s %14s %12s %8s %12s\n' "$connections" "$rss" "$requests" "$failed" "$opened"
awk -v a="$base_rss" -v b="$rss" -v n="$connections" 'BEGIN {
  printf "peak RSS per connection: %.2f KiB ((%d - %d) / %d)\n", (b - a) / (n - 1), b, a, n - 1 }'
if [ "$failed" != 0 ] || [ "$opened" -lt "$connections" ]; then echo "FAILED: errors or fewer connections than asked" >&2; exit 1; fi
echo "OK: $connections connections held with no errors"
