#!/usr/bin/env bash
# shield_bench --metrics_listen on the port the fixture backend already listens on: a usage error
# (exit 2) that names the address, before any request is sent. Usage: metrics_listen_busy.sh EXPECT_EXIT SHIELD_BENCH
set -euo pipefail
expect=$1 bench=$2
port=${SHIELD_TARGET##*:}
port=${port%%/*}
exec "$expect" 2 "--metrics_listen=127.0.0.1:$port: cannot listen on 127.0.0.1:$port: .*in use" \
  "$bench" --metrics_listen="127.0.0.1:$port" --benchmark_filter='^health/'
