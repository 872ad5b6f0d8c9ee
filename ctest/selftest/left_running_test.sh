#!/usr/bin/env bash
# left_running.sh catches a server deliberately left behind: the reference backend started with a
# run tag and not stopped fails the check, which names its PID and program; processes without the
# tag or with another tag are not blamed; once the backend is stopped the check passes.
# Usage: left_running_test.sh SHIELD_REFERENCE_BACKEND
set -euo pipefail
backend=$1
check="$(cd "$(dirname "$0")/../fixtures" && pwd)/left_running.sh"
dir=$(mktemp -d)
tag="left-running-selftest-$$"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done; rm -rf "$dir"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# A stranger (no tag) and a process of another run (another tag): never blamed.
sleep 300 &
pids+=($!)
SHIELD_RUN_TAG="$tag-other" sleep 300 &
pids+=($!)
bash "$check" "$tag" 1 2>"$dir/clean.err" || fail "blamed a process of no or another run: $(cat "$dir/clean.err")"

# The server left behind.
SHIELD_RUN_TAG=$tag SHIELD_TEST_NAME=selftest.leaver nohup "$backend" --port=0 --port_file="$dir/port" --redis=none \
  >"$dir/backend.log" 2>&1 </dev/null &
server=$!
pids+=("$server")
for _ in $(seq 1 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
[ -s "$dir/port" ] || fail "the backend did not start: $(cat "$dir/backend.log")"
status=0
bash "$check" "$tag" 1 2>"$dir/left.err" || status=$?
cat "$dir/left.err"
[ "$status" -eq 1 ] || fail "exit $status with a server left behind (expected 1)"
grep -q "left running: pid $server: .*shield_reference_backend" "$dir/left.err" || fail "the server's PID and program not named"
grep -q "started by test selftest.leaver" "$dir/left.err" || fail "the test that started it not named"
[ "$(grep -c '^left running:' "$dir/left.err")" -eq 1 ] || fail "blamed more than the one server"

# Stopped: the check passes.
kill -TERM "$server"
wait "$server" 2>/dev/null || true
bash "$check" "$tag" 5 2>"$dir/after.err" || fail "still failing after the server stopped: $(cat "$dir/after.err")"
echo "PASS: the server left behind (pid $server) was named; strangers and other runs were not"
