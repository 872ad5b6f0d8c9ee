#!/usr/bin/env bash
# failed_summary.sh on a real ctest run: it prints the failing test's failure lines and nothing of
# the passing one, and prints nothing at all after a green run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p "$dir/src"
cat >"$dir/src/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(summary_probe LANGUAGES NONE)
enable_testing()
add_test(NAME probe.passes COMMAND sh -c "echo 'Expected: passing-test-line'; exit 0")
add_test(NAME probe/fails.case COMMAND sh -c "echo noise; echo 'x_test.cpp:7: Failure'; echo 'Value of: planted-reason'; exit 1")
add_test(NAME probe.script_fails COMMAND sh -c "echo 'ok: fine'; echo 'FAIL: planted-script-reason'; exit 1")
CMAKE
cmake -S "$dir/src" -B "$dir/build" >/dev/null
(cd "$dir/build" && ctest >/dev/null 2>&1) && fail "the probe project's failing test passed"
out=$(bash "$here/../failed_summary.sh" "$dir/build")
grep -q -- '-- probe/fails.case' <<<"$out" || fail "the failed test is not named: $out"
grep -q 'planted-reason' <<<"$out" || fail "the failure line is missing: $out"
grep -q 'FAIL: planted-script-reason' <<<"$out" || fail "a script's FAIL line is missing: $out"
grep -q 'ok: fine' <<<"$out" && fail "a script's ok line was printed: $out"
grep -q 'passing-test-line' <<<"$out" && fail "output of the passing test was printed: $out"
grep -q 'noise' <<<"$out" && fail "lines that say nothing of the failure were printed: $out"

(cd "$dir/build" && ctest -R probe.passes >/dev/null 2>&1) || fail "the probe project's passing test failed"
out=$(bash "$here/../failed_summary.sh" "$dir/build")
[ -z "$out" ] || fail "a green run printed a summary: $out"
echo "PASS: failed tests named with their failure lines; nothing after a green run"
