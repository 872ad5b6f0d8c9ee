#!/usr/bin/env bash
# shield_lint dashboard --prometheus against the CTest fixture's Prometheus: the dashboard published
# without saved values passes once its chained variables resolve; with a variable query reading a
# missing metric it fails (exit 1), its queries not checked.
set -u
lint=$1
dashboards=$2
prometheus=${SHIELD_PROMETHEUS:-$(cat "${SHIELD_STATE_DIR:?}/prometheus.url")}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# Every query must return data: a rate needs two scrapes of a series, so a fixture that has just
# started may need a few more seconds (bounded: 30 tries, 1 s apart).
for _ in $(seq 1 30); do
  out=$("$lint" dashboard "$dashboards/published.json" --prometheus="$prometheus" 2>&1)
  status=$?
  [ "$status" -eq 0 ] && break
  sleep 1
done
echo "$out"
if [ "$status" -ne 0 ] || ! grep -q "published.json: [0-9]* of [0-9]* queries checked, 0 error(s), 0 lint" <<<"$out"; then
  echo "FAIL: published dashboard with Prometheus: exit $status (want 0)"
  failures=$((failures + 1))
fi
sed 's/label_values(up{job=\\"\$job\\"}, instance)/label_values(no_such_metric{job=\\"$job\\"}, instance)/g' \
  "$dashboards/published.json" >"$work/missing.json"
grep -q no_such_metric "$work/missing.json" || { echo "FAIL: the edit did not apply"; exit 1; }
out=$("$lint" dashboard "$work/missing.json" --prometheus="$prometheus" 2>&1)
status=$?
echo "$out"
if [ "$status" -ne 1 ] || ! grep -q "variable instance got no values from its query" <<<"$out" ||
  ! grep -q "not checked: variable instance has no value" <<<"$out"; then
  echo "FAIL: missing metric: exit $status (want 1 with the variable named)"
  failures=$((failures + 1))
fi
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
