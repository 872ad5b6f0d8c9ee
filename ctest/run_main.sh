#!/usr/bin/env bash
# The main job from a fresh clone: against the bundled reference backend (with a real Redis and a
# real Prometheus), run the metrics and dashboard checks, then a monitored soak long enough for
# every verdict to be decided: one live line per second, one verdict table per case, and results
# JSON, benchmark JSON, a metrics report and a chart in shield-results/.
# Usage: ctest/run_main.sh [shield_bench flags...]
#   soak flags: --benchmark_filter=^mixed/ --concurrency=10 --duration=$SHIELD_MAIN_SOAK (60 s); the
#   flags given add to them (one given by name replaces the soak's)
#   SHIELD_TARGET=URL [SHIELD_BACKEND_PID=PID] [SHIELD_PROMETHEUS=URL [SHIELD_PROMETHEUS_JOB=NAME]]
#   [SHIELD_CA_FILE=PEM] [SHIELD_PROFILE=FILE with a token header]: your backend instead of the reference
#   SHIELD_MAIN_BUILD=DIR: use that build directory (no setup, no build); SHIELD_RESULTS_DIR=DIR: output
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ -z "${SHIELD_MAIN_BUILD:-}" ]; then
  bash ctest/setup.sh
  cmake --preset release >/dev/null
  cmake --build --preset release
  bin=build/release
else
  bin=$SHIELD_MAIN_BUILD
fi
results=${SHIELD_RESULTS_DIR:-shield-results}
soak=${SHIELD_MAIN_SOAK:-56}
mkdir -p "$results"
SECONDS=0  # the job's own time, after the build
. ctest/fixtures/lib.sh

state=$(mktemp -d /tmp/shield-main-XXXXXX)
# Everything this job starts carries the tag; on exit, after stopping the servers by PID, any such
# process still alive fails the job, named (ctest/fixtures/left_running.sh). The state directory
# (PID files, logs, Prometheus data) goes.
export SHIELD_RUN_TAG="shield-main-$$-${state##*-}"
finish() {
  local rc=$?
  for f in "$state"/*.pid; do [ -e "$f" ] && stop_pid_file "$f"; done
  if ! bash "$root/ctest/fixtures/left_running.sh" "$SHIELD_RUN_TAG" 10; then
    echo "== main job: a process it started is still running (above)" >&2
    [ "$rc" -ne 0 ] || rc=1
  fi
  rm -rf "$state"
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT TERM HUP
echo "== state directory $state (removed on exit)"

bash ctest/fixtures/start_redis.sh "$state"
bash ctest/fixtures/start_backend.sh "$state" "$bin/fixtures/reference_backend/shield_reference_backend"
bash ctest/fixtures/start_prometheus.sh "$state"
export SHIELD_TARGET SHIELD_PROMETHEUS SHIELD_BACKEND_PID
SHIELD_TARGET=$(cat "$state/target.url")
SHIELD_PROMETHEUS=$(cat "$state/prometheus.url")
# Our own backend's PID for /proc CPU and RSS; with SHIELD_TARGET, whatever the caller gave.
SHIELD_BACKEND_PID=${SHIELD_BACKEND_PID:-$(cat "$state/backend.pid" 2>/dev/null || true)}
# The address our Prometheus scrapes as the load client (job shield_client): the checks and the bench
# serve there. A Prometheus of your own does not scrape it: no client address then.
client_flags=() bench_client_flags=()
if [ -s "$state/client_metrics.listen" ]; then
  client_listen=$(cat "$state/client_metrics.listen")
  client_flags=(--client_metrics_listen="$client_listen")
  bench_client_flags=(--metrics_listen="$client_listen")
fi

status=0
echo "== metrics and dashboard checks against $SHIELD_TARGET (Prometheus $SHIELD_PROMETHEUS)"
"$bin/checks/metrics/shield_metrics_checks" "${client_flags[@]}" || status=1

echo "== monitored soak (one [monitor] line per second, then one verdict table per case)"
# The soak's shape (closed loop, requests in flight): ramp up to 10, hold, spike to 30, recover to 10
# and hold, in sevenths of the soak (a 56 s soak: 8 s up, 24 s at 10, 8 s at 30, 16 s at 10).
r=$(( soak / 7 > 0 ? soak / 7 : 1 ))
# The soak's flags, each unless the caller gave the same flag (a load flag of the caller's replaces
# the shape); the caller's come after.
args=()
for default in --benchmark_filter='^mixed/' --stages="${r}s:10,$((3 * r))s:10,0s:30,${r}s:30,0s:10,$((2 * r))s:10"; do
  name=${default%%=*} given=""
  names=("$name")
  [ "$name" != --stages ] || names+=(--duration --concurrency --rate --requests --preset)
  for a in "$@"; do
    for n in "${names[@]}"; do [[ "$a" == "$n" || "$a" == "$n="* ]] && given=1; done
  done
  [ -n "$given" ] || args+=("$default")
done
args+=("$@")
pid_flag=()
[ -z "$SHIELD_BACKEND_PID" ] || pid_flag=(--monitor_pid="$SHIELD_BACKEND_PID")
"$bin/benchmarks/bench/shield_bench" --monitor "${pid_flag[@]}" "${bench_client_flags[@]}" \
  --results_dir="$results" --benchmark_out="$results/benchmark.json" \
  --benchmark_out_format=json "${args[@]}" || status=$?
if [ ${#client_flags[@]} -gt 0 ]; then
  echo "== the client side in Prometheus (its final counts against the results file)"
  results_file=$(ls -t "$results"/stress_test_results_*.json 2>/dev/null | head -n 1)
  bash ctest/fixtures/client_series.sh "$SHIELD_PROMETHEUS" ${results_file:+"$results_file"} || status=1
else
  echo "== the client side in Prometheus: not checked (SHIELD_PROMETHEUS is yours; it does not scrape the load client)"
fi
echo "== results in $(cd "$results" && pwd)/"
ls -1 "$results" | tail -n 6
echo "== main job took ${SECONDS} s after the build (exit $status)"
exit $status
