#!/usr/bin/env bash
# CTest `compare` step: runs shield_compare BASELINE RESULTS. The baseline is --baseline, else
# SHIELD_BASELINE; with neither, prints "no baseline" and exits 77 (the test's SKIP_RETURN_CODE).
# A baseline that is named but missing, or missing results, are failures, not skips.
set -euo pipefail
compare='' baseline='' results='' out_dir=''
for arg in "$@"; do
  case $arg in
    --compare=*) compare=${arg#*=} ;;
    --baseline=*) baseline=${arg#*=} ;;
    --results=*) results=${arg#*=} ;;
    --out_dir=*) out_dir=${arg#*=} ;;
    *) echo "compare_results.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done
[ -n "$compare" ] && [ -n "$results" ] || { echo "compare_results.sh: --compare and --results are required" >&2; exit 2; }
if [ -z "$baseline" ]; then baseline=${SHIELD_BASELINE:-}; fi
if [ -z "$baseline" ]; then
  echo "no baseline: set SHIELD_BASELINE=FILE (or BASELINE in shield_stress_add_tests) to compare $results"
  exit 77
fi
[ -f "$baseline" ] || { echo "baseline '$baseline' does not exist" >&2; exit 2; }
[ -f "$results" ] || { echo "no benchmark results at '$results': the bench test did not write them" >&2; exit 2; }
flags=()
if [ -n "$out_dir" ]; then
  mkdir -p "$out_dir"
  flags=(--markdown="$out_dir/comparison.md" --json="$out_dir/comparison.json")
fi
echo "comparing $results against baseline $baseline"
exec "$compare" "${flags[@]}" "$baseline" "$results"
