#!/usr/bin/env bash
# stop.sh signals only the server a PID file names: a stale file naming an unrelated process (a
# `sleep` started here) leaves it running with a message; a process that is the server stops.
set -euo pipefail
fixtures="$(cd "$(dirname "$0")/../fixtures" && pwd)"
dir=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done; rm -rf "$dir"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. Stale PID files (each fixture name) naming an unrelated sleep: nothing is signalled.
sleep 300 &
stranger=$!
pids+=("$stranger")
for name in redis backend prometheus nginx; do
  echo "$stranger" >"$dir/$name.pid"
  bash "$fixtures/stop.sh" "$dir/$name.pid" 2>"$dir/stop.err"
  kill -0 "$stranger" 2>/dev/null || fail "$name.pid: stop.sh killed an unrelated process"
  grep -q "pid $stranger is not" "$dir/stop.err" || fail "$name.pid: no message: $(cat "$dir/stop.err")"
  [ ! -e "$dir/$name.pid" ] || fail "$name.pid: stale PID file kept"
done
# An unknown PID file name: left alone too.
echo "$stranger" >"$dir/other.pid"
bash "$fixtures/stop.sh" "$dir/other.pid" 2>"$dir/stop.err"
kill -0 "$stranger" 2>/dev/null || fail "other.pid: stop.sh killed an unrelated process"
grep -q "left alone" "$dir/stop.err" || fail "other.pid: no message"
# Garbage instead of a PID: nothing signalled (kill -TERM -1 would hit every process).
echo "-1" >"$dir/redis.pid"
bash "$fixtures/stop.sh" "$dir/redis.pid" 2>"$dir/stop.err"
kill -0 "$stranger" 2>/dev/null || fail "a '-1' PID file killed a process"
grep -q "is not a PID" "$dir/stop.err" || fail "no message for a '-1' PID file"

# 2. A process whose command line is the server (argv[0] redis-server, as redis titles itself) stops.
(exec -a "redis-server 127.0.0.1:1" sleep 300) &
server=$!
pids+=("$server")
for _ in $(seq 1 50); do grep -q '^redis-server' "/proc/$server/cmdline" 2>/dev/null && break; sleep 0.1; done
echo "$server" >"$dir/redis.pid"
bash "$fixtures/stop.sh" "$dir/redis.pid"
wait "$server" 2>/dev/null || true
! kill -0 "$server" 2>/dev/null || fail "the server named by redis.pid was not stopped"
[ ! -e "$dir/redis.pid" ] || fail "redis.pid not removed"
kill -0 "$stranger" 2>/dev/null || fail "the unrelated sleep died"
echo "PASS: stale PID files leave pid $stranger alone; the server's PID is stopped"
