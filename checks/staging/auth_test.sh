#!/usr/bin/env bash
# Preflight and checks name the real cause: against a server that wants a bearer token (and one
# that forbids everything), shield_bench, shield_checks and shield_metrics_checks stop with
# "authentication failed (401|403): the request carried Authorization from $SHIELD_TOKEN" or "...
# carried no Authorization header"; the right token passes. Against HTTPS with a private CA, the
# TLS cause is named with what to do (never "is the backend running?"), and --ca_file fixes it.
# The wrong token is never printed.
# Usage: auth_test.sh SHIELD_BENCH SHIELD_CHECKS SHIELD_METRICS_CHECKS PROFILE WORK_DIR
set -euo pipefail
bench=$1 checks=$2 metrics=$3 profile=$4 work=$5
. "$(dirname "$0")/lib.sh"
rm -rf "$work"
mkdir -p "$work"
all_output=$work/all_output.txt
trap stop_echo_servers EXIT
unset SHIELD_TARGET SHIELD_PROMETHEUS SHIELD_STATE_DIR SHIELD_PROFILE

token_profile=$work/token_profile.json
jq '. + {headers: {Authorization: {env: "SHIELD_TOKEN", format: "Bearer {}"}}}' "$profile" >"$token_profile"
wrong="wrong-token-$RANDOM$RANDOM"
export ECHO_SERVER_TOKEN="right-token-$RANDOM$RANDOM"
start_echo_server "$work" auth auth
url="http://127.0.0.1:$echo_port"
carried='authentication failed \(401\): the request carried Authorization from \$SHIELD_TOKEN'

expect 3 "$carried" "shield_bench: wrong token stops the preflight" \
  env SHIELD_TOKEN="$wrong" "$bench" --target="$url" --profile="$token_profile" --results_dir="$work/r1"
expect 3 'authentication failed \(401\): the request carried no Authorization header' \
  "shield_bench: no token header stops the preflight" "$bench" --target="$url" --profile="$profile" --results_dir="$work/r2"
expect 1 "$carried" "shield_checks: wrong token named" \
  env SHIELD_TOKEN="$wrong" "$checks" --target="$url" --profile="$token_profile"
expect 1 "$carried" "shield_metrics_checks: wrong token named" \
  env SHIELD_TOKEN="$wrong" "$metrics" --target="$url" --profile="$token_profile"
expect 1 'skip_preflight' "shield_bench --skip_preflight runs the load anyway (cases fail)" \
  env SHIELD_TOKEN="$wrong" "$bench" --target="$url" --profile="$token_profile" --skip_preflight \
  --benchmark_filter=^health/ --results_dir="$work/r3"
expect 0 'health/concurrency:3' "shield_bench: the right token passes" \
  env SHIELD_TOKEN="$ECHO_SERVER_TOKEN" "$bench" --target="$url" --profile="$token_profile" \
  --benchmark_filter=^health/ --thresholds=none --results_dir="$work/r4"

start_echo_server "$work" forbid forbid
expect 3 'authentication failed \(403\): the request carried Authorization from \$SHIELD_TOKEN' \
  "shield_bench: 403 named" env SHIELD_TOKEN="$wrong" "$bench" --target="http://127.0.0.1:$echo_port" \
  --profile="$token_profile" --results_dir="$work/r5"

# HTTPS with a private CA: the cause and what to do, then --ca_file trusts it.
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -addext subjectAltName=DNS:localhost \
  -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 2>/dev/null
ECHO_SERVER_CERT=$work/cert.pem ECHO_SERVER_KEY=$work/key.pem start_echo_server "$work" tls echo
tls="https://localhost:$echo_port"
expect 3 "TLS failed: .*certificate verify failed.* give its CA with --ca_file=FILE \(SHIELD_CA_FILE\)" \
  "shield_bench: untrusted certificate named" "$bench" --target="$tls" --results_dir="$work/r6"
expect 1 "TLS failed: .*certificate verify failed" "shield_checks: untrusted certificate named" \
  "$checks" --target="$tls"
expect 3 "not issued for 127.0.0.1" "shield_bench: certificate for another name" \
  "$bench" --target="https://127.0.0.1:$echo_port" --ca_file="$work/cert.pem" --results_dir="$work/r7"
expect 0 'health/concurrency:3' "shield_bench: --ca_file trusts the private CA" \
  "$bench" --target="$tls" --ca_file="$work/cert.pem" --benchmark_filter=^health/ --thresholds=none \
  --results_dir="$work/r8"
if grep -q 'is the backend running' "$all_output"; then fail "a TLS failure still asks 'is the backend running?'"; fi
if grep -qF "$wrong" "$all_output" "$work"/r*/* 2>/dev/null; then fail "the token was printed or written"; fi

if [ "$failures" -ne 0 ]; then echo "$failures check(s) failed" >&2; exit 1; fi
echo "PASS: authentication and TLS failures named"
