#!/usr/bin/env bash
# The monitor's verdicts both ways, against backends of its own (ignores SHIELD_TARGET):
#   leak   a --bug=leak backend fails memory_growth; a clean one does not
#   redis  Redis stopped mid-run gives a redis_connected fail with a disconnected period
#   errors /__faults error_rate=1 for 2 s mid-run shows in the failures series at that time
# Usage: verdict_scenarios.sh BENCH BACKEND WORKDIR leak|redis|errors
set -euo pipefail
bench=$1 backend=$2 dir=$3 scenario=$4
fixtures=$(cd "$(dirname "$0")/../../ctest/fixtures" && pwd)
. "$fixtures/lib.sh"
unset SHIELD_TARGET SHIELD_BACKEND_PID
rm -rf "$dir"
mkdir -p "$dir"
cleanup() { stop_pid_file "$dir/st/backend.pid"; stop_pid_file "$dir/st/redis.pid"; }
trap cleanup EXIT

start() {  # start FLAGS...: a backend (and Redis when the state dir has one) in $dir/st
  "$fixtures/start_backend.sh" "$dir/st" "$backend" "$@" >/dev/null
}
monitored() {  # monitored NAME DURATION: a monitored anonymize run into $dir/NAME; prints its report path
  local out=$dir/$1
  SHIELD_TARGET=$(cat "$dir/st/target.url") SHIELD_BACKEND_PID=$(cat "$dir/st/backend.pid") \
    "$bench" --monitor --benchmark_filter='^anonymize/' --duration="$2" --concurrency=5 --thresholds=none \
    --results_dir="$out" >"$out.log" 2>&1 || true
  ls "$out"/metrics_report_*.json
}
verdict() {  # verdict REPORT NAME: the verdict's status
  grep -o "\"name\":\"$2\",\"status\":\"[a-z]*\"" "$1" | sed 's/.*"status":"\([a-z]*\)"/\1/'
}
fail() { echo "FAIL: $*" >&2; exit 1; }

case $scenario in
  leak)
    start --bug=leak
    report=$(monitored leak 8)
    got=$(verdict "$report" memory_growth)
    echo "leak backend: memory_growth=$got"; grep -A7 '^monitor verdicts' "$dir/leak.log" | grep memory_growth || true
    [ "$got" = fail ] || fail "a leaking backend gave memory_growth=$got"
    cleanup
    start
    report=$(monitored clean 8)
    got=$(verdict "$report" memory_growth)
    echo "clean backend: memory_growth=$got"; grep -A7 '^monitor verdicts' "$dir/clean.log" | grep memory_growth || true
    [ "$got" = ok ] || fail "a clean backend gave memory_growth=$got"
    ;;
  redis)
    "$fixtures/start_redis.sh" "$dir/st" >/dev/null
    start
    ( sleep 5; stop_pid_file "$dir/st/redis.pid" ) &
    report=$(monitored redis 9)
    wait
    got=$(verdict "$report" redis_connected)
    echo "Redis stopped at ~5 s: redis_connected=$got"; grep -A7 '^monitor verdicts' "$dir/redis.log" | grep redis_connected || true
    [ "$got" = fail ] || fail "Redis stopped mid-run gave redis_connected=$got"
    grep -q '"phase":"idle".*"redis_connection_status":1' "$report" || fail "Redis was not connected before the stop"
    grep -Eq 'disconnected 1 time\(s\): [0-9.]+s-' "$dir/redis.log" || fail "no disconnected period printed"
    ;;
  errors)
    start --enable_faults
    url=$(cat "$dir/st/target.url")
    ( sleep 5; curl -fsS -X POST -H 'Content-Type: application/json' -d '{"error_rate":1}' "$url/__faults" >/dev/null
      sleep 2; curl -fsS -X DELETE "$url/__faults" >/dev/null ) &
    report=$(monitored errors 10)
    wait
    # One line per load sample: t and failures; failures only inside the burst (t ~ 5..7 s of wall time).
    series=$(grep -o '"t":[^,]*,"phase":"load","client":{"completed":[0-9]*,"rps":[^,]*,"failures":[0-9]*' "$report" |
             sed 's/"t":\([^,]*\),.*"completed":\([0-9]*\),.*"failures":\([0-9]*\)/\1 \2 \3/')
    echo "t completed failures:"; echo "$series"
    awk '{ t = $1 + 0; f = $3 + 0
           if (f > 0 && (t < 5 || t > 9)) bad = bad " failures at t=" t
           if (f > 0) hits++ }
         END { if (hits < 1) bad = bad " no interval with failures"; if (bad != "") { print bad; exit 1 } }' \
      <<<"$series" || fail "error burst not where expected"
    ;;
  *) echo "unknown scenario $scenario" >&2; exit 2 ;;
esac
echo "PASS $scenario"
