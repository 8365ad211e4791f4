#!/usr/bin/env bash
# Server load on each set of backends, in one run (a benchmark, not a test):
#   (a) one instance on SQLite + disk (the embedded default),
#   (b) one instance on PostgreSQL + S3 (s3proxy's filesystem store),
#   (c) two instances on the same PostgreSQL + S3 behind nginx (round robin).
# PostgreSQL (a temporary cluster), s3proxy and nginx are started here on 127.0.0.1; Debian's
# postgresql and nginx are installed with apt when missing. Each run gets a fresh database, bucket
# and account; ServerLoad.java drives N clients (default 50) through the same workload.
#
#   bench/server-load/backends.sh [--clients 50] [--objects 1000] [--snapshots 20]
#
# Prints each run's report, then one table: requests/s, errors, and p50/p99 per endpoint.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd -- "$here/../.." && pwd -P)
BENCH_DIR=$(mktemp -d "${TMPDIR:-/tmp}/omni-backends-bench.XXXXXX")
[[ $EUID -eq 0 ]] && chmod 755 "$BENCH_DIR"
# shellcheck source=../lib/backends.sh
source "$root/bench/lib/backends.sh"
cleanup() { bench_stop_all; rm -rf -- "$BENCH_DIR"; }
trap cleanup EXIT
bench_stop_one() { kill "${bench_pids[-1]}"; wait "${bench_pids[-1]}" 2>/dev/null || true; unset 'bench_pids[-1]'; }

"$root/omni-server" --version >/dev/null   # builds the server first if needed
bench_start_postgres
bench_start_s3proxy
echo "machine: $(nproc) cpu, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg); java $(java -version 2>&1 | head -n1)"

# Limits raised for the benchmark: 50 devices log in from one address, and each pushes ~130
# requests within seconds.
limits=(--api-rate-limit 100000 --address-rate-limit 100000)
password="bench password $$"

run() { # NAME BASE_URL LOGS: runs the load against BASE_URL
  local name=$1 url=$2 logs=$3; shift 3
  echo; echo "=== $name"
  java "$here/ServerLoad.java" --base-url "$url" --email bench@example.org --password "$password" \
    --server-log "$logs" --summary "$BENCH_DIR/$name.tsv" "$@" || echo "($name: errors, see above)"
}

# (a) SQLite + disk
mkdir -p "$BENCH_DIR/a"
"$root/omni-server" user add bench@example.org --password-stdin --data "$BENCH_DIR/a" <<<"$password" >/dev/null
bench_start_server a --data "$BENCH_DIR/a" "${limits[@]}"
run sqlite "http://127.0.0.1:$SERVER_PORT" "$BENCH_DIR/a/logs/requests.log" "$@"

bench_stop_one

# (b) one instance on PostgreSQL + S3
bench_new_database bench_b; bench_new_bucket bench-b
store=(--db "$DB_URL" --objects "$OBJECTS_URL")
OMNI_SERVER_DB_PASSWORD_FILE=$PG_PASSWORD_FILE "$root/omni-server" user add bench@example.org --password-stdin \
  --data "$BENCH_DIR/b" "${store[@]}" <<<"$password" >/dev/null
bench_start_server b --data "$BENCH_DIR/b" "${store[@]}" "${limits[@]}"
run postgres "http://127.0.0.1:$SERVER_PORT" "$BENCH_DIR/b/logs/requests.log" "$@"
bench_stop_one

# (c) two instances on PostgreSQL + S3 behind nginx
bench_new_database bench_c; bench_new_bucket bench-c
store=(--db "$DB_URL" --objects "$OBJECTS_URL")
OMNI_SERVER_DB_PASSWORD_FILE=$PG_PASSWORD_FILE "$root/omni-server" user add bench@example.org --password-stdin \
  --data "$BENCH_DIR/c1" "${store[@]}" <<<"$password" >/dev/null
proxy_port=$(bench_free_port)
bench_start_server c1 --data "$BENCH_DIR/c1" "${store[@]}" "${limits[@]}" --behind-proxy \
  --base-url "http://127.0.0.1:$proxy_port" --db-pool 8
p1=$SERVER_PORT
bench_start_server c2 --data "$BENCH_DIR/c2" "${store[@]}" "${limits[@]}" --behind-proxy \
  --base-url "http://127.0.0.1:$proxy_port" --db-pool 8
p2=$SERVER_PORT
bench_start_nginx "$p1" "$p2"
run two-behind-nginx "http://127.0.0.1:$NGINX_PORT" "$BENCH_DIR/c1/logs/requests.log,$BENCH_DIR/c2/logs/requests.log" "$@"

echo
echo "=== summary (client-side latencies, ms; $(nproc) cpu, load now $(cut -d' ' -f1-3 /proc/loadavg))"
python3 - "$BENCH_DIR" <<'PY'
import sys, os
d = sys.argv[1]
runs = [("sqlite", "(a) SQLite+disk"), ("postgres", "(b) PG+S3, 1 instance"), ("two-behind-nginx", "(c) PG+S3, 2 + nginx")]
data = {}
for key, _ in runs:
    f = os.path.join(d, key + ".tsv")
    data[key] = dict((l.split("\t")[0], l.rstrip("\n").split("\t")[1:]) for l in open(f)) if os.path.exists(f) else {}
print("%-24s" % "" + "".join("%24s" % t for _, t in runs))
print("%-24s" % "requests/s (errors)" + "".join("%24s" % (("%s (%s)" % (data[k]["total"][2], data[k]["total"][3])) if "total" in data[k] else "-") for k, _ in runs))
endpoints = sorted({e for k, _ in runs for e in data[k] if e != "total"})
for e in endpoints:
    print("%-24s" % e[:24] + "".join("%24s" % (("%s / %s" % (data[k][e][1], data[k][e][2])) if e in data[k] else "-") for k, _ in runs))
print("cells: p50 / p99 ms")
PY
