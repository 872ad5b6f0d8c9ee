#!/usr/bin/env bash
# Two shards from two "hosts" on one machine: network namespaces made by this test, each client with
# its own address and a veth pair to a namespace holding the reference backend (at 10.231.9.1 on
# that namespace's loopback). All traffic stays inside those namespaces. Checks that both clients
# sent over their own link and that the merged counts equal the backend's own. Without
# CAP_NET_ADMIN (or CAP_SYS_ADMIN) it exits 77: reported skipped with the reason.
# Usage: netns_test.sh SHIELD_BENCH SHIELD_MERGE SHIELD_REFERENCE_BACKEND WORK_DIR
set -euo pipefail
bench=$1 merge=$2 backend=$3 work=$4
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/ctest/fixtures/lib.sh"
. "$root/checks/distributed/lib.sh"

tag=$$
be=shield-be-$tag c0=shield-c0-$tag c1=shield-c1-$tag
if ! command -v ip >/dev/null 2>&1; then echo "SKIPPED: no 'ip' command (iproute2)"; exit 77; fi
# Probe: a namespace and a veth pair in it (ip netns add needs CAP_SYS_ADMIN, the link CAP_NET_ADMIN).
if ! why=$( { ip netns add "$be" && ip netns exec "$be" ip link add p0 type veth peer name p1 &&
              ip netns exec "$be" ip link del p0; } 2>&1); then
  ip netns del "$be" 2>/dev/null || true
  echo "SKIPPED: cannot make network namespaces with veth links here (needs CAP_SYS_ADMIN and CAP_NET_ADMIN): $why"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
cleanup() {
  stop_pid_file "$work/backend.pid"
  for ns in "$c0" "$c1" "$be"; do ip netns del "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT
ip netns add "$c0"
ip netns add "$c1"
netns_run() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
netns_run "$be" ip link set lo up
netns_run "$be" ip addr add 10.231.9.1/32 dev lo
for i in 0 1; do
  ns=shield-c$i-$tag
  ip link add "c$i" netns "$ns" type veth peer name "b$i" netns "$be"
  netns_run "$ns" ip link set lo up
  netns_run "$ns" ip addr add "10.231.$i.2/24" dev "c$i"
  netns_run "$ns" ip link set "c$i" up
  netns_run "$be" ip addr add "10.231.$i.1/24" dev "b$i"
  netns_run "$be" ip link set "b$i" up
  netns_run "$ns" ip route add 10.231.9.1/32 via "10.231.$i.1"
done

# The backend inside its namespace (it sees only that namespace's addresses). `ip netns exec` execs
# the backend, so $! is the backend's own PID (a shell function here would record a subshell's).
ip netns exec "$be" "$backend" --host=0.0.0.0 --port=0 --port_file="$work/backend.port" --redis=none \
  >"$work/backend.log" 2>&1 </dev/null &
echo $! >"$work/backend.pid"
wait_until 15 "$(cat "$work/backend.pid")" test -s "$work/backend.port" || { cat "$work/backend.log" >&2; exit 1; }
url="http://10.231.9.1:$(cat "$work/backend.port")"
wait_until 15 "$(cat "$work/backend.pid")" netns_run "$c0" curl -fsS --max-time 1 "$url/health" ||
  { echo "backend not reachable from $c0" >&2; exit 1; }
netns_run "$c1" curl -fsS --max-time 2 "$url/health" >/dev/null || { echo "backend not reachable from $c1" >&2; exit 1; }

packets() { netns_run "$1" cat "/sys/class/net/$2/statistics/tx_packets"; }
before=$(netns_run "$c0" bash -c "$(declare -f requests_total); requests_total $url /anonymize 200")
tx0=$(packets "$c0" c0) tx1=$(packets "$c1" c1)
start_at=$(( $(date +%s) + 3 ))
pids=()
for i in 0 1; do
  netns_run "shield-c$i-$tag" "$bench" --target="$url" --shard="$i/2" --run_id=netns --start_at="$start_at" \
    --benchmark_filter='^anonymize/' --concurrency=4 --rate=200 --duration=3 --thresholds=none \
    --results_dir="$work/shard-$i" >"$work/shard-$i.log" 2>&1 &
  pids+=($!)
done
for i in 0 1; do
  wait "${pids[$i]}" || { echo "shard $i failed:" >&2; cat "$work/shard-$i.log" >&2; exit 1; }
done
after=$(netns_run "$c0" bash -c "$(declare -f requests_total); requests_total $url /anonymize 200")
sent0=$(( $(packets "$c0" c0) - tx0 )) sent1=$(( $(packets "$c1" c1) - tx1 ))

"$merge" --results_dir="$work/merged" --thresholds=none "$work"/shard-*/stress_test_results_*.json | tee "$work/merge.log"
merged="$work/merged/stress_test_results_merged_netns.json"
requests=$(jq '.cases[0].requests' "$merged")
ok=$(jq '.cases[0].ok' "$merged")
check "600 requests counted (got $requests)" test "$requests" = 600
check "merged ok $ok equals the backend's http_requests_total delta $((after - before))" test "$ok" = "$((after - before))"
check "each shard sent 300" test "$(jq -c '[.cases[0].shards[].requests]' "$merged")" = "[300,300]"
check "client 10.231.0.2 sent over its own link ($sent0 packets)" test "$sent0" -ge 300
check "client 10.231.1.2 sent over its own link ($sent1 packets)" test "$sent1" -ge 300
if [ "$failures" -ne 0 ]; then exit 1; fi
echo "all network-namespace checks passed"
