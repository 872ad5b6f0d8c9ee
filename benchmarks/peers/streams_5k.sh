#!/usr/bin/env bash
# 5,000 concurrent Server-Sent Event streams of about 20 s each (the Shield chat answered in 15-20 s)
# against the reference backend's /chat/streaming, one stream per connection, all at once. Requires
# zero errors and compares the client's figures with the server's, each within 5 %: the mean stream
# time with the server's own record (http_request_duration_seconds sum / count for /chat/streaming),
# and the first token's delay after the response started (client: TTFT - TTFB, medians) with the
# server's model (TTFT_MS). The gaps are printed beside the model's TOKEN_MS, not judged: the server
# starts each gap's timer after the previous write, so its gaps run longer when it is loaded, and it
# records no gap of its own to compare with. Prints client CPU time per token.
# Usage: streams_5k.sh [BUILD_DIR] [STREAMS] [TTFT_MS] [TOKEN_MS] [TOKENS]
#        (defaults: build/release, 5000, 1000, 200, 95: 1 s + 94 x 0.2 s = 19.8 s per stream)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build=${1:-$root/build/release}
streams=${2:-5000}
ttft_ms=${3:-1000}
token_ms=${4:-200}
tokens=${5:-95}
. "$root/ctest/fixtures/lib.sh"
bench="$build/benchmarks/bench/shield_bench"
backend="$build/fixtures/reference_backend/shield_reference_backend"
for p in "$bench" "$backend"; do
  [ -x "$p" ] || { echo "no $p: build first (cmake --build --preset release)" >&2; exit 2; }
done
state=$(mktemp -d /tmp/shield-streams-XXXXXX)
cleanup() { stop_pid_file "$state/backend.pid" shield_reference_backend; rm -rf "$state"; }
trap cleanup EXIT

"$backend" --port=0 --port_file="$state/port" --redis=none --threads=2 --ttft_ms="$ttft_ms" --token_ms="$token_ms" \
  --tokens="$tokens" >"$state/backend.log" 2>&1 &
echo $! >"$state/backend.pid"
wait_until 10 "$(cat "$state/backend.pid")" test -s "$state/port" || { cat "$state/backend.log" >&2; exit 1; }
url="http://127.0.0.1:$(cat "$state/port")"
echo "reference backend at $url: first token after ${ttft_ms} ms, $tokens tokens ${token_ms} ms apart;" \
     "$streams streams at once on 2 client threads; load: $(uptime | sed 's/.*load average/load average/')"

status=0
( "$bench" --target="$url" --benchmark_filter='^chat_streaming/' --concurrency="$streams" --requests="$streams" \
    --io_threads=2 --timeout=120 --idle_timeout=30 --thresholds=none --results_dir="$state/results" \
    >"$state/bench.log" 2>&1; times ) >"$state/times" || status=$?
if [ "$status" -ne 0 ]; then echo "shield_bench exited $status:" >&2; tail -n 20 "$state/bench.log" >&2; exit 1; fi
cpu=$(tail -n 1 "$state/times" | awk '{ split($1, u, "m"); split($2, s, "m"); sub("s", "", u[2]); sub("s", "", s[2]);
                                        printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
file=$(ls "$state/results"/stress_test_results_*.json)
server_ms=$(curl -fsS "$url/metrics" | awk '/^http_request_duration_seconds_(sum|count)\{.*endpoint="\/chat\/streaming"/ {
  if ($1 ~ /_sum/) sum = $2; else count = $2 } END { if (count > 0) printf "%.3f", sum * 1000 / count }')
[ -n "$server_ms" ] || { echo "the backend's /metrics has no /chat/streaming duration" >&2; exit 1; }
jq -r --argjson ttft "$ttft_ms" --argjson gap "$token_ms" --argjson cpu "$cpu" --argjson server "$server_ms" '.cases[0] |
  "streams \(.counters.requests), ok \(.counters.ok), failed \(.counters.requests - .counters.ok), incomplete \(.stream.incomplete), tokens \(.stream.tokens)",
  "mean stream time: client \(.latency_ms.mean) ms, server recorded \($server) ms",
  "TTFB p50 \(.stream.ttfb_ms.p50) ms; TTFT p50 \(.stream.ttft_ms.p50) ms, p95 \(.stream.ttft_ms.p95) ms",
  "first token after the response started (TTFT p50 - TTFB p50): \(.stream.ttft_ms.p50 - .stream.ttfb_ms.p50) ms, server model \($ttft) ms",
  "gap p50 \(.stream.gap_ms.p50) ms, mean \(.stream.gap_ms.mean) ms, p95 \(.stream.gap_ms.p95) ms, server model \($gap) ms",
  "client CPU \($cpu) s: \($cpu * 1e6 / .stream.tokens) us per token, \($cpu * 1e3 / .counters.requests) ms per stream"' "$file"
verdict=$(jq -r --argjson ttft "$ttft_ms" --argjson server "$server_ms" '.cases[0] |
  def off(a; b): ((a - b) / b | if . < 0 then -. else . end);
  [ (if .counters.requests != .counters.ok or .stream.incomplete != 0 then "errors or incomplete streams" else empty end),
    (if off(.stream.ttft_ms.p50 - .stream.ttfb_ms.p50; $ttft) > 0.05 then "first-token delay off by more than 5 %" else empty end),
    (if off(.latency_ms.mean; $server) > 0.05 then "mean stream time off the server record by more than 5 %" else empty end)
  ] | join("; ")' "$file")
echo "load after: $(uptime | sed 's/.*load average/load average/')"
if [ -n "$verdict" ]; then echo "FAILED: $verdict" >&2; exit 1; fi
echo "OK: $streams streams, no errors, stream time and first-token delay within 5 % of the server's"
