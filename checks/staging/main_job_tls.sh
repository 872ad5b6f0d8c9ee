#!/usr/bin/env bash
# The main job against staging: the reference backend behind a real nginx TLS proxy (a private CA,
# `Authorization: Bearer` required on every path, /metrics included). ctest/run_main.sh runs twice
# with a short soak: once with its own Prometheus (configured with the CA and the token), once with
# SHIELD_PROMETHEUS, a Prometheus of "ours" that scrapes the backend directly under job `backend`
# (SHIELD_PROMETHEUS_JOB). Both pass; the token appears in no output, log or file left behind; the
# job's state directory is gone; nothing it started is still running.
# Usage: main_job_tls.sh BUILD_DIR WORK_DIR SOAK_S
set -euo pipefail
build=$1 work=$2 soak=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/ctest/fixtures/lib.sh"
. "$(dirname "$0")/lib.sh"
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "SKIPPED: nginx not installed (ctest/setup.sh)"; exit 77; }
export PATH="$PATH:/usr/sbin"
unset SHIELD_TARGET SHIELD_PROMETHEUS SHIELD_BACKEND_PID SHIELD_STATE_DIR SHIELD_PROFILE SHIELD_CA_FILE
rm -rf "$work"
mkdir -p "$work/state"
st=$work/state
cleanup() { for f in "$st"/*.pid; do [ -e "$f" ] && stop_pid_file "$f"; done; }
trap cleanup EXIT

# A private CA and a certificate for localhost signed by it.
openssl req -x509 -newkey rsa:2048 -nodes -subj "/CN=shield test CA" -keyout "$work/ca.key" -out "$work/ca.pem" \
  -days 2 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$work/san.ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
  -out "$work/server.pem" -days 2 -extfile "$work/san.ext" 2>/dev/null

bash "$root/ctest/fixtures/start_redis.sh" "$st"
bash "$root/ctest/fixtures/start_backend.sh" "$st" "$build/fixtures/reference_backend/shield_reference_backend"
backend=$(cat "$st/target.url")
token="staging-$RANDOM$RANDOM-token"

# nginx: TLS, the token required on every path, streams passed through unbuffered.
nginx_port=$(pick_port)
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  server {
    listen 127.0.0.1:$nginx_port ssl;
    ssl_certificate $work/server.pem;
    ssl_certificate_key $work/server.key;
    location / {
      if (\$http_authorization != "Bearer $token") { return 401 '{"detail":"unauthorized"}'; }
      proxy_pass $backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
CONF
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' >"$work/nginx/out.log" 2>&1 </dev/null &
echo $! >"$st/nginx.pid"
target="https://localhost:$nginx_port"
wait_until 15 "$(cat "$st/nginx.pid")" curl -fsS --max-time 1 --cacert "$work/ca.pem" \
  -H "Authorization: Bearer $token" "$target/health" ||
  { echo "nginx did not come up:" >&2; cat "$work/nginx/error.log" "$work/nginx/out.log" >&2; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/ca.pem" "$target/metrics")
[ "$code" = 401 ] || { echo "nginx lets /metrics through without the token ($code)" >&2; exit 1; }

profile=$work/staging_profile.json
jq '. + {headers: {Authorization: {env: "SHIELD_TOKEN", format: "Bearer {}"}}}' \
  "$root/fixtures/profiles/shield.json" >"$profile"

# main_job NAME [ENV=VALUE...]: run_main.sh against the proxy; its output in WORK/NAME.log.
main_job() {
  local name=$1; shift
  local rc=0
  env SHIELD_TARGET="$target" SHIELD_CA_FILE="$work/ca.pem" SHIELD_PROFILE="$profile" SHIELD_TOKEN="$token" \
    SHIELD_BACKEND_PID="$(cat "$st/backend.pid")" SHIELD_MAIN_BUILD="$build" SHIELD_RESULTS_DIR="$work/$name" \
    SHIELD_MAIN_SOAK="$soak" "$@" bash "$root/ctest/run_main.sh" --warmup=1 >"$work/$name.log" 2>&1 || rc=$?
  grep -E '^== |^\[  (PASSED|FAILED)  \]|^monitor verdicts|not checked|left running' "$work/$name.log" || true
  if [ "$rc" -ne 0 ]; then fail "$name: run_main.sh exited $rc"; tail -n 40 "$work/$name.log" >&2; return; fi
  pass "$name: the main job passed against $target"
  local state_dir
  state_dir=$(sed -n 's/^== state directory \(.*\) (removed on exit)$/\1/p' "$work/$name.log")
  if [ -z "$state_dir" ]; then fail "$name: no state directory line"; elif [ -e "$state_dir" ]; then
    fail "$name: state directory $state_dir left behind"; else pass "$name: state directory $state_dir removed"; fi
  jq -e '.configuration.warmup_s == 1 and (.cases[0].name | startswith("mixed/")) and (.cases[0].stages | length) == 6' \
    "$work/$name"/stress_test_results_*.json >/dev/null ||
    fail "$name: the extra flag did not add to the soak's (warmup 1 s, the mixed case in its six stages)"
}

main_job own_prometheus
# "Ours": a Prometheus that scrapes the backend directly, under its own job, as production does.
prom_port=$(pick_port)
cat >"$work/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: backend
    static_configs:
      - targets: ['${backend#http://}']
YAML
prometheus --config.file="$work/prometheus.yml" --web.listen-address="127.0.0.1:$prom_port" \
  --storage.tsdb.path="$work/prometheus-data" >"$work/prometheus.log" 2>&1 </dev/null &
echo $! >"$st/prometheus.pid"
up_query="http://127.0.0.1:$prom_port/api/v1/query?query=up%7Bjob%3D%22backend%22%7D"
wait_until 30 "$(cat "$st/prometheus.pid")" sh -c "curl -fsS --max-time 1 '$up_query' | grep -q '\"1\"\]'" ||
  { echo "our prometheus did not scrape the backend:" >&2; tail -n 20 "$work/prometheus.log" >&2; exit 1; }
main_job user_prometheus SHIELD_PROMETHEUS="http://127.0.0.1:$prom_port" SHIELD_PROMETHEUS_JOB=backend

if leaks=$(grep -rlF "$token" "$work" --exclude=nginx.conf 2>/dev/null); then
  fail "the token appears in: $leaks"
else
  pass "the token appears in no output, log or file of either run"
fi
if [ "$failures" -ne 0 ]; then echo "$failures check(s) failed" >&2; exit 1; fi
echo "PASS: the main job runs against HTTPS + private CA + token, with and without SHIELD_PROMETHEUS"
