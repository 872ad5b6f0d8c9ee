#!/usr/bin/env bash
# The suite as an installed CTest plugin, seen from a consumer repository. Modes:
#   install  --build=DIR --work=DIR --programs=a,b,..  cmake --install into WORK/prefix, check the layout
#   consumer --build=DIR --work=DIR --consumer=SRC     configure, build and ctest the consumer example;
#                                                      pass only if its tests pass and JUnit is written
#   misuse   --build=DIR --work=DIR                    misspelled or contradictory arguments fail the
#                                                      consumer's configure with a message naming them
set -uo pipefail
mode=${1:-}; shift || true
build='' work='' programs='' consumer='' generator=Ninja
for arg in "$@"; do
  case $arg in
    --build=*) build=${arg#*=} ;;
    --work=*) work=${arg#*=} ;;
    --programs=*) programs=${arg#*=} ;;
    --consumer=*) consumer=${arg#*=} ;;
    --generator=*) generator=${arg#*=} ;;
    *) echo "run_consumer.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done
[ -n "$build" ] && [ -n "$work" ] || { echo "run_consumer.sh: --build and --work are required" >&2; exit 2; }
work=$(realpath -m "$work") build=$(realpath -m "$build")
prefix=$work/prefix
failures=0
dir='' bin='' junit='' tests=''  # the consumer's directories, JUnit file and test names

pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
finish() { if [ "$failures" -eq 0 ]; then echo "all passed"; exit 0; fi; echo "$failures failed"; exit 1; }

# The consumer must not inherit this run's target, baseline or fixture state.
unset SHIELD_TARGET SHIELD_PROMETHEUS SHIELD_BASELINE SHIELD_STATE_DIR SHIELD_PROFILE SHIELD_DASHBOARD SHIELD_TIMEOUT

# configure SRC BIN ARGS...: configures with the temporary prefix; output in BIN.log.
configure() {
  local src=$1 bin=$2; shift 2
  rm -rf "$bin"
  cmake -S "$src" -B "$bin" -G "$generator" -DCMAKE_PREFIX_PATH="$prefix" "$@" >"$bin.log" 2>&1
}

# junit_case FILE NAME: the <testcase> element of test NAME (one line, empty when absent).
junit_case() {
  tr '\n' ' ' <"$1" | sed 's#<testcase #\n<testcase #g' | grep -F "<testcase name=\"$2\"" | sed 's#</testcase>.*#</testcase>#'
}

install_mode() {
  rm -rf "$prefix"
  mkdir -p "$work"
  if ! cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1; then
    fail "cmake --install $build --prefix $prefix"; tail -n 20 "$work/install.log"; finish
  fi
  pass "cmake --install into $prefix"
  IFS=, read -r -a wanted <<<"$programs"
  for program in "${wanted[@]}"; do
    [ -n "$program" ] || continue
    if [ -x "$prefix/bin/$program" ]; then pass "bin/$program installed"; else fail "bin/$program missing"; fi
  done
  for file in lib/cmake/ShieldStress/ShieldStressConfig.cmake lib/cmake/ShieldStress/ShieldStressConfigVersion.cmake \
              lib/cmake/ShieldStress/ShieldStressAddTests.cmake share/shield-stress/profiles/shield.json \
              share/shield-stress/dashboards/shield.json share/shield-stress/expected_metrics/shield.json \
              share/shield-stress/ctest/compare_results.sh \
              share/shield-stress/ctest/fixtures/lib.sh share/shield-stress/ctest/fixtures/start_backend.sh \
              share/shield-stress/ctest/fixtures/start_redis.sh share/shield-stress/ctest/fixtures/stop.sh \
              share/shield-stress/ctest/fixtures/with_target.sh; do
    if [ -f "$prefix/$file" ]; then pass "$file installed"; else fail "$file missing"; fi
  done
  finish
}

# compare_ctest NAME ENV...: the consumer's compare test alone against the bench JSON already
# written (-FA keeps CTest from re-running the bench fixture); output in NAME.log, exit code returned.
compare_ctest() {
  local name=$1; shift
  env "$@" ctest --test-dir "$bin" -L compare -FA 'bench_results$' -V \
    --output-junit "$dir/$name.xml" >"$dir/$name.log" 2>&1
}

# The compare test with and without baselines: skipped without one, passes against an equal run,
# fails against a much faster baseline and on a baseline file that does not exist.
compare_phase() {
  local tc results baseline=$dir/baseline.json faster=$dir/faster-baseline.json
  tc=$(junit_case "$junit" "$(grep '\.compare$' <<<"$tests")")
  if grep -q 'no baseline' <<<"$tc"; then pass "compare says 'no baseline'"; else fail "compare lacks 'no baseline': $tc"; fi
  results=$bin/shield-results/benchmark.json
  [ -s "$results" ] || { fail "the bench test wrote no $results"; return; }
  cp "$results" "$baseline"
  # A baseline claiming 10^12 requests per second: this run must count as a regression.
  sed -E 's/("rps": *)[0-9.eE+-]+/\11e12/' "$results" >"$faster"
  cmp -s "$results" "$faster" && { fail "no rps counter in $results"; return; }

  cmake "$bin" -DCONSUMER_BASELINE="$baseline" >>"$bin.log" 2>&1 || { fail "reconfigure with BASELINE"; return; }
  if compare_ctest same && grep -q 'comparing .* against baseline' "$dir/same.log" \
     && grep -q 'status="run"' <<<"$(junit_case "$dir/same.xml" "$(grep '\.compare$' <<<"$tests")")"; then
    pass "BASELINE = this run's JSON: compare ran and passed"
  else
    fail "compare against an equal BASELINE"; cat "$dir/same.log"
  fi
  cmake "$bin" -DCONSUMER_BASELINE="$faster" >>"$bin.log" 2>&1 || { fail "reconfigure with a faster BASELINE"; return; }
  if compare_ctest faster; then
    fail "a far faster baseline did not fail the compare test"; cat "$dir/faster.log"
  elif grep -q 'regressed' "$dir/faster.log"; then
    pass "a far faster baseline fails the compare test as a regression"
  else
    fail "faster baseline: failed without 'regressed'"; cat "$dir/faster.log"
  fi
  cmake "$bin" -DCONSUMER_BASELINE= >>"$bin.log" 2>&1 || { fail "reconfigure without BASELINE"; return; }
  if compare_ctest env_same SHIELD_BASELINE="$baseline" && grep -q 'comparing' "$dir/env_same.log"; then
    pass "SHIELD_BASELINE at ctest time is compared"
  else
    fail "SHIELD_BASELINE at ctest time"; cat "$dir/env_same.log"
  fi
  if compare_ctest missing SHIELD_BASELINE="$dir/no-such-baseline.json"; then
    fail "a missing SHIELD_BASELINE file passed"; cat "$dir/missing.log"
  elif grep -q 'does not exist' "$dir/missing.log"; then
    pass "a missing SHIELD_BASELINE file fails the compare test"
  else
    fail "missing baseline: unexpected output"; cat "$dir/missing.log"
  fi
}

consumer_mode() {
  [ -n "$consumer" ] || { echo "consumer mode needs --consumer" >&2; exit 2; }
  dir=$work/consumer bin=$dir/build junit=$dir/junit.xml
  mkdir -p "$dir"
  rm -f "$junit"
  if ! configure "$consumer" "$bin"; then fail "consumer configure"; cat "$bin.log"; finish; fi
  pass "consumer configured with CMAKE_PREFIX_PATH=$prefix"
  grep 'shield_stress_add_tests:' "$bin.log" | sed 's/^-- /   /'
  if cmake --build "$bin" >"$dir/build.log" 2>&1; then pass "consumer built"; else fail "consumer build"; cat "$dir/build.log"; fi
  tests=$(ctest --test-dir "$bin" -N | sed -n 's/^ *Test *#[0-9]*: //p')
  [ -n "$tests" ] || { fail "the consumer has no tests"; finish; }
  echo "consumer tests:"; echo "$tests" | sed 's/^/   /'

  # The whole consumer suite, as CI would run it.
  ctest --test-dir "$bin" --output-on-failure --output-junit "$junit" >"$dir/ctest.log" 2>&1
  local rc=$?
  cat "$dir/ctest.log"
  if [ "$rc" -eq 0 ]; then pass "consumer ctest passed"; else fail "consumer ctest exit $rc"; fi
  if [ -s "$junit" ]; then pass "JUnit written: $junit"; else fail "no JUnit file at $junit"; finish; fi
  for t in $tests; do
    local tc
    tc=$(junit_case "$junit" "$t")
    if [ -z "$tc" ]; then fail "JUnit lacks $t"; continue; fi
    case $t in
      *.compare)
        if grep -q 'status="notrun"' <<<"$tc" && grep -q '<skipped' <<<"$tc"; then pass "$t reported skipped without a baseline"
        else fail "$t without a baseline is not reported skipped: $tc"; fi ;;
      *)
        if grep -q 'status="run"' <<<"$tc" && ! grep -q '<failure' <<<"$tc"; then pass "$t passed in JUnit"
        else fail "$t did not pass in JUnit"; fi
        case $t in
          *.checks | *.metrics_checks)
            local xml=$bin/shield-results/${t##*.}.xml
            if grep -q '<testcase ' "$xml" 2>/dev/null; then pass "$t wrote GoogleTest XML $xml"
            else fail "$t wrote no GoogleTest XML at $xml"; fi ;;
        esac ;;
    esac
  done
  if grep -q '\.compare$' <<<"$tests"; then compare_phase; fi
  finish
}

# misuse_case NAME EXPECTED ARGS...: a consumer calling shield_stress_add_tests(ARGS) must fail to
# configure with EXPECTED in its output (CMake's line wrapping undone); with EXPECTED empty it must configure.
misuse_case() {
  local name=$1 expected=$2; shift 2
  local src=$work/misuse/$name
  mkdir -p "$src"
  {
    echo 'cmake_minimum_required(VERSION 3.25)'
    echo "project(misuse_$name LANGUAGES NONE)"
    echo 'find_package(ShieldStress REQUIRED)'
    echo 'enable_testing()'
    echo "shield_stress_add_tests($*)"
  } >"$src/CMakeLists.txt"
  if configure "$src" "$src/build"; then
    if [ -z "$expected" ]; then pass "$name: configures"; else fail "$name: configured, expected an error"; fi
  elif [ -z "$expected" ]; then
    fail "$name: did not configure"; cat "$src/build.log"
  elif tr '\n' ' ' <"$src/build.log" | tr -s ' ' | grep -qF "$expected"; then
    pass "$name: configure fails with '$expected'"
  else
    fail "$name: failed without '$expected'"; cat "$src/build.log"
  fi
}

misuse_mode() {
  rm -rf "$work/misuse"
  misuse_case control '' 'START_REFERENCE_BACKEND PRESET quick'
  misuse_case misspelled 'unknown argument(s): PRESTE quick' 'START_REFERENCE_BACKEND PRESTE quick'
  misuse_case bad_preset 'PRESET fast: expected' 'START_REFERENCE_BACKEND PRESET fast'
  misuse_case both_targets 'TARGET_URL and START_REFERENCE_BACKEND exclude each other' \
    'TARGET_URL http://127.0.0.1:1 START_REFERENCE_BACKEND'
  misuse_case missing_profile 'no-such-profile.json does not exist' 'START_REFERENCE_BACKEND PROFILE no-such-profile.json'
  misuse_case no_value 'no value given for: PRESET' 'START_REFERENCE_BACKEND PRESET'
  finish
}

case $mode in
  install) install_mode ;;
  consumer) consumer_mode ;;
  misuse) misuse_mode ;;
  *) echo "usage: run_consumer.sh install|consumer|misuse --build=DIR --work=DIR ..." >&2; exit 2 ;;
esac
