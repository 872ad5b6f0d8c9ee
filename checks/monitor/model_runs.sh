#!/usr/bin/env bash
# Shared by the monitor scripts that run shield_bench --monitor against shield_model_server: a
# fresh WORKDIR, the server stopped on exit, and the checks on one verdict line.
# Source it after setting: bench server profile dir.
set -euo pipefail
rm -rf "$dir"
mkdir -p "$dir"
pid=
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# monitored_run NAME VERDICT SERVER_FLAGS... -- BENCH_FLAGS...: "status detail" of VERDICT in a
# monitored run of the `fast` endpoint against a model server started with SERVER_FLAGS.
monitored_run() {
  local name=$1 verdict=$2 server_flags=()
  shift 2
  while [ "$1" != -- ]; do server_flags+=("$1"); shift; done
  shift
  "$server" --service_ms=2 "${server_flags[@]}" >"$dir/$name.url" &
  pid=$!
  for _ in $(seq 50); do [ -s "$dir/$name.url" ] && break; sleep 0.1; done
  SHIELD_TARGET=$(cat "$dir/$name.url") "$bench" --profile="$profile" --monitor --benchmark_filter='^fast/' \
    --concurrency=16 --thresholds=none --results_dir="$dir/$name" "$@" >"$dir/$name.log" 2>&1 || true
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  jq -r --arg v "$verdict" '.verdicts[] | select(.name == $v) | "\(.status) \(.detail)"' "$dir/$name"/metrics_report_*.json
}

# expect STATUS TEXT VERDICT_LINE: the line has that status and contains TEXT.
expect() {
  echo "$3"
  [ "${3%% *}" = "$1" ] || fail "expected $1, got: $3"
  grep -q -- "$2" <<<"$3" || fail "expected '$2' in: $3"
}
