#!/usr/bin/env bash
# Renders shield_bench's HTML report in headless Chromium and checks the screenshot is not blank;
# also shows the check fails on a blank page. Usage: render_report.sh SHIELD_BENCH PNG_CHECK OUT_DIR
# (the target comes from SHIELD_TARGET, set by the CTest backend fixture).
set -euo pipefail
bench=$1 png_check=$2 out=$3
chromium_bin=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium_bin" ] || { echo "chromium not installed (Debian package chromium; run ctest/setup.sh)" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out"
# A sweep of three concurrencies, so the report has its scalability fit as well.
"$bench" --benchmark_filter='^health/' --concurrency=1,2,4 --requests=60 --thresholds=none --results_dir="$out" >"$out/bench.log" 2>&1 \
  || { cat "$out/bench.log"; exit 1; }
report=$(ls "$out"/stress_test_report_*.html | head -n 1)
[ -s "$report" ] || { echo "no HTML report in $out" >&2; cat "$out/bench.log"; exit 1; }
grep -q 'scalability health' "$out/bench.log" || { echo "no scalability line in the console summary" >&2; exit 1; }
shot() {  # shot HTML PNG
  rm -f "$2"
  HOME="$out" timeout 120 "$chromium_bin" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$out/chromium-profile" --window-size=1280,1600 --screenshot="$2" "file://$1" >"$out/chromium.log" 2>&1 || true
  [ -s "$2" ] || { echo "chromium wrote no screenshot:" >&2; tail -n 20 "$out/chromium.log" >&2; exit 1; }
}
shot "$report" "$out/report.png"
"$png_check" "$out/report.png" --min_colours=64 --min_ink=5
# The check can fail: an empty page is blank.
printf '<!DOCTYPE html><html><body></body></html>\n' >"$out/blank.html"
shot "$out/blank.html" "$out/blank.png"
if "$png_check" "$out/blank.png" --min_colours=64 --min_ink=5; then
  echo "render_report.sh: the blank page passed the check" >&2
  exit 1
fi
echo "render_report.sh: $report rendered to $out/report.png and is not blank"
