#!/usr/bin/env bash
# Initial push on each set of server backends, in one run (a benchmark, not a test):
#   bench/sync/push-backends.sh [CORPUS_DIR] [ROUNDS]
#
# The real `omni` command pushes the corpus (default: the JDK sources) to a fresh server on
# (a) SQLite + disk and (b) PostgreSQL + S3 (s3proxy's filesystem store), each from a fresh omni
# home (logged in through the device flow, approved on the server's web pages), ROUNDS times
# (default 3) alternating the order; prints every push and the medians. PostgreSQL and s3proxy
# are started here (bench/lib/backends.sh); the corpus and the servers' data sit on a scratch
# ext4 file system when run as root.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd -- "$here/../.." && pwd -P)
OMNI=${OMNI:-$root/omni}
"$OMNI" --version >/dev/null
"$root/omni-server" --version >/dev/null

scratch=$(mktemp -d "${BENCH_TMP:-/tmp}/omni-push-backends.XXXXXX")
chmod 755 "$scratch"
BENCH_DIR=$scratch
# shellcheck source=../lib/backends.sh
source "$root/bench/lib/backends.sh"
mnt=$scratch
cleanup() {
  cd /
  bench_stop_all
  if mountpoint -q "$scratch/mnt" 2>/dev/null; then
    for _ in $(seq 1 50); do umount "$scratch/mnt" 2>/dev/null && break; sleep 0.2; done
    mountpoint -q "$scratch/mnt" && umount -l "$scratch/mnt"
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT
if [[ $EUID -eq 0 ]] && command -v mkfs.ext4 >/dev/null; then
  truncate -s 12G "$scratch/fs.img" && mkfs.ext4 -q -F "$scratch/fs.img" && mkdir -p "$scratch/mnt" \
    && mount -o loop "$scratch/fs.img" "$scratch/mnt" && mnt=$scratch/mnt && chmod 755 "$mnt"
fi
corpus=${1:-}
rounds=${2:-3}
if [[ -z $corpus ]]; then
  corpus=$mnt/corpus; mkdir -p "$corpus"
  unzip -q /usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip -d "$corpus"
fi
# The PostgreSQL cluster and the bucket live on the scratch file system too.
BENCH_DIR=$mnt
bench_start_postgres
PG_PID=${bench_pids[-1]}
bench_start_s3proxy
S3_PID=${bench_pids[-1]}
files=$(find "$corpus" -type f | wc -l)
raw=$(du -sb --apparent-size "$corpus" | cut -f1)
password="bench password $$"

push_once() { # BACKEND N: prints "BACKEND SECONDS BYTES"
  local backend=$1 n=$2 dir=$mnt/$1-$2 store=()
  mkdir -p "$dir"
  if [[ $backend == postgres ]]; then
    bench_new_database "push_$n"; bench_new_bucket "push-$n"
    store=(--db "$DB_URL" --objects "$OBJECTS_URL")
  fi
  OMNI_SERVER_DB_PASSWORD_FILE=${PG_PASSWORD_FILE:-} "$root/omni-server" user add bench@example.org --password-stdin \
    --data "$dir/server" "${store[@]}" <<<"$password" >/dev/null
  bench_start_server "$backend-$n" --data "$dir/server" "${store[@]}"
  local url=http://127.0.0.1:$SERVER_PORT code=
  export OMNI_HOME=$dir/home OMNI_CREDENTIALS=file
  "$OMNI" login --server "$url" --no-browser >"$dir/login.out" 2>&1 &
  local login=$!
  for _ in $(seq 1 300); do
    code=$(grep -o '[A-Z]\{4\}-[A-Z]\{4\}' "$dir/login.out" | head -n1 || true)
    [[ -n $code ]] && break
    sleep 0.1
  done
  java "$here/Approve.java" "$url" bench@example.org "$password" "$code"
  wait "$login"
  cp -a "$corpus" "$dir/w"
  "$OMNI" init -q "$dir/w"
  sync
  local s=$EPOCHREALTIME
  (cd "$dir/w" && "$OMNI" push --json >"$dir/push.json")
  local t; t=$(awk -v a="$s" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
  local bytes; bytes=$(python3 -c "import json; print(json.load(open('$dir/push.json'))['bytes_sent'])")
  local cpu="server $(bench_cpu_seconds "${bench_pids[-1]}") s"
  [[ $backend == postgres ]] && cpu="$cpu, s3proxy $(bench_cpu_seconds "$S3_PID") s, postgres $(bench_cpu_seconds "$PG_PID") s (all so far)"
  echo "round $n, $backend: cpu $cpu" >&2
  kill "${bench_pids[-1]}"; wait "${bench_pids[-1]}" 2>/dev/null || true; unset 'bench_pids[-1]'
  rm -rf "$dir/w" "$dir/home"
  echo "$backend $t $bytes"
}

echo "corpus: $files files, raw $(( raw / 1048576 )) MiB; $(nproc) cpu, load $(cut -d' ' -f1-3 /proc/loadavg)"
results=()
for n in $(seq 1 "$rounds"); do
  if (( n % 2 )); then order=(sqlite postgres); else order=(postgres sqlite); fi
  for b in "${order[@]}"; do
    r=$(push_once "$b" "$n"); results+=("$r"); echo "round $n: $r (seconds, bytes sent)"
  done
done
printf '%s\n' "${results[@]}" | python3 -c '
import sys, statistics
t = {}
for line in sys.stdin:
    b, s, _ = line.split()
    t.setdefault(b, []).append(float(s))
a, p = statistics.median(t["sqlite"]), statistics.median(t["postgres"])
print("initial omni push, median of %d: SQLite + disk %.2f s, PostgreSQL + S3 %.2f s (%.2fx)" % (len(t["sqlite"]), a, p, p / a))
'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
