#!/usr/bin/env bash
# The CPU verdict per stage kind against a purpose-written server (shield_model_server's CPU gauge:
# 0.4 % per request/s of the last second, so 50/s is 20 % and 250/s saturates). One shaped run,
# hold 50/s, spike 250/s, hold 50/s: the spike saturates, the holds do not, so the verdict warns
# naming the spike (judged over the whole run it would fail). The same shape against a server whose
# CPU lingers 4 s after the spike: saturation carries into the hold after it, and that fails.
# Usage: cpu_phases.sh BENCH MODEL_SERVER PROFILE WORKDIR
set -euo pipefail
bench=$1 server=$2 profile=$3 dir=$4
rm -rf "$dir"
mkdir -p "$dir"
pid=
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

run() {  # run NAME SERVER_FLAGS...: cpu_usage status and detail of a monitored shaped run
  local name=$1; shift
  "$server" --service_ms=2 --cpu_percent_per_rps=0.4 "$@" >"$dir/$name.url" &
  pid=$!
  for _ in $(seq 50); do [ -s "$dir/$name.url" ] && break; sleep 0.1; done
  SHIELD_TARGET=$(cat "$dir/$name.url") "$bench" --profile="$profile" --monitor --benchmark_filter='^fast/' \
    --rate=50 --concurrency=16 --stages=4s:50,0s:250,4s:250,0s:50,6s:50 --thresholds=none \
    --results_dir="$dir/$name" >"$dir/$name.log" 2>&1 || true
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  jq -r '.verdicts[] | select(.name == "cpu_usage") | "\(.status) \(.detail)"' "$dir/$name"/metrics_report_*.json
}
expect() {  # expect STATUS TEXT VERDICT_LINE
  echo "$3"
  [ "${3%% *}" = "$1" ] || fail "expected $1, got: $3"
  grep -q -- "$2" <<<"$3" || fail "expected '$2' in: $3"
}

expect warn "sustained only during spike" "$(run spike)"
expect fail "sustained during hold" "$(run linger --cpu_linger_s=4)"
echo PASS
