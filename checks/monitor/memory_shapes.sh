#!/usr/bin/env bash
# The memory verdict against purpose-written servers (shield_model_server's memory gauge) at 8 s
# and 60 s: a Python-like warm-up (2 MB rising over ~20 s of requests, then level) is "unknown, too
# short" at 8 s (three runs) and ok at 60 s; a planted 60 MiB per 1,000 requests fails at 8 s (three
# runs); a slow 1 MiB per 1,000 leak fails at 60 s.
# Usage: memory_shapes.sh BENCH MODEL_SERVER PROFILE WORKDIR
set -euo pipefail
bench=$1 server=$2 profile=$3 dir=$4
source "$(dirname "$0")/model_runs.sh"

run() {  # run NAME SECONDS SERVER_FLAGS...: memory_growth status and detail of a monitored run
  local name=$1 seconds=$2
  shift 2
  monitored_run "$name" memory_growth "$@" -- --rate=500 --duration="$seconds"
}

warmup=(--memory=warmup --memory_amount=2000000 --memory_scale=10000)
for i in 1 2 3; do
  expect unknown "too short to tell warm-up from a leak: run at least" "$(run "warmup8_$i" 8 "${warmup[@]}")"
  expect fail "too fast to be warm-up" "$(run "leak8_$i" 8 --memory=leak --memory_amount=62915)"
done
expect ok "halves" "$(run warmup60 60 "${warmup[@]}")"
expect fail "possible leak" "$(run slowleak60 60 --memory=leak --memory_amount=1049)"
echo PASS
