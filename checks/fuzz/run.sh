#!/usr/bin/env bash
# Runs the libFuzzer harnesses of the fuzz preset, one process each, for N minutes apiece, then
# folds what they found into the corpus kept in the repository:
#   - checks/fuzz/corpus/<harness>/ becomes the smallest set of inputs (-merge=1, edges only) covering what
#     it covered plus what the run reached, so it stays small;
#   - every crash, hang (timeout) or memory exhaustion is minimized and copied there as
#     crash-*/timeout-*/oom-* and listed at the end, and the script exits 1: fix the code, then the
#     `fuzz` CTest label replays the input in every normal test run.
# usage: checks/fuzz/run.sh [--minutes=N] [--build=DIR] [HARNESS...]   (default: 1 minute, every harness)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
minutes=1
build=$root/build/fuzz
harnesses=()
for arg in "$@"; do
  case $arg in
    --minutes=*) minutes=${arg#--minutes=} ;;
    --build=*) build=${arg#--build=} ;;
    -h | --help)
      sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    -*)
      echo "run.sh: unknown flag $arg (known: --minutes=N, --build=DIR)" >&2
      exit 2
      ;;
    *) harnesses+=("$arg") ;;
  esac
done
if ! [[ $minutes =~ ^[0-9]+([.][0-9]+)?$ ]]; then
  echo "run.sh: --minutes=$minutes is not a number of minutes" >&2
  exit 2
fi
if [ ${#harnesses[@]} -eq 0 ]; then
  for dir in "$here"/corpus/*/; do harnesses+=("$(basename "$dir")"); done
fi
seconds=$(awk -v m="$minutes" 'BEGIN { s = int(m * 60); print (s < 1 ? 1 : s) }')

findings=()
for h in "${harnesses[@]}"; do
  bin=$build/checks/fuzz/fuzz_$h
  if [ ! -x "$bin" ]; then
    echo "run.sh: $bin is missing: build it with 'cmake --preset fuzz && cmake --build --preset fuzz'" >&2
    exit 2
  fi
  corpus=$here/corpus/$h
  work=$build/fuzz-work/$h
  artifacts=$build/fuzz-findings/$h
  rm -rf "$work"
  mkdir -p "$work" "$artifacts" "$corpus"
  echo "== $h: ${seconds}s (log: $work.log)"
  # New inputs go to the scratch corpus $work; the repository's corpus is read as seeds.
  set +e
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$work" "$corpus" >"$work.log" 2>&1
  set -e
  grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$work.log" | tr '\n' ' ' || true
  echo
  # The repository's corpus becomes the smallest set covering it and the new inputs together
  # (libFuzzer names kept inputs by content hash); named findings stay whatever their coverage.
  fresh=$work.min
  rm -rf "$fresh"
  mkdir -p "$fresh"
  if "$bin" -merge=1 -use_counters=0 "$fresh" "$corpus" "$work" >"$work.merge.log" 2>&1; then
    find "$corpus" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) \
      -exec cp {} "$fresh/" \;
    find "$corpus" -maxdepth 1 -type f -delete
    mv "$fresh"/* "$corpus/"
    echo "corpus: $(find "$corpus" -type f | wc -l) inputs, $(find "$corpus" -type f -exec cat {} + | wc -c) bytes"
  else
    echo "run.sh: $h: merge failed, see $work.merge.log; corpus left as it was"
  fi
  for found in "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-* "$artifacts"/leak-*; do
    [ -e "$found" ] || continue
    name=$(basename "$found")
    small=$artifacts/min-$name
    # A smaller input that fails the same way; keeps the original when minimizing does not help.
    if "$bin" -minimize_crash=1 -runs=20000 -timeout=10 -artifact_prefix="$artifacts/" -exact_artifact_path="$small" "$found" \
      >"$artifacts/min-$name.log" 2>&1 && [ -s "$small" ]; then
      cp "$small" "$corpus/$name"
    else
      cp "$found" "$corpus/$name"
    fi
    rm -f "$found" "$small"
    findings+=("$corpus/$name")
  done
done

if [ ${#findings[@]} -gt 0 ]; then
  echo "run.sh: ${#findings[@]} finding(s) added to the corpus; fix them so the fuzz label passes:"
  printf '  %s\n' "${findings[@]}"
  exit 1
fi
echo "run.sh: no crash, hang or memory exhaustion found"
