#!/usr/bin/env bash
# shield_metrics_checks with --dashboard and --prometheus alone (no target) on a dashboard of another
# service: the fixture's Prometheus scraping itself (fixtures/dashboards/prometheus_server.json,
# published without saved values). It passes once the chained variables resolve, the checks that
# need a target are reported not applicable (never passed), and it fails when a metric a variable
# query reads is missing or a panel reads an unknown metric.
set -u
checks=$1
dashboard=$2
prometheus=$(cat "${SHIELD_STATE_DIR:?}/prometheus.url")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# Nothing but the flags given: no target, Prometheus or client address from the environment.
run() {
  env -u SHIELD_STATE_DIR -u SHIELD_TARGET -u SHIELD_PROMETHEUS -u SHIELD_DASHBOARD -u SHIELD_EXPECTED_METRICS \
    -u SHIELD_CLIENT_METRICS_LISTEN "$checks" "$@" 2>&1
}
# fail MESSAGE OUTPUT
fail() {
  echo "FAIL: $1"
  echo "$2" | tail -40
  failures=$((failures + 1))
}

# (The fixture waits for two scrapes of Prometheus by itself, so its rates have data. A Prometheus
# given by SHIELD_PROMETHEUS must scrape itself too: job gets no value otherwise, and the run says so.)
out=$(run --dashboard="$dashboard" --prometheus="$prometheus")
status=$?
echo "$out"
[ "$status" -eq 0 ] || fail "another service's dashboard: exit $status (want 0)" "$out"
for want in '^\[ n/a      \] no target .*not run: MetricsExposition\.\* .*PrometheusQueries\.ScrapesTheTarget' \
  '^\[ n/a      \] no expected-metrics file .*not run: Dashboard\.NoNodeExporterMetrics' \
  '^\[ setup    \] target: none' \
  '^\[ checked  \] EveryQueryParses: ([1-9][0-9]*) of \1 queries checked$' \
  '^\[ checked  \] ReadsOnlyMetricsTheTargetExposes: ([1-9][0-9]*) of \1 queries checked$' \
  '^\[ checked  \] DashboardQueriesAcceptedAndReturnData: ([1-9][0-9]*) of \1 queries checked$' \
  '^\[ prometheus\] sent [1-9][0-9]* queries, 0 errors' \
  '^\[  PASSED  \] 5 tests\.'; do
  grep -Eq -- "$want" <<<"$out" || fail "no line /$want/" "$out"
done
for unwanted in 'load client' '^\[ RUN      \] MetricsExposition' 'ScrapesTheTarget \(' 'preflight|cannot reach'; do
  ! grep -Eq -- "$unwanted" <<<"$out" || fail "unexpected /$unwanted/" "$out"
done

# The instance variable's query reads a metric Prometheus does not have: nothing is checked, the run fails.
sed 's/label_values(prometheus_build_info{job=\\"\$job\\"}, instance)/label_values(no_such_metric{job=\\"$job\\"}, instance)/g' \
  "$dashboard" >"$work/missing.json"
grep -q no_such_metric "$work/missing.json" || { echo "FAIL: the edit did not apply"; exit 1; }
out=$(run --dashboard="$work/missing.json" --prometheus="$prometheus")
status=$?
echo "$out" | grep -E 'variable|checked|FAILED' | head -20
if [ "$status" -ne 1 ] || ! grep -q "variable instance got no values from its query \`label_values(no_such_metric" <<<"$out" ||
  ! grep -Eq '^\[ checked  \] EveryQueryParses: [0-9]+ of [0-9]+ queries checked, [1-9][0-9]* not checked' <<<"$out"; then
  fail "missing metric in a variable query: exit $status (want 1, the variable and the unchecked queries named)" "$out"
fi

# A panel reads a misspelled metric: named against Prometheus, with no word of a load client.
sed 's/go_goroutines/go_goroutine/' "$dashboard" >"$work/typo.json"
out=$(run --dashboard="$work/typo.json" --prometheus="$prometheus")
status=$?
if [ "$status" -ne 1 ] ||
  ! grep -q "reads go_goroutine, which no target of that Prometheus exposes (per Prometheus at .*); did you mean go_goroutines?" <<<"$out" ||
  grep -q "load client" <<<"$out"; then
  fail "misspelled metric: exit $status (want 1, named against Prometheus)" "$out"
fi

# Every selected check needs a target: the run checked nothing, which is not a pass.
out=$(run --dashboard="$dashboard" --prometheus="$prometheus" --gtest_filter='MetricsExposition.*')
status=$?
if [ "$status" -ne 1 ] || ! grep -q "no check ran" <<<"$out"; then
  fail "only target checks selected: exit $status (want 1: no check ran)" "$out"
fi

# No target and no Prometheus: nothing to check the dashboard against (usage error).
out=$(run --dashboard="$dashboard")
status=$?
if [ "$status" -ne 2 ] || ! grep -q "no target and no Prometheus" <<<"$out"; then
  fail "no target, no Prometheus: exit $status (want 2)" "$out"
fi
# The load client sends its load to a target: asking for one without a target is a usage error.
out=$(run --dashboard="$dashboard" --prometheus="$prometheus" --client_metrics_listen=127.0.0.1:1)
status=$?
if [ "$status" -ne 2 ] || ! grep -q "client_metrics_listen needs a target" <<<"$out"; then
  fail "--client_metrics_listen without a target: exit $status (want 2)" "$out"
fi
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
