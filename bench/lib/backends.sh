# Sourced by the benchmarks: start PostgreSQL, s3proxy, omni-server instances and nginx on
# 127.0.0.1 and free ports, each in a directory under $BENCH_DIR, all stopped by bench_stop_all
# (call it from an EXIT trap). Debian's postgresql and nginx are installed with apt when missing.
#
#   source bench/lib/backends.sh
#   bench_start_postgres            # sets PG_PORT, PG_PASSWORD_FILE
#   bench_new_database NAME         # sets DB_URL (no password in it)
#   bench_start_s3proxy             # sets S3_PORT
#   bench_new_bucket NAME           # sets OBJECTS_URL
#   bench_start_server NAME ARGS... # sets SERVER_PORT (./omni-server serve, quiet log)
#   bench_start_nginx PORT...       # sets NGINX_PORT: round robin over the ports
bench_lib=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
bench_root=$(cd -- "$bench_lib/../.." && pwd -P)
bench_pids=()

bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

bench_apt() {
  local sudo=
  [[ $EUID -ne 0 ]] && sudo=sudo
  echo "bench: installing $* with apt" >&2
  $sudo apt-get update -q >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
}

# Runs a command as the postgres user when we are root (PostgreSQL refuses to run as root).
bench_as_pg() {
  if [[ $EUID -eq 0 ]]; then setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; else "$@"; fi
}

bench_wait_for() { # FILE REGEX: waits up to 60 s for REGEX in FILE, prints the first match's group 1
  local file=$1 re=$2 v=
  for _ in $(seq 1 600); do
    v=$(sed -n "s/$re/\\1/p" "$file" 2>/dev/null | head -n1)
    [[ -n $v ]] && { echo "$v"; return 0; }
    sleep 0.1
  done
  echo "bench: timed out waiting for /$re/ in $file:" >&2; cat "$file" >&2; return 1
}

bench_start_postgres() {
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || bench_apt postgresql
  local bin dir=$BENCH_DIR/pg
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  mkdir -p "$dir"
  head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$dir/password"
  PG_PASSWORD_FILE=$dir/password
  [[ $EUID -eq 0 ]] && chown -R postgres:postgres "$dir"
  bench_as_pg "$bin/initdb" -D "$dir/data" -U omni --pwfile="$PG_PASSWORD_FILE" -A scram-sha-256 -E UTF8 --no-locale \
    --no-sync >"$BENCH_DIR/initdb.log" 2>&1
  PG_PORT=$(bench_free_port)
  # synchronous_commit=off: the durability the SQLite store has (WAL with synchronous=NORMAL, a
  # power loss may take the last commits, never consistency), so that the comparison is fair.
  bench_as_pg "$bin/postgres" -D "$dir/data" -p "$PG_PORT" -k "$dir" -c listen_addresses=127.0.0.1 \
    -c max_connections=200 -c shared_buffers=256MB -c synchronous_commit=off >"$BENCH_DIR/postgres.log" 2>&1 &
  bench_pids+=($!)
  for _ in $(seq 1 300); do
    PGPASSWORD=$(<"$PG_PASSWORD_FILE") psql -h 127.0.0.1 -p "$PG_PORT" -U omni -d postgres -qAtc 'select 1' \
      >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  cat "$BENCH_DIR/postgres.log" >&2; return 1
}

bench_new_database() {
  PGPASSWORD=$(<"$PG_PASSWORD_FILE") psql -h 127.0.0.1 -p "$PG_PORT" -U omni -d postgres -qc "CREATE DATABASE $1" >/dev/null
  DB_URL="postgresql://omni@127.0.0.1:$PG_PORT/$1"
}

bench_start_s3proxy() {
  local dir=$BENCH_DIR/s3 cp=$BENCH_DIR/s3proxy.classpath
  mkdir -p "$dir/blobs"
  (cd "$bench_root" && ./mvnw -q -B -f bench/lib/s3proxy/pom.xml dependency:build-classpath \
    -Dmdep.outputFile="$cp" >&2)
  S3_PORT=$(bench_free_port)
  cat >"$dir/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=omni-bench
s3proxy.credential=omni-bench-secret
jclouds.provider=filesystem
jclouds.identity=omni-bench
jclouds.credential=omni-bench-secret
jclouds.filesystem.basedir=$dir/blobs
PROPS
  # s3proxy sends System.err to its logger: the logger must write to a file, not to System.err.
  java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.logFile="$BENCH_DIR/s3proxy-log.txt" -cp "$(<"$cp")" org.gaul.s3proxy.Main \
    --properties "$dir/s3proxy.properties" >"$BENCH_DIR/s3proxy.log" 2>&1 &
  bench_pids+=($!)
  export AWS_ACCESS_KEY_ID=omni-bench AWS_SECRET_ACCESS_KEY=omni-bench-secret
  for _ in $(seq 1 600); do
    curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/" && return 0
    sleep 0.1
  done
  cat "$BENCH_DIR/s3proxy.log" >&2; return 1
}

bench_new_bucket() {
  # The filesystem blob store keeps a bucket as a directory.
  mkdir -p "$BENCH_DIR/s3/blobs/$1"
  OBJECTS_URL="s3://$1?endpoint=http://127.0.0.1:$S3_PORT&region=us-east-1&path_style=true"
}

bench_start_server() { # NAME ARGS... (ARGS: --data, --db, --objects, ...)
  local name=$1; shift
  local err=$BENCH_DIR/$name.err
  OMNI_SERVER_DB_PASSWORD_FILE=${PG_PASSWORD_FILE:-} "$bench_root/omni-server" serve --host 127.0.0.1 --port 0 --quiet-log \
    "$@" 2>"$err" &
  bench_pids+=($!)
  SERVER_PORT=$(bench_wait_for "$err" '.*listening on [^:]*:\([0-9]*\),.*')
}

bench_start_nginx() { # PORT...
  command -v nginx >/dev/null || bench_apt nginx
  local dir=$BENCH_DIR/nginx p
  mkdir -p "$dir/tmp"
  NGINX_PORT=$(bench_free_port)
  {
    [[ $EUID -eq 0 ]] && echo "user root;"
    echo "worker_processes 2; daemon off; pid $dir/nginx.pid; error_log $dir/error.log warn;"
    echo "events { worker_connections 4096; }"
    echo "http {"
    echo "  access_log off; client_max_body_size 0; proxy_request_buffering off; proxy_buffering off;"
    echo "  client_body_temp_path $dir/tmp/body; proxy_temp_path $dir/tmp/proxy;"
    echo "  fastcgi_temp_path $dir/tmp/f; uwsgi_temp_path $dir/tmp/u; scgi_temp_path $dir/tmp/s;"
    echo "  upstream omni {"
    for p in "$@"; do echo "    server 127.0.0.1:$p;"; done
    echo "    keepalive 64;"
    echo "  }"
    echo "  server {"
    echo "    listen 127.0.0.1:$NGINX_PORT;"
    echo "    location / {"
    echo "      proxy_pass http://omni; proxy_http_version 1.1; proxy_set_header Connection \"\";"
    echo "      proxy_set_header Host \$http_host; proxy_set_header X-Forwarded-For \$remote_addr;"
    echo "      proxy_set_header X-Forwarded-Proto \$scheme; proxy_read_timeout 300s;"
    echo "    }"
    echo "  }"
    echo "}"
  } >"$dir/nginx.conf"
  nginx -c "$dir/nginx.conf" -p "$dir" >"$BENCH_DIR/nginx.log" 2>&1 &
  bench_pids+=($!)
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/healthz" && return 0
    sleep 0.1
  done
  cat "$dir/error.log" "$BENCH_DIR/nginx.log" >&2; return 1
}

# CPU seconds (user + system) a process and its threads used so far.
bench_cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null || echo "?"
}

bench_stop_all() {
  local i
  # Last started first; SIGTERM lets the servers finish, SIGINT is PostgreSQL's fast shutdown.
  for ((i = ${#bench_pids[@]} - 1; i >= 0; i--)); do
    kill "${bench_pids[$i]}" 2>/dev/null || true
    kill -INT "${bench_pids[$i]}" 2>/dev/null || true
  done
  for p in "${bench_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  bench_pids=()
}
