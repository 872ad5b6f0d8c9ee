#!/usr/bin/env bash
# shield_lint on files, stdin, an unreadable file and a directory: findings as FILE:LINE: CODE:
# MESSAGE and promtool's exit codes (0 clean, 1 findings, 2 usage/unreadable, 3 lint only).
set -u
lint=$1
dashboards=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
as_user=()  # a command prefix to run shield_lint as another user

# expect CODE PATTERN -- ARGS...: exit status CODE and PATTERN (grep -E) in stdout+stderr.
expect() {
  local code=$1 pattern=$2
  shift 3
  local out status
  out=$("${as_user[@]}" "$lint" "$@" 2>&1)
  status=$?
  if [ "$status" -ne "$code" ] || ! grep -Eq -- "$pattern" <<<"$out"; then
    echo "FAIL: shield_lint $* -> exit $status (want $code), output:"
    echo "$out" | head -20
    echo "  (wanted /$pattern/)"
    failures=$((failures + 1))
  else
    echo "ok: shield_lint $* -> $status"
  fi
}
# Same, with stdin from a file.
expect_stdin() {
  local input=$1 code=$2 pattern=$3
  shift 4
  local out status
  out=$("$lint" "$@" <"$input" 2>&1)
  status=$?
  if [ "$status" -ne "$code" ] || ! grep -Eq -- "$pattern" <<<"$out"; then
    echo "FAIL: shield_lint $* < $input -> exit $status (want $code): $out"
    failures=$((failures + 1))
  else
    echo "ok: shield_lint $* < $(basename "$input") -> $status"
  fi
}

printf '# HELP up_seconds Uptime.\n# TYPE up_seconds gauge\nup_seconds 3\n' >"$work/clean.prom"
printf '# HELP a_total A.\n# TYPE a_total counter\na_total{x="1"} 1\na_total{x="1} 2\n' >"$work/broken.prom"
printf '# TYPE b_total counter\nb_total 1\n' >"$work/lint.prom"
printf '# TYPE c counter\n# HELP c C.\nc_total 1\n# EOF\n' >"$work/om.txt"
printf '# TYPE c counter\nc_total 1\n' >"$work/om_no_eof.txt"

expect 0 '^$' -- exposition "$work/clean.prom"
expect 1 "broken.prom:4: [a-z-]+: " -- exposition "$work/broken.prom"
expect 3 "lint.prom:1: no-help: b_total " -- exposition "$work/lint.prom"
expect 0 '^$' -- exposition "$work/om.txt"                      # OpenMetrics detected by # EOF
expect 1 "om_no_eof.txt:[0-9]+: " -- exposition --format=openmetrics "$work/om_no_eof.txt"
expect_stdin "$work/lint.prom" 3 "<stdin>:1: no-help: " -- exposition -
expect_stdin "$work/broken.prom" 1 "<stdin>:4: " -- exposition -
expect 2 "cannot read.*no-such-file.prom.*No such file" -- exposition "$work/no-such-file.prom"
expect 2 "cannot read.*Not a directory" -- exposition "$work/clean.prom/inside"
printf 'x 1\n' >"$work/locked.prom"
chmod 000 "$work/locked.prom"
if [ "$(id -u)" -eq 0 ]; then
  # Root reads a mode-000 file: run a copy of shield_lint as nobody (util-linux setpriv), who cannot.
  chmod 755 "$work"
  cp "$lint" "$work/shield_lint_copy"
  as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
  lint_as_root=$lint
  lint=$work/shield_lint_copy
fi
expect 2 "cannot read.*Permission denied" -- exposition "$work/locked.prom"
if [ "${lint_as_root:-}" ]; then
  # As nobody it reads a file anyone may read: the refusal above came from the permission alone.
  expect 0 '^$' -- exposition "$work/clean.prom"
  as_user=()
  lint=$lint_as_root
fi
expect 2 "cannot read.*Is a directory" -- exposition "$work"
# Several files: each reported, the worst status wins (unreadable 2 over findings 1 over lint 3).
expect 1 "lint.prom:1: no-help" -- exposition "$work/broken.prom" "$work/lint.prom"
expect 2 "no-such-file" -- exposition "$work/lint.prom" "$work/no-such-file.prom"
expect 2 "cannot read.*Is a directory" -- dashboard "$dashboards"
expect 2 "^shield_lint: unknown flag --formt=text" -- exposition --formt=text "$work/clean.prom"
expect 2 "--format=yaml: expected text or openmetrics" -- exposition --format=yaml "$work/clean.prom"
expect 2 "^shield_lint: --format is given twice" -- exposition --format=text --format text "$work/clean.prom"
expect 2 "^shield_lint: --var needs a value" -- dashboard "$dashboards/shield.json" --var
expect 2 "expected a mode and a FILE" -- exposition
expect 2 "unknown mode 'metrics'" -- metrics "$work/clean.prom"
expect 2 "apply to dashboard only" -- exposition --var a=b "$work/clean.prom"
expect 0 "usage: shield_lint" -- --help

# Dashboards offline: saved values resolve; published ones without values are not checked (exit 1).
expect 0 "shield.json: [0-9]+ of [0-9]+ queries checked, 0 error" -- dashboard "$dashboards/shield.json" \
  --expected_metrics="$dashboards/../expected_metrics/shield.json"
expect 1 "syntax-error: .*Fault: unbalanced parenthesis" -- dashboard "$dashboards/faulty.json"
expect 1 "forbidden-metric: .*node_cpu_seconds_total" -- dashboard "$dashboards/faulty.json" \
  --expected_metrics="$dashboards/../expected_metrics/shield.json"
expect 1 "not checked: variable job has no value \(give --var job=\.\.\. or --prometheus\)" -- \
  dashboard "$dashboards/published.json"
expect 0 "published.json: [0-9]+ of [0-9]+ queries checked, 0 error" -- dashboard "$dashboards/published.json" \
  --var job=shield --var instance=127.0.0.1:1 --var 'le=$__all'
expect 1 "the dashboard has no variable nosuch" -- dashboard "$dashboards/published.json" --var nosuch=1 \
  --var job=shield --var instance=127.0.0.1:1 --var 'le=$__all'
printf '{"panels": [{"id": 1, "title": "raw", "type": "stat", "targets": [{"refId": "A", "expr": "x_total + count(y_total)"}]}]}' \
  >"$work/raw.json"
expect 3 "counter-without-rate: \(lint\) .*reads x_total" -- dashboard "$work/raw.json"
printf '{"panels": [{"id": 1, "title": "typo", "type": "stat", "targets": [{"refId": "A", "expr": "rates(x_total[5m])"}]}]}' \
  >"$work/typo.json"
expect 1 "unknown function with name \"rates\"" -- dashboard "$work/typo.json"
printf 'not json' >"$work/bad.json"
expect 1 "dashboard-unreadable" -- dashboard "$work/bad.json"

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
