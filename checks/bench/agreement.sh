#!/usr/bin/env bash
# Every output of a run tells the same numbers, per run kind (closed, open, mixed, streaming, shaped
# open and closed loop, and two shards with their merge): per case, the results file's requests, ok, p50 and p95 against the
# console summary table (to its printed precision), the benchmark JSON's counters (exactly), the
# HTML report's summary row (to its printed precision) and, for shield_bench runs, the last scrape
# of the client's live exposition by a scraper polling until the end (requests and ok summed over
# endpoints; the exposition has buckets, not the percentiles). A shaped run's stages too: per stage
# the results file's requests, ok, rps, p50, p95, p99 against its console row, its benchmark JSON
# entry `<case>/stage:<i>` (exactly), its row in the HTML report's stage table; the exposition's
# last `shield_client_stage` is the last stage, and the stages' requests add up to the case's.
# Usage: agreement.sh SHIELD_BENCH SHIELD_MERGE WORK_DIR
set -euo pipefail
bench=$1 merge=$2 work=$3
fail() { echo "agreement.sh: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"

# bench_run DIR FLAGS...: shield_bench with a polling scraper; leaves out.txt, bench.json, last_scrape.txt.
bench_run() {
  local dir=$1
  shift
  mkdir -p "$dir"
  : >"$dir/err.txt"  # exists before the first look for the metrics address
  "$bench" --thresholds=none --results_dir="$dir" --benchmark_out="$dir/bench.json" --metrics_listen=127.0.0.1:0 \
    "$@" >"$dir/out.txt" 2>"$dir/err.txt" &
  local pid=$! url=""
  for _ in $(seq 1 100); do
    url=$(sed -n 's/^client metrics: //p' "$dir/err.txt" | head -n 1)
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || fail "$dir: shield_bench never said where its metrics are"
  while kill -0 "$pid" 2>/dev/null; do
    curl -fsS --max-time 2 "$url" >"$dir/poll.tmp" 2>/dev/null && mv "$dir/poll.tmp" "$dir/last_scrape.txt"
    sleep 0.2
  done
  wait "$pid" || fail "$dir: shield_bench exited with $?: $(tail -n 5 "$dir/err.txt")"
}

# check DIR RESULTS_FILE [TABLE_FILE]: the numbers of every case agree across the outputs in DIR
# (the live exposition's too when DIR has a shield_bench run: the one without TABLE_FILE).
check() {
  local dir=$1 results=$2 table=${3:-$1/out.txt} html cases=0
  [ -n "${3:-}" ] || [ -f "$dir/last_scrape.txt" ] || fail "$dir: the poller never scraped the exposition"
  html=${results/stress_test_results_/stress_test_report_}
  html=${html%.json}.html
  [ -s "$html" ] || fail "$dir: no HTML report $html"
  while IFS=$'\t' read -r name requests ok p50 p95; do
    cases=$((cases + 1))
    local p50_2 p95_2 line row
    p50_2=$(printf '%.2f' "$p50") p95_2=$(printf '%.2f' "$p95")
    # Console summary table: case requests success% rps ok-rps mean p50 p95 ...
    line=$(awk -v n="$name" '/^case +requests/ { on = 1 } on && $1 == n { print; exit }' "$table")
    [ -n "$line" ] || fail "$dir: $name: no row in the console table"
    read -r _ t_requests _ _ _ _ t_p50 t_p95 _ <<<"$line"
    [ "$t_requests $t_p50 $t_p95" = "$requests $p50_2 $p95_2" ] \
      || fail "$dir: $name: console table has requests $t_requests, p50 $t_p50, p95 $t_p95; results $requests, $p50_2, $p95_2"
    # Benchmark JSON counters, exactly.
    jq -e --arg n "$name" --argjson q "$requests" --argjson k "$ok" --argjson a "$p50" --argjson b "$p95" '
      [.benchmarks[] | select(.name == $n and .run_type == "iteration")][0]
      | .requests == $q and .ok == $k and .p50_ms == $a and .p95_ms == $b' "$dir/bench.json" >/dev/null \
      || fail "$dir: $name: benchmark JSON $(jq -c --arg n "$name" '[.benchmarks[] | select(.name == $n)][0]
         | {requests, ok, p50_ms, p95_ms}' "$dir/bench.json") vs results $requests $ok $p50 $p95"
    # HTML summary row: name, status, requests, ok, success %, rps, mean, p50, p95.
    row=$(grep -o "<tr><td>$name</td>.*" "$html" | head -n 1 | sed 's#</tr>.*##')
    local cells
    cells=$(sed 's#<[^>]*>#|#g' <<<"$row" | tr -s '|' '\n' | sed '/^$/d' | tr '\n' ' ')
    read -r h_name _ h_requests h_ok _ _ _ h_p50 h_p95 _ <<<"$cells"
    [ "$h_name $h_requests $h_ok $h_p50 $h_p95" = "$name $requests $ok $p50_2 $p95_2" ] \
      || fail "$dir: $name: HTML row '$cells' vs results $requests $ok $p50_2 $p95_2"
    # The live exposition's last scrape, summed over the case's endpoints.
    if [ -f "$dir/last_scrape.txt" ]; then
      local sums
      sums=$(awk -v n="$name" 'index($0, "shield_client_requests_total{case=\"" n "\",") == 1 {
               all += $2; if ($0 ~ /outcome="ok"/) oks += $2 } END { print all + 0, oks + 0 }' "$dir/last_scrape.txt")
      [ "$sums" = "$requests $ok" ] || fail "$dir: $name: last scrape has requests, ok = $sums; results $requests $ok"
    fi
  done < <(jq -r '.cases[] | [.name, .requests, .ok, .counters.p50_ms, .counters.p95_ms] | @tsv' "$results")
  [ "$cases" -gt 0 ] || fail "$dir: no case in $results"
  echo "$(basename "$dir"): $cases case(s) agree: console table, results file, benchmark JSON, HTML report$(
    [ -f "$dir/last_scrape.txt" ] && echo ", live exposition")"
}

results_of() { ls "$1"/stress_test_results_*.json | head -n 1; }

# shown DECIMALS VALUE: VALUE as the console and the report print it ("-" for none).
shown() { if [ -z "$2" ] || [ "$2" = null ]; then echo -; else printf "%.${1}f" "$2"; fi; }

# check_stages DIR RESULTS_FILE: every stage of every shaped case agrees across the outputs in DIR.
check_stages() {
  local dir=$1 results=$2 html stages=0
  html=${results/stress_test_results_/stress_test_report_}
  html=${html%.json}.html
  while IFS=$'\t' read -r name i requests ok rps p50 p95 p99; do
    stages=$((stages + 1))
    local want line row cells
    want="$requests $(shown 0 "$rps") $(shown 2 "$p50") $(shown 2 "$p95") $(shown 2 "$p99")"
    # Console: "  stage I (SHAPE)  requests success rps ok-rps mean p50 p95 p99 ..." under the case's row.
    line=$(awk -v n="$name" -v i="$i" '$1 == n { on = 1; next } on && $1 == "stage" && $2 == i { print; exit }' \
      "$dir/out.txt" | sed 's/^[^)]*)//')
    [ -n "$line" ] || fail "$dir: $name stage $i: no row in the console table"
    read -r t_requests _ t_rps _ _ t_p50 t_p95 t_p99 _ <<<"$line"
    [ "$t_requests $t_rps $t_p50 $t_p95 $t_p99" = "$want" ] \
      || fail "$dir: $name stage $i: console '$t_requests $t_rps $t_p50 $t_p95 $t_p99', results '$want'"
    # A step (0 s) has no request: its entry is skipped with an error, and has no counters.
    [ "$requests" = 0 ] && continue
    jq -e --arg n "$name/stage:$i" --argjson q "$requests" --argjson k "$ok" --argjson a "$p50" --argjson b "$p95" '
      [.benchmarks[] | select(.name == $n and .run_type == "iteration")][0]
      | .requests == $q and .ok == $k and .p50_ms == $a and .p95_ms == $b' "$dir/bench.json" >/dev/null \
      || fail "$dir: $name stage $i: benchmark JSON $(jq -c --arg n "$name/stage:$i" '[.benchmarks[]
         | select(.name == $n)][0] | {requests, ok, p50_ms, p95_ms}' "$dir/bench.json") vs results $requests $ok $p50 $p95"
    # HTML stage table under the case's heading: stage, time, target, requests, ok, rps, ok rps, p50, p99.
    row=$(sed -n "s#.*<h3>$name</h3>##p" "$html" | grep -o "<tr><td>$i</td>.*" | head -n 1 | sed 's#</tr>.*##')
    cells=$(sed 's#<[^>]*>#|#g' <<<"$row" | tr -s '|' '\n' | sed '/^$/d' | tr -d ',' | tr '\n' ' ')
    read -r _ _ _ _ _ h_requests h_ok h_rps _ h_p50 h_p99 _ <<<"$cells"
    [ "$h_requests $h_ok $h_p50 $h_p99" = "$requests $ok $(shown 2 "$p50") $(shown 2 "$p99")" ] \
      || fail "$dir: $name stage $i: HTML row '$cells' vs results $requests $ok $p50 $p99"
  done < <(jq -r '.cases[] | .name as $n | .stages[]
             | [$n, .index, .requests, .ok, .rps, .latency_ms.p50, .latency_ms.p95, .latency_ms.p99] | @tsv' "$results")
  [ "$stages" -gt 0 ] || fail "$dir: no stage in $results"
  # The exposition: the stage gauge ended on the last stage; the stages split the case's requests.
  while IFS=$'\t' read -r name last sum requests; do
    [ "$sum" = "$requests" ] || fail "$dir: $name: stages hold $sum requests, the case $requests"
    grep -qx "shield_client_stage{case=\"$name\"} $last" "$dir/last_scrape.txt" \
      || fail "$dir: $name: last scrape's stage is not $last: $(grep "^shield_client_stage{" "$dir/last_scrape.txt")"
  done < <(jq -r '.cases[] | [.name, (.stages | length - 1), ([.stages[].requests] | add), .requests] | @tsv' "$results")
  echo "$(basename "$dir"): $stages stage(s) agree: console table, results file, benchmark JSON, HTML report, live exposition"
}

# Runs of a second or more: the poller scrapes twice before the end, so shield_bench waits for it.
bench_run "$work/closed" --benchmark_filter='^(health|anonymize)/' --concurrency=2 --duration=1.5
check "$work/closed" "$(results_of "$work/closed")"
bench_run "$work/open" --benchmark_filter='^anonymize/' --concurrency=4 --rate=300 --duration=1
check "$work/open" "$(results_of "$work/open")"
bench_run "$work/mixed" --benchmark_filter='^mixed/' --concurrency=3 --duration=1.5
check "$work/mixed" "$(results_of "$work/mixed")"
bench_run "$work/streaming" --benchmark_filter='^chat_streaming/' --concurrency=2 --duration=1.5
check "$work/streaming" "$(results_of "$work/streaming")"
# Shaped: a ramp, a step and a hold, open loop (arrival rate) and closed loop (in flight).
bench_run "$work/staged_open" --benchmark_filter='^anonymize/' --concurrency=8 --rate=40 --stages=1s:120,0s:30,1s:30
check "$work/staged_open" "$(results_of "$work/staged_open")"
check_stages "$work/staged_open" "$(results_of "$work/staged_open")"
bench_run "$work/staged_closed" --benchmark_filter='^health/' --concurrency=1 --stages=1s:4,0s:2,1s:2
check "$work/staged_closed" "$(results_of "$work/staged_closed")"
check_stages "$work/staged_closed" "$(results_of "$work/staged_closed")"
# Two shards of one run, each checked, then their merge (its console lists cases with %.4g: the
# table checked is a summary printed from the merged results file's own figures instead).
for i in 0 1; do
  bench_run "$work/shard$i" --benchmark_filter='^(health|anonymize)/' --concurrency=2 --duration=1.5 \
    --shard="$i/2" --run_id=agree
  check "$work/shard$i" "$(results_of "$work/shard$i")"
done
mkdir -p "$work/merged"
"$merge" --results_dir="$work/merged" --benchmark_out="$work/merged/bench.json" --thresholds=none \
  "$(results_of "$work/shard0")" "$(results_of "$work/shard1")" >"$work/merged/out.txt" 2>&1 \
  || fail "shield_merge failed: $(cat "$work/merged/out.txt")"
merged=$work/merged/stress_test_results_merged_agree.json
{
  echo "case requests success rps ok_rps mean p50 p95"
  jq -r '.cases[] | [.name, .requests, .counters.p50_ms, .counters.p95_ms] | @tsv' "$merged" \
    | awk -F'\t' '{ printf "%s %s - - - - %.2f %.2f\n", $1, $2, $3, $4 }'
} >"$work/merged/table.txt"
check "$work/merged" "$merged" "$work/merged/table.txt"
