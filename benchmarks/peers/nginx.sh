# Sourced by the peer comparison scripts: an nginx answering a fixed 200 on a free loopback port.
# Needs ctest/fixtures/lib.sh sourced first (pick_port, wait_until, stop_pid_file).

# start_nginx STATE_DIR [WORKERS CONNECTIONS_PER_WORKER]: sets NGINX_URL; PID in STATE_DIR/nginx.pid.
# With WORKERS, the listening socket is one per worker (reuseport: the kernel spreads connections
# evenly, so that no worker needs more descriptors than its share) and each worker may open
# CONNECTIONS_PER_WORKER + 100 files (at most the hard limit, which a worker cannot raise).
start_nginx() {
  local dir=$1 workers=${2:-auto} per_worker=${3:-16384} port reuseport="" files
  mkdir -p "$dir/nginx-tmp"
  port=$(pick_port)
  [ "$workers" = auto ] || reuseport=" reuseport"
  files=$((per_worker + 100))
  cat >"$dir/nginx.conf" <<CONF
worker_processes $workers;
worker_rlimit_nofile $files;
daemon off;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections $per_worker; }
http {
  access_log off;
  client_body_temp_path $dir/nginx-tmp;
  proxy_temp_path $dir/nginx-tmp;
  fastcgi_temp_path $dir/nginx-tmp;
  uwsgi_temp_path $dir/nginx-tmp;
  scgi_temp_path $dir/nginx-tmp;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$port backlog=16384$reuseport;
    location / { default_type application/json; return 200 '{"status":"healthy","redis":"connected"}'; }
  }
}
CONF
  nohup nginx -c "$dir/nginx.conf" >"$dir/nginx.log" 2>&1 </dev/null &
  local pid=$!
  NGINX_URL="http://127.0.0.1:$port"
  wait_until 10 "$pid" curl -fsS --max-time 1 "$NGINX_URL/" || { echo "nginx did not start" >&2; cat "$dir/nginx-error.log" >&2; return 1; }
}
