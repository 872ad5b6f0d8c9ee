#!/usr/bin/env bash
# Distributed run on a real one-node Slurm cluster on localhost: deploy/slurm/submit.sh submits two
# shards (a job array, 150/s each for 5 s against the reference backend, one common start) and the
# merge job (--dependency=afterok). Checks: 1,500 requests counted, merged ok equals the backend's
# own http_requests_total delta for /anonymize 200, the merged file names both shards, shield_compare
# reads the merged benchmark JSON. Exit 77 (skipped) when slurm-wlm/munge are not installed.
# Usage: slurm_test.sh SHIELD_BENCH SHIELD_MERGE SHIELD_COMPARE SHIELD_REFERENCE_BACKEND WORK_DIR
set -euo pipefail
bench=$1 merge=$2 compare=$3 backend=$4 work=$5
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/ctest/fixtures/lib.sh"
. "$root/checks/distributed/lib.sh"
. "$root/checks/distributed/slurm_cluster.sh"

if why=$(slurm_cluster_missing) && [ -n "$why" ]; then
  echo "SKIPPED: no Slurm here: $why"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
cleanup() {
  slurm_cluster_stop "$work/cluster"
  stop_pid_file "$work/backend.pid"
}
trap cleanup EXIT

# Our own backend (no Redis): nothing else sends it /anonymize requests.
SHIELD_TARGET='' "$root/ctest/fixtures/start_backend.sh" "$work" "$backend"
url=$(cat "$work/target.url")
slurm_cluster_start "$work/cluster"
echo "cluster up: $(sinfo -h -o '%P %a %D %T')"

before=$(requests_total "$url" /anonymize 200)
out="$work/run"
SHIELD_OUT="$out" SHIELD_BENCH="$bench" SHIELD_MERGE="$merge" SHIELD_RUN_ID=slurm-test SHIELD_START_DELAY=8 \
  SHIELD_THRESHOLDS='success_rate>95' \
  "$root/deploy/slurm/submit.sh" 2 --target="$url" --benchmark_filter='^anonymize/' --concurrency=8 \
  --rate=300 --duration=5 | tee "$work/submit.out"
merge_job=$(sed -n 's/.*merge job \([0-9]*\).*/\1/p' "$work/submit.out")
array_job=$(sed -n 's/.*job array \([0-9]*\).*/\1/p' "$work/submit.out")

# Wait (bounded) until the merge job has left the queue.
deadline=$((SECONDS + 120))
while squeue -h -j "$merge_job" 2>/dev/null | grep -q .; do
  if [ $SECONDS -ge $deadline ]; then echo "jobs still queued after 120 s:" >&2; squeue >&2; exit 1; fi
  sleep 1
done
after=$(requests_total "$url" /anonymize 200)
for f in "$out"/shield-*.out; do echo "--- $f"; cat "$f"; done

state() { scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | sort -u | tr '\n' ' '; }
check "array job $array_job completed ($(state "$array_job"))" test "$(state "$array_job")" = "COMPLETED "
check "merge job $merge_job completed after the array ($(state "$merge_job"))" test "$(state "$merge_job")" = "COMPLETED "
merged="$out/merged/stress_test_results_merged_slurm-test.json"
check "merged results file written" test -s "$merged"
if [ -s "$merged" ]; then
  requests=$(jq '.cases[0].requests' "$merged")
  ok=$(jq '.cases[0].ok' "$merged")
  delta=$((after - before))
  check "1,500 requests counted (got $requests)" test "$requests" = 1500
  check "merged ok $ok equals the backend's http_requests_total{endpoint=/anonymize,status=200} delta $delta" \
    test "$ok" = "$delta"
  check "each shard sent 750" test "$(jq -c '[.cases[0].shards[].requests]' "$merged")" = "[750,750]"
  for i in 0 1; do
    check "merged file names shard $i's file" \
      jq -e --arg d "$out/shard-$i/" '[.distributed.files[] | startswith($d)] | any' "$merged"
  done
  check "two shards of run slurm-test" jq -e '.distributed.shards == 2 and .distributed.run_id == "slurm-test"' "$merged"
  check "start skew below 1 s ($(jq '.distributed.start_skew_s' "$merged") s)" jq -e '.distributed.start_skew_s < 1' "$merged"
  check "rps over the union of windows near 300 ($(jq '.cases[0].counters.rps' "$merged"))" \
    jq -e '.cases[0].counters.rps > 270 and .cases[0].counters.rps < 310' "$merged"
  check "shield_compare reads the merged benchmark JSON" "$compare" "$out/merged/benchmark.json" "$out/merged/benchmark.json"
fi
if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed; cluster logs:" >&2
  tail -n 20 "$work/cluster/log/slurmctld.log" "$work/cluster/log/slurmd.log" >&2 || true
  exit 1
fi
echo "all Slurm checks passed"
