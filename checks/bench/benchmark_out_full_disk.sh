#!/usr/bin/env bash
# --benchmark_out on a full file system: a 64 KiB tmpfs (in a private mount namespace), filled up.
# shield_bench must leave no file there (nor a temporary one), say why, and exit 1; with room, the
# same run writes a whole, valid JSON document and exits 0. Exit 77 (skipped) when this machine
# cannot make a private mount (needs root or user namespaces).
# Usage: benchmark_out_full_disk.sh SHIELD_BENCH WORK_DIR (SHIELD_TARGET set by the fixture)
set -euo pipefail
bench=$1 work=$2
: "${SHIELD_TARGET:?needs the fixture backend}"
rm -rf "$work"
mkdir -p "$work/disk"
unshare_flags=(-m --propagation private)
[ "$(id -u)" -eq 0 ] || unshare_flags=(-r "${unshare_flags[@]}")
if ! why=$(unshare "${unshare_flags[@]}" mount -t tmpfs -o size=64k tmpfs "$work/disk" 2>&1); then
  echo "SKIPPED: cannot mount a private tmpfs here: $why"
  exit 77
fi
# Inside the namespace: mount, fill (FILL=1), run, list what is left; prints "exit=N" last.
run_on_tmpfs() {
  unshare "${unshare_flags[@]}" env FILL="$1" BENCH="$bench" WORK="$work" bash -c '
    mount -t tmpfs -o size=64k tmpfs "$WORK/disk"
    [ "$FILL" != 1 ] || dd if=/dev/zero of="$WORK/disk/filler" bs=4k 2>/dev/null || true
    rc=0
    "$BENCH" --benchmark_filter=^health/ --requests=30 --thresholds=none --results_dir="$WORK/results" \
      --benchmark_out="$WORK/disk/benchmark.json" --benchmark_out_format=json >"$WORK/bench.log" 2>&1 || rc=$?
    ls -A "$WORK/disk" | grep -v "^filler$" || true
    [ ! -s "$WORK/disk/benchmark.json" ] || cp "$WORK/disk/benchmark.json" "$WORK/benchmark.json"
    echo "exit=$rc"'
}
fail() { echo "FAIL: $*" >&2; cat "$work/bench.log" >&2; exit 1; }

left=$(run_on_tmpfs 1)
echo "full disk: $(tr '\n' ' ' <<<"$left")"
grep -q '^exit=1$' <<<"$left" || fail "exit status on a full disk: $left (expected 1)"
[ "$(grep -vc '^exit=' <<<"$left")" -eq 0 ] || fail "files left on the full disk: $left"
grep -q -- '--benchmark_out not written (no file left): cannot write .*No space left on device' "$work/bench.log" ||
  fail "no message naming the failure"
grep -E 'benchmark_out|No space' "$work/bench.log"

rm -f "$work/benchmark.json"
left=$(run_on_tmpfs 0)
grep -q '^exit=0$' <<<"$left" || fail "exit status with room: $left (expected 0)"
[ "$(grep -v '^exit=' <<<"$left")" = benchmark.json ] || fail "with room, expected only benchmark.json: $left"
jq -e '.benchmarks | length > 0' "$work/benchmark.json" >/dev/null || fail "benchmark.json is not a whole document"
echo "PASS: full disk: no file, a message, exit 1; with room: a whole benchmark.json, exit 0"
