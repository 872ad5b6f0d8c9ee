#!/usr/bin/env bash
# shield_bench --metrics_listen against the fixture backend: the exposition is served during the
# run, its counts grow between two scrapes, it passes `promtool check metrics`, the last scrape of
# a scraper polling until the end holds the results file's final counts (shield_bench waits until a
# scraper has its final exposition), and the HTML report lands beside the results file.
# Usage: live_metrics.sh SHIELD_BENCH RESULTS_DIR
set -euo pipefail
bench=$1 out=$2
rm -rf "$out" && mkdir -p "$out"
fail() { echo "live_metrics.sh: $*" >&2; cat "$out/bench.err" >&2 || true; exit 1; }
"$bench" --benchmark_filter='^health/' --concurrency=2 --duration=4 --thresholds=none --results_dir="$out" \
  --metrics_listen=127.0.0.1:0 >"$out/bench.out" 2>"$out/bench.err" &
pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^client metrics: //p' "$out/bench.err" | head -n 1)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || fail "shield_bench never said where its metrics are"
# A regular scraper (as Prometheus): every 0.3 s until shield_bench has exited; keeps the last answer.
(
  while kill -0 "$pid" 2>/dev/null; do
    curl -fsS --max-time 2 "$url" >"$out/poll.tmp" 2>/dev/null && mv "$out/poll.tmp" "$out/last_scrape.txt"
    sleep 0.3
  done
) &
poller=$!
sleep 1.5
curl -fsS --max-time 5 "$url" >"$out/scrape1.txt" || fail "first scrape of $url failed"
sleep 1.2
curl -fsS --max-time 5 -D "$out/headers.txt" "$url" >"$out/scrape2.txt" || fail "second scrape of $url failed"
wait "$pid" || fail "shield_bench exited with $?"
wait "$poller" || true
ok_of() { sed -n 's/^shield_client_requests_total{case="health\/concurrency:2",endpoint="health",outcome="ok"} //p' "$1"; }
first=$(ok_of "$out/scrape1.txt") second=$(ok_of "$out/scrape2.txt")
echo "ok requests scraped: $first, then $second"
[ -n "$first" ] && [ -n "$second" ] || fail "no ok series for health/concurrency:2 in the scrapes"
[ "$second" -gt "$first" ] || fail "the counts did not grow during the run ($first -> $second)"
grep -qi '^content-type: text/plain; version=0.0.4' "$out/headers.txt" || fail "wrong Content-Type"
grep -q '^shield_client_in_flight ' "$out/scrape2.txt" || fail "no in-flight gauge"
grep -q '^shield_client_request_duration_seconds_bucket{case="health/concurrency:2",endpoint="health",le="0.005"} ' \
  "$out/scrape2.txt" || fail "no duration bucket with the backend's bounds"
promtool check metrics <"$out/scrape2.txt" || fail "promtool check metrics found problems"
results=$(ls "$out"/stress_test_results_*.json | head -n 1)
total=$(jq '.cases[0].ok' "$results")
[ "$total" -ge "$second" ] || fail "the results file counts $total ok requests, fewer than the $second scraped"
last=$(ok_of "$out/last_scrape.txt")
requests=$(jq '.cases[0].requests' "$results")
scraped_requests=$(sed -n 's/^shield_client_requests_total{case="health\/concurrency:2",endpoint="health",outcome="[a-z_]*"} //p' \
  "$out/last_scrape.txt" | awk '{ s += $1 } END { print s + 0 }')
[ "$last" = "$total" ] && [ "$scraped_requests" = "$requests" ] \
  || fail "the last scrape holds $last ok of $scraped_requests requests, the results file $total of $requests"
report=${results/stress_test_results_/stress_test_report_}
report=${report%.json}.html
[ -s "$report" ] || fail "no HTML report $report beside $results"
echo "live_metrics.sh: $url served during the run ($first -> $second ok), promtool clean, last scrape = results" \
  "($total ok of $requests), report $report"
