#!/usr/bin/env bash
# The CPU verdict per stage kind against a purpose-written server (shield_model_server's CPU gauge:
# 0.4 % per request/s of the last second, so 50/s is 20 % and 250/s saturates). One shaped run,
# hold 50/s, spike 250/s, hold 50/s: the spike saturates, the holds do not, so the verdict warns
# naming the spike (judged over the whole run it would fail). The same shape against a server whose
# CPU lingers 4 s after the spike: saturation carries into the hold after it, and that fails.
# Usage: cpu_phases.sh BENCH MODEL_SERVER PROFILE WORKDIR
set -euo pipefail
bench=$1 server=$2 profile=$3 dir=$4
source "$(dirname "$0")/model_runs.sh"

run() {  # run NAME SERVER_FLAGS...: cpu_usage status and detail of a monitored shaped run
  local name=$1
  shift
  monitored_run "$name" cpu_usage --cpu_percent_per_rps=0.4 "$@" -- --rate=50 --stages=4s:50,0s:250,4s:250,0s:50,6s:50
}

expect warn "sustained only during spike" "$(run spike)"
expect fail "sustained during hold" "$(run linger --cpu_linger_s=4)"
echo PASS
