#!/usr/bin/env bash
# Every output of a run tells the same numbers, per run kind (closed, open, mixed, streaming, shaped
# open and closed loop, and two shards with their merge): per case, the results file's requests, ok,
# p50 and p95 against the console summary table (shield_bench's, and shield_merge's of the merged
# run; to its printed precision), the benchmark JSON's counters (exactly), the HTML report's summary
# row (to its printed precision) and, for shield_bench runs, the client's live exposition after the
# run: requests and ok summed over endpoints, and the duration histogram's count equal to ok (the
# exposition has buckets, not percentiles). With the fixture's Prometheus (SHIELD_PROMETHEUS and
# SHIELD_CLIENT_METRICS_LISTEN, which it scrapes) the figures are those Prometheus stored from its
# scrapes; without it, the last scrape of a poller of this script's. A shaped run's stages too: per
# stage the results file's requests, ok, rps, p50, p95, p99 against its console row, its benchmark
# JSON entry `<case>/stage:<i>` (exactly), its row in the HTML report's stage table; the
# exposition's last `shield_client_stage` is the last stage, and the stages add up to the case.
# Usage: agreement.sh SHIELD_BENCH SHIELD_MERGE WORK_DIR
set -euo pipefail
bench=$1 merge=$2 work=$3
fail() { echo "agreement.sh: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
prom=""
[ -n "${SHIELD_PROMETHEUS:-}" ] && [ -n "${SHIELD_CLIENT_METRICS_LISTEN:-}" ] && prom=$SHIELD_PROMETHEUS
# With Prometheus scraping every second, a run of 2.5 s is scraped twice before it ends (shield_bench
# then waits for its final scrape); the poller scrapes every 0.2 s.
long=1.5
[ -z "$prom" ] || long=2.5

# prom_query QUERY: the result vector of an instant query now.
prom_query() {
  curl -fsS --max-time 10 "$prom/api/v1/query" --data-urlencode "query=$1" | jq -c '.data.result' \
    || fail "cannot query Prometheus at $prom"
}

# prom_scrape DIR SECONDS: what Prometheus stored of the run of the last SECONDS, as exposition lines
# (the sums per case of requests, ok requests and the duration count), into DIR/last_scrape.txt.
prom_scrape() {
  local dir=$1 window=$2 sel='job="shield_client"'
  {
    prom_query "sum by (case) (last_over_time(shield_client_requests_total{$sel}[${window}s]))" \
      | jq -r '.[] | "requests \(.metric.case) \(.value[1])"'
    prom_query "sum by (case) (last_over_time(shield_client_requests_total{$sel,outcome=\"ok\"}[${window}s]))" \
      | jq -r '.[] | "ok \(.metric.case) \(.value[1])"'
    prom_query "sum by (case) (last_over_time(shield_client_request_duration_seconds_count{$sel}[${window}s]))" \
      | jq -r '.[] | "timed \(.metric.case) \(.value[1])"'
    prom_query "last_over_time(shield_client_stage{$sel}[${window}s])" \
      | jq -r '.[] | "stage \(.metric.case) \(.value[1])"'
  } >"$dir/last_scrape.txt"
}

# bench_run DIR FLAGS...: shield_bench scraped by Prometheus or a polling scraper; leaves out.txt,
# bench.json, last_scrape.txt (lines "requests|ok|timed|stage CASE N").
bench_run() {
  local dir=$1
  shift
  mkdir -p "$dir"
  : >"$dir/err.txt"  # exists before the first look for the metrics address
  local listen=127.0.0.1:0 began=$SECONDS
  [ -z "$prom" ] || listen=$SHIELD_CLIENT_METRICS_LISTEN
  "$bench" --thresholds=none --results_dir="$dir" --benchmark_out="$dir/bench.json" --metrics_listen="$listen" \
    "$@" >"$dir/out.txt" 2>"$dir/err.txt" &
  local pid=$! url=""
  if [ -n "$prom" ]; then
    wait "$pid" || fail "$dir: shield_bench exited with $?: $(tail -n 5 "$dir/err.txt")"
    grep -q "^client metrics: " "$dir/err.txt" || fail "$dir: shield_bench did not serve its metrics"
    # Every sample of this run, none of an earlier one (that process had exited before this began);
    # Prometheus stores a scrape just after it received it.
    sleep 1
    prom_scrape "$dir" $((SECONDS - began + 1))
    return
  fi
  for _ in $(seq 1 100); do
    url=$(sed -n 's/^client metrics: //p' "$dir/err.txt" | head -n 1)
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || fail "$dir: shield_bench never said where its metrics are"
  while kill -0 "$pid" 2>/dev/null; do
    curl -fsS --max-time 2 "$url" >"$dir/poll.tmp" 2>/dev/null && mv "$dir/poll.tmp" "$dir/poll.txt"
    sleep 0.2
  done
  wait "$pid" || fail "$dir: shield_bench exited with $?: $(tail -n 5 "$dir/err.txt")"
  [ -f "$dir/poll.txt" ] || fail "$dir: the poller never scraped the exposition"
  # The same lines as from Prometheus, summed over endpoints.
  awk '/^shield_client_stage\{/ { match($0, /case="[^"]*"/); stage[substr($0, RSTART + 6, RLENGTH - 7)] = $2 }
       /^shield_client_requests_total\{/ || /^shield_client_request_duration_seconds_count\{/ {
         match($0, /case="[^"]*"/); c = substr($0, RSTART + 6, RLENGTH - 7)
         if ($0 ~ /^shield_client_requests_total/) { all[c] += $2; if ($0 ~ /outcome="ok"/) ok[c] += $2 }
         else timed[c] += $2 }
       END { for (c in all) print "requests", c, all[c]; for (c in ok) print "ok", c, ok[c];
             for (c in timed) print "timed", c, timed[c]; for (c in stage) print "stage", c, stage[c] }' "$dir/poll.txt" >"$dir/last_scrape.txt"
}

# check DIR RESULTS_FILE: the numbers of every case agree across the outputs in DIR (the console's
# out.txt, bench.json, the HTML report; the live exposition's last_scrape.txt when DIR has one).
check() {
  local dir=$1 results=$2 table=$1/out.txt html cases=0
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
    # The live exposition after the run, summed over the case's endpoints.
    if [ -f "$dir/last_scrape.txt" ]; then
      local sums
      sums=$(awk -v n="$name" '$2 == n { v[$1] = $3 } END { print v["requests"] + 0, v["ok"] + 0, v["timed"] + 0 }' \
        "$dir/last_scrape.txt")
      [ "$sums" = "$requests $ok $ok" ] \
        || fail "$dir: $name: the exposition has requests, ok, timed = $sums; results $requests $ok $ok" \
          "$(grep -h "^client metrics: no scrape" "$dir/err.txt" 2>/dev/null)"
    fi
  done < <(jq -r '.cases[] | [.name, .requests, .ok, .counters.p50_ms, .counters.p95_ms] | @tsv' "$results")
  [ "$cases" -gt 0 ] || fail "$dir: no case in $results"
  echo "$(basename "$dir"): $cases case(s) agree: console table, results file, benchmark JSON, HTML report$(
    [ -f "$dir/last_scrape.txt" ] && echo ", live exposition ($([ -n "$prom" ] && echo "Prometheus" || echo "poller"))")"
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
    [ "$(awk -v n="$name" '$1 == "stage" && $2 == n { print $3 }' "$dir/last_scrape.txt")" = "$last" ] \
      || fail "$dir: $name: the exposition's last stage is not $last: $(grep "^stage " "$dir/last_scrape.txt")"
  done < <(jq -r '.cases[] | [.name, (.stages | length - 1), ([.stages[].requests] | add), .requests] | @tsv' "$results")
  echo "$(basename "$dir"): $stages stage(s) agree: console table, results file, benchmark JSON, HTML report, live exposition"
}


bench_run "$work/closed" --benchmark_filter='^(health|anonymize)/' --concurrency=2 --duration=$long
check "$work/closed" "$(results_of "$work/closed")"
bench_run "$work/open" --benchmark_filter='^anonymize/' --concurrency=4 --rate=300 --duration=$long
check "$work/open" "$(results_of "$work/open")"
bench_run "$work/mixed" --benchmark_filter='^mixed/' --concurrency=3 --duration=$long
check "$work/mixed" "$(results_of "$work/mixed")"
bench_run "$work/streaming" --benchmark_filter='^chat_streaming/' --concurrency=2 --duration=$long
check "$work/streaming" "$(results_of "$work/streaming")"
# Shaped: a ramp, a step and a hold, open loop (arrival rate) and closed loop (in flight); 2.5 s so
# Prometheus scrapes twice.
bench_run "$work/staged_open" --benchmark_filter='^anonymize/' --concurrency=8 --rate=40 --stages=1.5s:120,0s:30,1s:30
check "$work/staged_open" "$(results_of "$work/staged_open")"
check_stages "$work/staged_open" "$(results_of "$work/staged_open")"
bench_run "$work/staged_closed" --benchmark_filter='^health/' --concurrency=1 --stages=1.5s:4,0s:2,1s:2
check "$work/staged_closed" "$(results_of "$work/staged_closed")"
check_stages "$work/staged_closed" "$(results_of "$work/staged_closed")"
# Two shards of one run, each checked, then their merge (shield_merge prints shield_bench's table).
for i in 0 1; do
  bench_run "$work/shard$i" --benchmark_filter='^(health|anonymize)/' --concurrency=2 --duration=$long \
    --shard="$i/2" --run_id=agree
  check "$work/shard$i" "$(results_of "$work/shard$i")"
done
mkdir -p "$work/merged"
"$merge" --results_dir="$work/merged" --benchmark_out="$work/merged/bench.json" --thresholds=none \
  "$(results_of "$work/shard0")" "$(results_of "$work/shard1")" >"$work/merged/out.txt" 2>&1 \
  || fail "shield_merge failed: $(cat "$work/merged/out.txt")"
check "$work/merged" "$work/merged/stress_test_results_merged_agree.json"
# The check can fail: one figure off in a copy of a run's outputs (the exposition's ok count, the
# merged console's p95) is caught.
tampered() {  # NAME FROM FILE SED_EXPR
  rm -rf "$work/$1" && cp -r "$work/$2" "$work/$1"
  sed -i -E "$4" "$work/$1/$3"
  ! (check "$work/$1" "$(results_of "$work/$1")" >/dev/null 2>&1) || fail "$1: a tampered $3 went unseen"
  echo "$1: a figure changed in $3 is caught"
}
tampered tampered_live closed last_scrape.txt '0,/^ok /s/^(ok [^ ]+ )([0-9]+)$/\1999999999/'
tampered tampered_console merged out.txt '/^anonymize\/concurrency:2 /s/ ([0-9]+\.[0-9]{2}) / 9\1 /3'
