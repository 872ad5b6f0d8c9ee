#!/usr/bin/env bash
# Latency truth of the open loop: shield_bench at a fixed arrival rate against the reference backend
# answering /health after an injected fixed delay, several rounds. Per round it prints the client's
# p50, its error against the fixed delay, and the server's own mean time for those requests
# (http_request_duration_seconds sum / count over the round: the delay plus the server's own
# scheduling, whose tail a loaded machine lengthens, so the mean is shown, not judged); at the end
# the median p50 error, which must stay within 0.3 ms. SHIELD_BENCH_BEFORE=PATH interleaves another
# shield_bench (A B B A) for comparison.
# Usage: latency_truth.sh [BUILD_DIR] [ROUNDS] [RATE] [DELAY_MS] [SECONDS]   (defaults: build/release, 5, 200, 20, 8)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build=${1:-$root/build/release}
rounds=${2:-5}
rate=${3:-200}
delay_ms=${4:-20}
seconds=${5:-8}
before=${SHIELD_BENCH_BEFORE:-}
. "$root/ctest/fixtures/lib.sh"
bench="$build/benchmarks/bench/shield_bench"
backend="$build/fixtures/reference_backend/shield_reference_backend"
for p in "$bench" "$backend" ${before:+"$before"}; do
  [ -x "$p" ] || { echo "no $p: build first (cmake --build --preset release)" >&2; exit 2; }
done
state=$(mktemp -d /tmp/shield-latency-XXXXXX)
cleanup() { stop_pid_file "$state/backend.pid" shield_reference_backend; rm -rf "$state"; }
trap cleanup EXIT
"$backend" --port=0 --port_file="$state/port" --redis=none --enable_faults --fault_latency_ms="$delay_ms" \
  --fault_endpoints=/health >"$state/backend.log" 2>&1 &
echo $! >"$state/backend.pid"
wait_until 10 "$(cat "$state/backend.pid")" test -s "$state/port" || { cat "$state/backend.log" >&2; exit 1; }
url="http://127.0.0.1:$(cat "$state/port")"

# server_totals: "sum_seconds count" of the backend's /health duration histogram.
server_totals() {
  curl -fsS "$url/metrics" | awk '/^http_request_duration_seconds_(sum|count)\{.*endpoint="\/health"/ {
    if ($1 ~ /_sum/) sum = $2; else count = $2 } END { printf "%.9f %d\n", sum, count }'
}

tools=(shield_bench)
[ -n "$before" ] && tools+=(before)
echo "backend at $url answering /health after ${delay_ms} ms; open loop ${rate}/s, ${seconds}s per round;" \
     "load: $(uptime | sed 's/.*load average/load average/')"
printf '%-6s %-12s %12s %12s %16s\n' round tool "client p50" "p50 error" "server mean ms"
rows=()
for round in $(seq 1 "$rounds"); do
  order=("${tools[@]}")
  [ $((round % 2)) -eq 0 ] && [ ${#tools[@]} -eq 2 ] && order=("${tools[1]}" "${tools[0]}")
  for tool in "${order[@]}"; do
    program=$bench
    [ "$tool" = before ] && program=$before
    read -r sum0 count0 <<<"$(server_totals)"
    "$program" --target="$url" --benchmark_filter='^health/' --concurrency=20 --rate="$rate" --duration="$seconds" \
      --thresholds=none --results_dir="$state/results" --benchmark_format=json >"$state/run.json" 2>"$state/run.log" ||
      { echo "$tool failed:" >&2; tail -n 20 "$state/run.log" >&2; exit 1; }
    read -r sum1 count1 <<<"$(server_totals)"
    p50=$(grep -m1 '"p50_ms":' "$state/run.json" | sed -E 's/.*: *([-0-9.eE+]+).*/\1/')
    line=$(awk -v p="$p50" -v d="$delay_ms" -v s0="$sum0" -v s1="$sum1" -v c0="$count0" -v c1="$count1" \
      'BEGIN { m = (s1 - s0) * 1000 / (c1 - c0); printf "%.3f %.3f %.3f", p + 0, p - d, m }')
    read -r client diff server <<<"$line"
    printf '%-6s %-12s %12s %12s %16s\n' "$round" "$tool" "$client" "$diff" "$server"
    rows+=("$tool $diff")
  done
done
verdict=0
for tool in "${tools[@]}"; do
  median=$(printf '%s\n' "${rows[@]}" | awk -v t="$tool" '$1 == t { print $2 }' | sort -g |
           awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  echo "$tool: median p50 error against the fixed ${delay_ms} ms: $median ms (target within 0.3 ms)"
  if [ "$tool" = shield_bench ] && awk -v m="$median" 'BEGIN { exit !(m > 0.3 || m < -0.3) }'; then verdict=1; fi
done
echo "load after: $(uptime | sed 's/.*load average/load average/')"
[ "$verdict" -eq 0 ] || { echo "FAILED: p50 error above 0.3 ms" >&2; exit 1; }
echo "OK"
