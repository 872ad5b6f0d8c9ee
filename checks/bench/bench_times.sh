#!/usr/bin/env bash
# The benchmark JSON's times mean what README says, against the results file of the same run:
# closed loop real_time = wall time per request, open loop real_time = mean latency of the successful
# requests, and in both cpu_time = the client's CPU per request (client_cpu_s / requests), the
# mean aggregate the mean of the repetitions'.
# Usage: bench_times.sh SHIELD_BENCH RESULTS_DIR
set -euo pipefail
bench=$1 out=$2
fail() { echo "bench_times.sh: $*" >&2; exit 1; }
check() {  # MODE FLAGS...
  local mode=$1 dir="$out/$1"
  shift
  rm -rf "$dir" && mkdir -p "$dir"
  "$bench" --benchmark_filter='^health/' --concurrency=2 --requests=300 --benchmark_repetitions=2 --thresholds=none \
    --results_dir="$dir" --benchmark_out="$dir/bench.json" --benchmark_out_format=json "$@" >"$dir/out.txt" 2>&1 \
    || fail "$mode: shield_bench failed: $(tail -n 5 "$dir/out.txt")"
  local results
  results=$(ls "$dir"/stress_test_results_*.json | head -n 1)
  # Per repetition: the benchmark entry against the results file's case, relative difference below 1e-9.
  jq -rn --slurpfile b "$dir/bench.json" --slurpfile r "$results" --arg mode "$mode" '
    def close(a; b): ((a - b) | fabs) <= 1e-9 * ([(a | fabs), (b | fabs), 1e-12] | max);
    [$b[0].benchmarks[] | select(.run_type == "iteration")] as $its
    | [$r[0].cases[]] as $cases
    | if ($its | length) != ($cases | length) or ($its | length) != 2 then "\($its | length) entries for \($cases | length) cases"
      else
        [range(0; $its | length) as $i | $its[$i] as $e | $cases[$i] as $c
         | ($c.client_cpu_s / $c.requests * 1e6) as $cpu
         | (if $mode == "open" then $c.latency_ms.mean * 1e3 else $c.wall_s / $c.requests * 1e6 end) as $real
         | if ($c.client_cpu_s > 0 | not) then "repetition \($i): client_cpu_s is \($c.client_cpu_s)"
           elif close($e.cpu_time; $cpu) | not then "repetition \($i): cpu_time \($e.cpu_time), client CPU per request \($cpu)"
           elif close($e.real_time; $real) | not then "repetition \($i): real_time \($e.real_time), expected \($real)"
           else empty end]
        + ([$b[0].benchmarks[] | select(.aggregate_name == "mean")][0] as $m
           | (($its | map(.cpu_time) | add) / 2) as $want
           | if close($m.cpu_time; $want) then [] else ["mean cpu_time \($m.cpu_time), mean of the repetitions \($want)"] end)
        | join("; ")
      end' >"$dir/problems.txt"
  ! grep -q . "$dir/problems.txt" || fail "$mode: $(cat "$dir/problems.txt")"
  echo "$mode: real_time and cpu_time agree with the results file ($(jq -r '[.benchmarks[] | select(.run_type == "iteration")
    | "real \(.real_time | floor) us, cpu \(.cpu_time | floor) us"] | join("; ")' "$dir/bench.json"))"
}
check closed
check open --rate=400
