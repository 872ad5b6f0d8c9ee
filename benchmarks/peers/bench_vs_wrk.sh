#!/usr/bin/env bash
# shield_bench against wrk, the fastest HTTP/1.1 load tool here: both drive the same local nginx
# (a fixed 200) with 50 requests in flight on one thread for a fixed time, alternating, several
# rounds. Prints requests per second and client CPU time per request, and shield_bench / wrk ratios
# (medians over the rounds). Target: rps ratio >= 1.0 at a CPU-per-request ratio <= 1.0.
# Usage: bench_vs_wrk.sh [BUILD_DIR] [SECONDS] [ROUNDS]   (defaults: build/release, 10, 5)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build=${1:-$root/build/release}
seconds=${2:-10}
rounds=${3:-5}
. "$root/ctest/fixtures/lib.sh"
. "$root/benchmarks/peers/nginx.sh"
bash "$root/ctest/setup.sh" --with-peers
bench="$build/benchmarks/bench/shield_bench"
[ -x "$bench" ] || { echo "no $bench: build first (cmake --build --preset release)" >&2; exit 2; }
state=$(mktemp -d /tmp/shield-wrk-XXXXXX)
cleanup() { stop_pid_file "$state/nginx.pid"; rm -rf "$state"; }
trap cleanup EXIT
start_nginx "$state"

# cpu_of LOG COMMAND...: runs COMMAND (output to LOG) and prints its user+system CPU seconds.
cpu_of() {
  local log=$1; shift
  ( "$@" >"$log" 2>&1; times ) | tail -n 1 | awk '{
    split($1, u, "m"); split($2, s, "m"); sub("s", "", u[2]); sub("s", "", s[2]);
    printf "%.3f\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }'
}

run_wrk() {
  local cpu out
  cpu=$(cpu_of "$state/wrk.log" wrk -t1 -c50 -d"${seconds}s" "$NGINX_URL/health")
  out=$(cat "$state/wrk.log")
  if grep -q 'Non-2xx\|Socket errors' <<<"$out"; then echo "wrk saw errors: $out" >&2; return 1; fi
  local requests rps
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  echo "$rps $requests $cpu"
}

run_bench() {
  local cpu out
  cpu=$(cpu_of "$state/bench.json" "$bench" --target="$NGINX_URL" --benchmark_filter='^health/' --concurrency=50 \
        --io_threads=1 --duration="$seconds" --thresholds='success_rate>=100' --results_dir="$state/results" \
        --benchmark_format=json)
  out=$(cat "$state/bench.json")
  local requests rps
  requests=$(grep -m1 '"requests":' <<<"$out" | sed -E 's/.*: *([-0-9.eE+]+).*/\1/')
  rps=$(grep -m1 '"rps":' <<<"$out" | sed -E 's/.*: *([-0-9.eE+]+).*/\1/')
  [ -n "$requests" ] || { echo "shield_bench failed: $out" >&2; return 1; }
  echo "$rps $requests $cpu"
}

echo "nginx at $NGINX_URL; ${rounds} rounds of ${seconds}s each, 50 in flight, one client thread, on $(nproc) cores"
printf '%-6s %-12s %12s %12s %14s\n' round tool requests/s requests "CPU us/req"
rows=()
for round in $(seq 1 "$rounds"); do
  for tool in wrk shield_bench; do
    if [ "$tool" = wrk ]; then line=$(run_wrk); else line=$(run_bench); fi
    read -r rps requests cpu <<<"$line"
    per=$(awk -v c="$cpu" -v n="$requests" 'BEGIN { printf "%.3f", c * 1e6 / n }')
    printf '%-6s %-12s %12.0f %12.0f %14s\n' "$round" "$tool" "$rps" "$requests" "$per"
    rows+=("$round $tool $rps $per")
  done
done
printf '%s\n' "${rows[@]}" | awk '
  # median of the n values v[1..n]
  function median(v, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
  { rps[$2, $1] = $3; cpu[$2, $1] = $4; if ($1 > n) n = $1 }
  END {
    for (r = 1; r <= n; r++) {
      wr[r] = rps["wrk", r]; br[r] = rps["shield_bench", r]; wc[r] = cpu["wrk", r]; bc[r] = cpu["shield_bench", r]
      rr[r] = br[r] / wr[r]; cr[r] = bc[r] / wc[r] }
    printf "median requests/s: wrk %.0f, shield_bench %.0f\n", median(wr, n), median(br, n)
    printf "median CPU us/request: wrk %.3f, shield_bench %.3f\n", median(wc, n), median(bc, n)
    printf "shield_bench / wrk, median of per-round ratios: requests/s %.3f (target >= 1), CPU per request %.3f (target <= 1)\n",
           median(rr, n), median(cr, n) }'
