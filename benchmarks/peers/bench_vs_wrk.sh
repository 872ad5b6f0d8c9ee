#!/usr/bin/env bash
# shield_bench against wrk, the fastest HTTP/1.1 load tool here: both drive the same local nginx
# (a fixed 200) for a fixed time, alternating A B B A, several rounds, in two set-ups: one client
# thread with 50 connections, two threads with 100. Prints per round requests/s, client CPU time
# per request and how much of the machine sat idle meanwhile, then per set-up the median and spread
# (min-max) of the shield_bench / wrk ratios, and per request of each tool, from one extra run under
# `perf stat` (kernel tracepoints: counts that, unlike the timings, do not depend on what else the
# machine runs): system calls (all, and the reads, writes, epoll_wait, epoll_ctl and io_uring_enter
# among them), user / system CPU time, and nginx's CPU time per request meanwhile. A loaded machine
# is named in the output.
# Targets (issue 20): 1 thread, 50 connections: rps ratio >= 1.10, CPU ratio <= 0.90; 2 threads,
# 100 connections: rps ratio >= 1.05; shield_bench's system calls per request <= wrk's.
# Usage: bench_vs_wrk.sh [BUILD_DIR] [SECONDS] [ROUNDS]   (defaults: build/release, 10, 5; also
# DURATION=SECONDS and ROUNDS=N from the environment, for unattended runs)
# SHIELD_BENCH_BEFORE=PATH adds a third contender, another shield_bench binary (say, the build
# before a change), interleaved the same way and reported as after / before ratios.
# SHIELD_BENCH_IO_URING=1 builds shield_bench with Asio's io_uring backend (cmake
# -DSHIELD_ASIO_IO_URING=ON, in BUILD_DIR/../io_uring) and adds it as the contender io_uring.
# SHIELD_PEER_SETUPS="1:50 2:100" picks the set-ups (threads:connections).
# NGINX_WORKERS=N runs nginx with N workers (default: nginx's auto, one per core).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build=${1:-$root/build/release}
seconds=${2:-${DURATION:-10}}
rounds=${3:-${ROUNDS:-5}}
[[ $seconds =~ ^[1-9][0-9]*$ ]] || { echo "SECONDS/DURATION must be a whole number of seconds, got '$seconds'" >&2; exit 2; }
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a whole number, got '$rounds'" >&2; exit 2; }
setups=${SHIELD_PEER_SETUPS:-1:50 2:100}
before=${SHIELD_BENCH_BEFORE:-}
. "$root/ctest/fixtures/lib.sh"
. "$root/benchmarks/peers/nginx.sh"
bash "$root/ctest/setup.sh" --with-peers
command -v perf >/dev/null || apt-get install -y -qq linux-perf >/dev/null
bench="$build/benchmarks/bench/shield_bench"
[ -x "$bench" ] || { echo "no $bench: build first (cmake --build --preset release)" >&2; exit 2; }
[ -z "$before" ] || [ -x "$before" ] || { echo "SHIELD_BENCH_BEFORE=$before is not a program" >&2; exit 2; }
uring=""
if [ "${SHIELD_BENCH_IO_URING:-0}" = 1 ]; then
  uring_build="$(dirname "$build")/io_uring"
  echo "building the io_uring variant in $uring_build"
  [ -f /usr/include/liburing.h ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq liburing-dev >/dev/null
  cmake -S "$root" -B "$uring_build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" -DSHIELD_ASIO_IO_URING=ON >"$uring_build.log" 2>&1 &&
    cmake --build "$uring_build" -j"$(nproc)" --target shield_bench >>"$uring_build.log" 2>&1 ||
    { echo "the io_uring build failed: see $uring_build.log" >&2; exit 2; }
  uring="$uring_build/benchmarks/bench/shield_bench"
fi
state=$(mktemp -d /tmp/shield-wrk-XXXXXX)
cleanup() { stop_pid_file "$state/nginx.pid"; rm -rf "$state"; }
trap cleanup EXIT
workers=${NGINX_WORKERS:-auto}
[[ $workers == auto || $workers =~ ^[1-9][0-9]*$ ]] || { echo "NGINX_WORKERS must be a whole number or auto, got '$workers'" >&2; exit 2; }
start_nginx "$state" "$workers"
# nginx's workers and their open descriptors at rest: what a worker holds above that during a run
# is the connections it took. With one listening socket for all (auto), whether one worker took
# every connection or they split them decides a round more than either client does.
nginx_workers=$(pgrep -P "$(cat "$state/nginx.pid")" | sort -n | tr '\n' ' ')
open_fds() { find "/proc/$1/fd" -mindepth 1 | wc -l; }
declare -A rest_fds
for pid in $nginx_workers; do rest_fds[$pid]=$(open_fds "$pid"); done
# "a/b/...": connections per nginx worker now.
connection_split() {
  local out="" pid
  for pid in $nginx_workers; do out+="${out:+/}$(($(open_fds "$pid") - rest_fds[$pid]))"; done
  echo "$out"
}

# cpu_of LOG COMMAND...: runs COMMAND (output to LOG) and prints its user+system CPU seconds.
cpu_of() {
  local log=$1; shift
  ( "$@" >"$log" 2>&1; times ) | tail -n 1 | awk '{
    split($1, u, "m"); split($2, s, "m"); sub("s", "", u[2]); sub("s", "", s[2]);
    printf "%.3f\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }'
}

# The command line of TOOL (wrk, shield_bench, before, io_uring) for THREADS, CONNECTIONS, SECONDS.
command_of() {
  local tool=$1 threads=$2 connections=$3 secs=$4 program=$bench
  if [ "$tool" = wrk ]; then
    echo wrk -t"$threads" -c"$connections" -d"${secs}s" "$NGINX_URL/health"
    return
  fi
  [ "$tool" = before ] && program=$before
  [ "$tool" = io_uring ] && program=$uring
  echo "$program" --target="$NGINX_URL" --benchmark_filter='^health/' --concurrency="$connections" \
    --io_threads="$threads" --duration="$secs" --thresholds='success_rate>=100' --results_dir="$state/results" \
    --benchmark_format=json
}

# requests_of TOOL LOG: "rps requests" from the tool's output.
requests_of() {
  local tool=$1 out; out=$(cat "$2")
  if [ "$tool" = wrk ]; then
    if grep -q 'Non-2xx\|Socket errors' <<<"$out"; then echo "wrk saw errors: $out" >&2; return 1; fi
    echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '/requests in/ {print $1}' <<<"$out")"
    return
  fi
  local requests rps
  requests=$(grep -m1 '"requests":' <<<"$out" | sed -E 's/.*: *([-0-9.eE+]+).*/\1/')
  rps=$(grep -m1 '"rps":' <<<"$out" | sed -E 's/.*: *([-0-9.eE+]+).*/\1/')
  [ -n "$requests" ] || { echo "$tool failed: $out" >&2; return 1; }
  echo "$rps $requests"
}

# The machine's "idle_ticks all_ticks" so far (/proc/stat; idle counts iowait too).
machine_ticks() { awk '/^cpu / { print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }

# run TOOL THREADS CONNECTIONS: "rps requests cpu_seconds idle_percent split" (idle_percent: the
# share of the machine's CPU time nobody used meanwhile: on 2 cores shared by the client and nginx,
# rounds differ mostly in how the scheduler placed them, and this is where that shows; split:
# connections per nginx worker half-way through).
run() {
  local cpu ticks_before ticks_after sampler
  ticks_before=$(machine_ticks)
  (sleep "$(awk -v s="$seconds" 'BEGIN { print s / 2 }')" && connection_split >"$state/split") &
  sampler=$!
  # shellcheck disable=SC2046
  cpu=$(cpu_of "$state/$1.log" $(command_of "$1" "$2" "$3" "$seconds"))
  wait "$sampler" || echo "?" >"$state/split"
  ticks_after=$(machine_ticks)
  echo "$(requests_of "$1" "$state/$1.log") $cpu $(awk -v b="$ticks_before" -v a="$ticks_after" 'BEGIN {
    split(b, x, " "); split(a, y, " "); printf "%.1f", (y[2] > x[2] ? 100 * (y[1] - x[1]) / (y[2] - x[2]) : 0) }') $(cat "$state/split")"
}

# syscalls TOOL THREADS CONNECTIONS: per request, over one run under perf stat: "all reads
# writes epoll_wait epoll_ctl io_uring_enter user_us sys_us server_us" (reads: read + recvfrom, writes: write +
# sendto; server_us: nginx's workers' CPU time, counted on them meanwhile: what the client's way
# of sending costs the server).
syscalls() {
  local events=raw_syscalls:sys_enter,syscalls:sys_enter_read,syscalls:sys_enter_recvfrom
  events+=,syscalls:sys_enter_write,syscalls:sys_enter_sendto,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_epoll_ctl
  events+=,syscalls:sys_enter_io_uring_enter
  local server_pids server_perf
  server_pids=$(echo $nginx_workers | tr ' ' ',')
  LC_ALL=C perf stat -e task-clock -p "$server_pids" -o "$state/perf-server-$1.txt" -- sleep $((seconds + 5)) \
    >/dev/null 2>&1 &
  server_perf=$!
  # shellcheck disable=SC2046
  LC_ALL=C perf stat -e "$events" -o "$state/perf-$1.txt" -- $(command_of "$1" "$2" "$3" "$seconds") \
    >"$state/$1-perf.log" 2>&1 || { echo "perf stat failed for $1: $(tail -n 3 "$state/$1-perf.log")" >&2; return 1; }
  kill -INT "$server_perf" 2>/dev/null || true
  wait "$server_perf" 2>/dev/null || true
  local requests server_ms
  requests=$(requests_of "$1" "$state/$1-perf.log" | awk '{ print $2 }')
  server_ms=$(awk '/task-clock/ { print $1 }' "$state/perf-server-$1.txt")
  awk -v n="$requests" -v server_ms="${server_ms:-0}" '
    $2 == "raw_syscalls:sys_enter" { all = $1 }
    $2 ~ /sys_enter_(read|recvfrom)$/ { reads += $1 }
    $2 ~ /sys_enter_(write|sendto)$/ { writes += $1 }
    $2 == "syscalls:sys_enter_epoll_wait" { waits = $1 }
    $2 == "syscalls:sys_enter_epoll_ctl" { ctls = $1 }
    $2 == "syscalls:sys_enter_io_uring_enter" { rings = $1 }
    $3 == "user" { user = $1 } $3 == "sys" { sys = $1 }
    END { printf "%.3f %.3f %.3f %.3f %.3f %.3f %.3f %.3f %.3f\n", all / n, reads / n, writes / n, waits / n, ctls / n,
                 rings / n, user * 1e6 / n, sys * 1e6 / n, server_ms * 1e3 / n }' "$state/perf-$1.txt"
}

tools=(wrk shield_bench)
[ -n "$before" ] && tools+=(before)
[ -n "$uring" ] && tools+=(io_uring)
echo "nginx at $NGINX_URL (worker_processes $workers); ${rounds} rounds of ${seconds}s, on $(nproc) cores; load: $(uptime | sed 's/.*load average/load average/')"
# Other work on the machine distorts requests/s (and CPU time) far more than system call counts.
if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v c="$(nproc)" 'BEGIN { exit !(l > c / 2) }'; then
  echo "WARNING: measured under load (1-minute load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores):"
  echo "         requests/s and CPU ratios are noise here; system calls per request are not"
fi
for setup in $setups; do
  threads=${setup%%:*} connections=${setup##*:}
  echo
  echo "== $threads thread(s), $connections connections"
  printf '%-6s %-12s %12s %12s %14s %10s %14s\n' round tool requests/s requests "CPU us/req" "idle %" "nginx conns"
  rows=()
  for round in $(seq 1 "$rounds"); do
    order=("${tools[@]}")
    if [ $((round % 2)) -eq 0 ]; then  # A B B A: every other round in reverse
      order=(); for ((i = ${#tools[@]} - 1; i >= 0; i--)); do order+=("${tools[$i]}"); done
    fi
    for tool in "${order[@]}"; do
      read -r rps requests cpu idle split <<<"$(run "$tool" "$threads" "$connections")"
      per=$(awk -v c="$cpu" -v n="$requests" 'BEGIN { printf "%.3f", c * 1e6 / n }')
      printf '%-6s %-12s %12.0f %12.0f %14s %10s %14s\n' "$round" "$tool" "$rps" "$requests" "$per" "$idle" "$split"
      rows+=("$round $tool $rps $per $idle $split")
    done
  done
  printf '%s\n' "${rows[@]}" | awk -v has_before="${before:+1}" -v has_uring="${uring:+1}" '
    # median of the n values v[1..n] (sorted in place)
    function median(v, n,   i, j, t) {
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
      return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
    # "median (min-max)" of a / b per round
    function ratio(a, b, what,   r, v) {
      for (r = 1; r <= n; r++) v[r] = what == "rps" ? rps[a, r] / rps[b, r] : cpu[a, r] / cpu[b, r]
      m = median(v, n)
      return sprintf("%.3f (%.3f-%.3f)", m, v[1], v[n]) }
    # one of several workers held 90 % of the connections or more: nearly the set-up of
    # NGINX_WORKERS=1 (the others idle), by chance
    function alone(s,   parts, k, i, top, all) {
      k = split(s, parts, "/"); top = all = 0
      for (i = 1; i <= k; i++) { all += parts[i]; if (parts[i] > top) top = parts[i] }
      return k > 1 && all > 0 && top >= 0.9 * all }
    # "median requests/s, median CPU us/request (rounds)" of TOOL over the rounds whose split was
    # (or was not, when WANT is 0) one worker nearly alone
    function in_mode(tool, want,   r, k, v, c) {
      k = 0
      for (r = 1; r <= n; r++) if (mode[tool, r] == want) { k++; v[k] = rps[tool, r]; c[k] = cpu[tool, r] }
      return k ? sprintf("%.0f/s, %.3f us (%d)", median(v, k), median(c, k), k) : "none" }
    { rps[$2, $1] = $3; cpu[$2, $1] = $4; idle[$2, $1] = $5; mode[$2, $1] = alone($6)
      if ($1 > n) n = $1 }
    END {
      for (r = 1; r <= n; r++) {
        wr[r] = rps["wrk", r]; br[r] = rps["shield_bench", r]; wc[r] = cpu["wrk", r]; bc[r] = cpu["shield_bench", r]
        wi[r] = idle["wrk", r]; bi[r] = idle["shield_bench", r]; lone["wrk"] += mode["wrk", r]
        lone["shield_bench"] += mode["shield_bench", r] }
      printf "median requests/s: wrk %.0f, shield_bench %.0f\n", median(wr, n), median(br, n)
      printf "median CPU us/request: wrk %.3f, shield_bench %.3f\n", median(wc, n), median(bc, n)
      printf "median machine idle %%: wrk %.1f, shield_bench %.1f\n", median(wi, n), median(bi, n)
      if (lone["wrk"] + lone["shield_bench"] > 0) {
        printf "rounds where one nginx worker held 90 %% of the connections or more: wrk %d, shield_bench %d of %d\n",
               lone["wrk"], lone["shield_bench"], n
        printf "  like with like, median requests/s, CPU per request (rounds): one worker: wrk %s, shield_bench %s;" \
               " shared: wrk %s, shield_bench %s\n", in_mode("wrk", 1), in_mode("shield_bench", 1),
               in_mode("wrk", 0), in_mode("shield_bench", 0) }
      printf "shield_bench / wrk per round, median (min-max): requests/s %s, CPU per request %s\n",
             ratio("shield_bench", "wrk", "rps"), ratio("shield_bench", "wrk", "cpu")
      if (has_before)
        printf "shield_bench / before per round, median (min-max): requests/s %s, CPU per request %s\n",
               ratio("shield_bench", "before", "rps"), ratio("shield_bench", "before", "cpu")
      if (has_uring) {
        printf "io_uring / wrk per round, median (min-max): requests/s %s, CPU per request %s\n",
               ratio("io_uring", "wrk", "rps"), ratio("io_uring", "wrk", "cpu")
        printf "io_uring / shield_bench (epoll) per round, median (min-max): requests/s %s, CPU per request %s\n",
               ratio("io_uring", "shield_bench", "rps"), ratio("io_uring", "shield_bench", "cpu") } }'
  printf '%-12s %9s %7s %7s %11s %10s %15s %12s %11s %13s\n' "per request" "syscalls" reads writes epoll_wait \
    epoll_ctl io_uring_enter "user CPU us" "sys CPU us" "nginx CPU us"
  for tool in "${tools[@]}"; do
    read -r all reads writes waits ctls rings user sys server <<<"$(syscalls "$tool" "$threads" "$connections")"
    printf '%-12s %9s %7s %7s %11s %10s %15s %12s %11s %13s\n' "$tool" "$all" "$reads" "$writes" "$waits" "$ctls" \
      "$rings" "$user" "$sys" "$server"
  done
done
echo "load after: $(uptime | sed 's/.*load average/load average/')"
