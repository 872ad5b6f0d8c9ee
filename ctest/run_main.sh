#!/usr/bin/env bash
# The main job from a fresh clone: against the bundled reference backend (with a real Redis and a
# real Prometheus), run the metrics and dashboard checks, then a monitored stress run that prints a
# report and writes results JSON, a metrics report and a chart to shield-results/.
# Usage: ctest/run_main.sh [shield_bench flags...]   (default: --preset=light)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash ctest/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
bin=build/release
. ctest/fixtures/lib.sh

state=$(mktemp -d /tmp/shield-main-XXXXXX)
cleanup() { for f in "$state"/*.pid; do [ -e "$f" ] && stop_pid_file "$f"; done; }
trap cleanup EXIT INT TERM

bash ctest/fixtures/start_redis.sh "$state"
bash ctest/fixtures/start_backend.sh "$state" "$bin/fixtures/reference_backend/shield_reference_backend"
bash ctest/fixtures/start_prometheus.sh "$state"
export SHIELD_TARGET SHIELD_PROMETHEUS SHIELD_BACKEND_PID
SHIELD_TARGET=$(cat "$state/target.url")
SHIELD_PROMETHEUS=$(cat "$state/prometheus.url")
SHIELD_BACKEND_PID=$(cat "$state/backend.pid")
# The address Prometheus scrapes as the load client (job shield_client): the checks and the bench serve there.
client_listen=$(cat "$state/client_metrics.listen")

status=0
echo "== metrics and dashboard checks against $SHIELD_TARGET (Prometheus $SHIELD_PROMETHEUS)"
"$bin/checks/metrics/shield_metrics_checks" --client_metrics_listen="$client_listen" || status=1

echo "== monitored stress run"
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--preset=light)
"$bin/benchmarks/bench/shield_bench" --monitor --monitor_pid="$SHIELD_BACKEND_PID" --metrics_listen="$client_listen" \
  --results_dir=shield-results --benchmark_out=shield-results/benchmark.json \
  --benchmark_out_format=json "${args[@]}" || status=$?
echo "== the client side in Prometheus"
bash ctest/fixtures/client_series.sh "$SHIELD_PROMETHEUS" || status=1
echo "== results in $root/shield-results/"
ls -1 shield-results/ | tail -n 6
exit $status
