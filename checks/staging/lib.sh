# Shared by the staging tests: an echoing server started and stopped by its own PID, checks.

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# start_echo_server DIR NAME MODE: starts echo_server.py (exec'd, so $! is the server itself);
# sets echo_pid and echo_port.
start_echo_server() {
  local dir=$1 name=$2 mode=$3
  rm -f "$dir/$name.port"
  python3 "$(dirname "${BASH_SOURCE[0]}")/echo_server.py" "$dir/$name.port" "$mode" >"$dir/$name.log" 2>&1 </dev/null &
  echo_pid=$!
  echo_pids+=("$echo_pid")
  for _ in $(seq 1 100); do [ -s "$dir/$name.port" ] && break; sleep 0.1; done
  [ -s "$dir/$name.port" ] || { echo "echo server did not start: $(cat "$dir/$name.log")" >&2; exit 1; }
  echo_port=$(cat "$dir/$name.port")
}
echo_pids=()
stop_echo_servers() { for p in "${echo_pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }

# expect CODE REGEX DESCRIPTION COMMAND...: the command exits CODE with a line matching REGEX;
# its output is appended to $all_output (for the secret scan).
expect() {
  local code=$1 regex=$2 what=$3 out got; shift 3
  out=$("$@" 2>&1) && got=0 || got=$?
  printf '%s\n' "$out" >>"$all_output"
  if [ "$got" -ne "$code" ]; then fail "$what: exit $got, expected $code:"$'\n'"$(tail -n 15 <<<"$out")"; return; fi
  if ! grep -Eq -- "$regex" <<<"$out"; then fail "$what: no line matches /$regex/ in:"$'\n'"$(tail -n 15 <<<"$out")"; return; fi
  pass "$what"
}
