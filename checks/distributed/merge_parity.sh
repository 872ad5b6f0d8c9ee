#!/usr/bin/env bash
# Merge parity on a real run: shield_bench as the one shard of a run (--run_id; closed and open
# loop, streaming and mixed cases, a shaped run with per-stage figures, a run stopped by Ctrl-C),
# then shield_merge of that file alone
# (which reads it with the strict typed reader). The merged results document must be
# the shard's (apart from the shard fields, the distributed block and per-shard rows) and the merged
# benchmark JSON must carry the same names, real_time, cpu_time, counters and labels as
# shield_bench's own benchmark JSON.
# Usage: merge_parity.sh SHIELD_BENCH SHIELD_MERGE WORK_DIR
set -euo pipefail
bench=$1 merge=$2 work=$3
fail() { echo "merge_parity.sh: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
run() {  # NAME FILTER FLAGS... (INTERRUPT_AFTER=S: Ctrl-C after S seconds, exit 130 expected;
         # CONCURRENCY=LIST instead of 1,2,3)
  local name=$1 filter=$2 dir="$work/$1" status=0 want=0
  shift 2
  "$bench" --run_id="parity-$name" --benchmark_filter="$filter" --concurrency="${CONCURRENCY:-1,2,3}" \
    --thresholds='success_rate>95' --results_dir="$dir/shard" --benchmark_out="$dir/shard/bench.json" "$@" \
    >"$dir.out" 2>&1 &
  local pid=$!
  if [ -n "${INTERRUPT_AFTER:-}" ]; then
    sleep "$INTERRUPT_AFTER"
    kill -INT "$pid"
    want=130
  fi
  wait "$pid" || status=$?
  [ "$status" = "$want" ] || fail "$name: shield_bench exited $status (expected $want): $(tail -n 5 "$dir.out")"
  local shard
  shard=$(ls "$dir"/shard/stress_test_results_*.json | head -n 1)
  status=0
  "$merge" --results_dir="$dir/merged" --benchmark_out="$dir/merged/bench.json" "$shard" >"$dir.merge.out" 2>&1 \
    || status=$?
  # An interrupted run did not pass: the merge says so with exit 1, as shield_bench's own verdict.
  [ "$status" = 0 ] || { [ "$want" = 130 ] && [ "$status" = 1 ]; } \
    || fail "$name: shield_merge exited $status: $(cat "$dir.merge.out")"
  grep -q "warning" "$dir.merge.out" && fail "$name: shield_merge warned: $(cat "$dir.merge.out")"
  local merged="$dir/merged/stress_test_results_merged_parity-$name.json"
  # The results documents, without what only a shard or a merge has.
  local strip='del(.configuration.tool, .configuration.shard, .configuration.host, .distributed)
    | .cases |= map(del(.shards, .start_skew_s, .run.shards)
                    | if .error then .error |= sub("^[^:]*\\.json: "; "") else . end)'
  diff <(jq -S "$strip" "$shard") <(jq -S "$strip" "$merged") >"$dir.diff" \
    || fail "$name: the merged document differs from the shard's: $(head -n 20 "$dir.diff")"
  # The benchmark JSON entries (iterations), relative differences below 1e-9.
  jq -rn --slurpfile a "$dir/shard/bench.json" --slurpfile b "$dir/merged/bench.json" '
    def close(x; y): ((x - y) | fabs) <= 1e-9 * ([(x | fabs), (y | fabs), 1e-12] | max);
    [$a[0].benchmarks[] | select(.run_type == "iteration")] as $s
    | [$b[0].benchmarks[] | select(.run_type == "iteration")] as $m
    | if ($s | length) != ($m | length) then "\($s | length) shard entries, \($m | length) merged"
      else [range(0; $s | length) as $i | $s[$i] as $x | $m[$i] as $y
            | (($x | keys) - ["family_index", "per_family_instance_index", "threads", "repetitions",
                              "repetition_index", "run_name", "iterations", "time_unit", "name", "run_type", "label"]) as $k
            | if $x.name != $y.name then "entry \($i): \($x.name) vs \($y.name)"
              elif $x.label != $y.label then "\($x.name): label \($x.label) vs \($y.label)"
              else ($k[] as $key
                    | ($y[$key] | if $key == "error_message" then sub("^[^:]*\\.json: "; "") else . end) as $v
                    | if ($y | has($key)) and (if ($x[$key] | type) == "number" then close($x[$key]; $v)
                                                else $x[$key] == $v end) then empty
                                   else "\($x.name): \($key) \($x[$key]) vs \($y[$key])" end)
              end] | join("; ") end' >"$dir.bench_diff"
  ! grep -q . "$dir.bench_diff" || fail "$name: benchmark JSON differs: $(cat "$dir.bench_diff")"
  echo "$name: merging the one shard gives its results document and benchmark JSON" \
    "($(jq '.cases | length' "$shard") cases)"
}
run closed '^(health|anonymize)/' --requests=150
run open '^(health|anonymize)/' --requests=150 --rate=300
run streaming_mixed '^(chat_streaming|mixed)/' --requests=30
# Stages: the merged document must carry the shard's `stages` (tallies, histograms) exactly.
CONCURRENCY=8 run staged '^anonymize/' --rate=40 --stages=1s:120,0s:30,1s:30
jq -e '.cases[0].stages | length == 3' "$work/staged/merged/stress_test_results_merged_parity-staged.json" >/dev/null \
  || fail "staged: the merged document has no stages"
INTERRUPT_AFTER=1.5 run interrupted '^anonymize/' --duration=4
