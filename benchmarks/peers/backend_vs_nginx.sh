#!/usr/bin/env bash
# Throughput of the reference backend (/health, and /anonymize with Redis) at 50 in flight, wrk as the
# load, next to nginx serving a fixed 200 on the same machine in the same run. A benchmark, not a test.
# Usage: backend_vs_nginx.sh [BUILD_DIR] [SECONDS]   (defaults: build/release, 10)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build=${1:-$root/build/release}
seconds=${2:-10}
. "$root/ctest/fixtures/lib.sh"
. "$root/benchmarks/peers/nginx.sh"
bash "$root/ctest/setup.sh" --with-peers
backend="$build/fixtures/reference_backend/shield_reference_backend"
[ -x "$backend" ] || { echo "no $backend: build first (cmake --build --preset release)" >&2; exit 2; }
state=$(mktemp -d /tmp/shield-peers-XXXXXX)
cleanup() { for f in "$state"/*.pid; do stop_pid_file "$f"; done; }
trap cleanup EXIT

start_nginx "$state"
bash "$root/ctest/fixtures/start_redis.sh" "$state" >/dev/null
bash "$root/ctest/fixtures/start_backend.sh" "$state" "$backend" --threads=2 >/dev/null
target=$(cat "$state/target.url")

cat >"$state/anonymize.lua" <<'LUA'
-- POST /anonymize with PII, spread over 1,000 sessions.
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"text":"Soy Ana, mi correo es ana.garcia%d@example.com y mi telefono +34 612 345 678","session_id":"bench-%d"}', n % 50, n % 1000)
  return wrk.format("POST", "/anonymize", {["Content-Type"] = "application/json"}, body)
end
LUA

# rps_of WRK_ARGS...: runs wrk and prints its Requests/sec figure; non-2xx answers make the run fail.
rps_of() {
  local out
  out=$(wrk -t2 -c50 -d"${seconds}s" --latency "$@")
  if grep -q 'Non-2xx' <<<"$out"; then echo "wrk saw non-2xx answers: $out" >&2; return 1; fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}

echo "wrk -t2 -c50 for ${seconds}s each, on $(nproc) cores"
nginx_rps=$(rps_of "$NGINX_URL/")
health_rps=$(rps_of "$target/health")
anon_rps=$(rps_of -s "$state/anonymize.lua" "$target/anonymize")
printf '%-28s %12s\n' "case" "requests/s"
printf '%-28s %12.0f\n' "nginx fixed 200" "$nginx_rps" "backend /health" "$health_rps" "backend /anonymize (Redis)" "$anon_rps"
awk -v h="$health_rps" -v n="$nginx_rps" -v a="$anon_rps" 'BEGIN {
  printf "health / nginx ratio: %.2f (target >= 0.70)\n", h / n
  printf "anonymize: %.0f req/s (target >= 10000)\n", a }'
