#!/usr/bin/env bash
# Accounting as Prometheus is run: another scraper reading /metrics every 50 ms does not fail the
# Accounting checks (scrapes of the metrics endpoint are not compared exactly); another client
# sending /health requests back to back does, and the failure says another client was seen.
# Usage: accounting_scrapers.sh SHIELD_CHECKS (SHIELD_TARGET set by the fixture)
set -euo pipefail
checks=$1
: "${SHIELD_TARGET:?needs the fixture backend}"
loop_pid=""
stop_loop() {
  local p
  # Each loop and the curl it is running.
  for p in $loop_pid; do kill $(pgrep -P "$p") "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  loop_pid=""
}
trap stop_loop EXIT
# hammer PATH N PAUSE: GET it in the background, N requests per kept-alive curl, PAUSE s between
# (bounded: at most 3,000 rounds); back to back (PAUSE 0), two such loops overlap, so no window of
# the checks falls into the gap while one curl restarts.
hammer() {
  local urls=() i
  for ((i = 0; i < $2; i++)); do urls+=("$SHIELD_TARGET$1"); done
  ( for _ in $(seq 1 3000); do curl -sS --max-time 20 "${urls[@]}" >/dev/null 2>&1 || true; sleep "$3"; done ) &
  [ "$3" != 0 ] || { ( for _ in $(seq 1 3000); do curl -sS --max-time 20 "${urls[@]}" >/dev/null 2>&1 || true; done ) & }
  loop_pid="$(jobs -p | tr '\n' ' ')"
  sleep 1  # curl under way before the checks start
}
fail() { echo "FAIL: $*" >&2; exit 1; }

hammer /metrics 1 0.05
out=$("$checks" --gtest_filter='Accounting.RequestsTotal*' 2>&1) || { echo "$out"; fail "another /metrics scraper failed Accounting"; }
stop_loop
echo "ok: Accounting passes while another scraper reads /metrics every 50 ms"

hammer /health 2000 0
# The other client is under way (its /health count grows) before the checks start.
health_count() { curl -fsS --max-time 2 "$SHIELD_TARGET/metrics" | awk '/^http_requests_total\{.*endpoint="\/health"/ { s += $NF } END { printf "%d\n", s }'; }
for _ in $(seq 1 50); do
  c1=$(health_count); sleep 0.2; c2=$(health_count)
  [ $((c2 - c1)) -lt 20 ] || break
done
# A window may still miss it on a loaded machine: up to three runs, the first failure counts.
status=0
for _ in 1 2 3; do
  out=$("$checks" --gtest_filter='Accounting.RequestsTotal*' 2>&1) || status=$?
  [ "$status" -eq 0 ] || break
done
stop_loop
grep -E 'rule:|another client|no other client' <<<"$out" | head -n 6 || true
[ "$status" -ne 0 ] || fail "Accounting passed while another client sent /health requests"
grep -q 'another client' <<<"$out" || fail "the failure does not say another client was seen"
echo "PASS: /metrics scrapes excluded; another client named"
