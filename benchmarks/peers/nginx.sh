# Sourced by the peer comparison scripts: an nginx answering a fixed 200 on a free loopback port.
# Needs ctest/fixtures/lib.sh sourced first (pick_port, wait_until, stop_pid_file).

# start_nginx STATE_DIR: sets NGINX_URL; PID in STATE_DIR/nginx.pid.
start_nginx() {
  local dir=$1 port
  mkdir -p "$dir/nginx-tmp"
  port=$(pick_port)
  cat >"$dir/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  client_body_temp_path $dir/nginx-tmp;
  proxy_temp_path $dir/nginx-tmp;
  fastcgi_temp_path $dir/nginx-tmp;
  uwsgi_temp_path $dir/nginx-tmp;
  scgi_temp_path $dir/nginx-tmp;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$port backlog=16384;
    location / { default_type application/json; return 200 '{"status":"healthy","redis":"connected"}'; }
  }
}
CONF
  nohup nginx -c "$dir/nginx.conf" >"$dir/nginx.log" 2>&1 </dev/null &
  local pid=$!
  NGINX_URL="http://127.0.0.1:$port"
  wait_until 10 "$pid" curl -fsS --max-time 1 "$NGINX_URL/" || { echo "nginx did not start" >&2; cat "$dir/nginx-error.log" >&2; return 1; }
}
