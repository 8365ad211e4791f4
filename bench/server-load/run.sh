#!/usr/bin/env bash
# Server load benchmark (not a test): starts ./omni-server on 127.0.0.1 over a fresh data
# directory, creates one account, and runs ServerLoad.java against it: N clients (each a device
# with its own token) push a project of M small objects through S snapshots concurrently.
#
#   bench/server-load/run.sh [--clients 50] [--objects 1000] [--snapshots 20]
#
# Prints requests/s and p50/p99 per endpoint; exits non-zero if any request failed.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd -- "$here/../.." && pwd -P)
data=$(mktemp -d "${TMPDIR:-/tmp}/omni-server-bench.XXXXXX")
pid=
cleanup() {
  if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf -- "$data"
}
trap cleanup EXIT

password="bench password $$"
"$root/omni-server" user add bench@example.org --password-stdin --data "$data" <<<"$password" >/dev/null
# Limits raised for the benchmark: 50 devices log in from one address, and each pushes ~130
# requests within seconds.
"$root/omni-server" serve --host 127.0.0.1 --port 0 --data "$data" --quiet-log \
  --api-rate-limit 100000 --address-rate-limit 100000 2>"$data/server.err" &
pid=$!
port=
for _ in $(seq 1 300); do
  port=$(sed -n 's/.*listening on [^:]*:\([0-9]*\),.*/\1/p' "$data/server.err" | head -n1)
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n $port ]] || { cat "$data/server.err" >&2; echo "the server did not start" >&2; exit 1; }
echo "server: 127.0.0.1:$port, data $data, $(nproc) cpu, java $(java -version 2>&1 | head -n1)"
java "$here/ServerLoad.java" --base-url "http://127.0.0.1:$port" --email bench@example.org --password "$password" \
  --server-log "$data/logs/requests.log" "$@"
