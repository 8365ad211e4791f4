#!/usr/bin/env bash
# Memory/conversation/search benchmark of omni: see README.md beside this file.
#   bench/memory/run.sh            generate (once) and measure
# Environment: BENCH_DIR (default /tmp/omni-bench-memory), CONVS (10000), PER (100 messages each),
#   MEMORIES (100000), QUERIES (400, in-process and sqlite3), CLI_QUERIES (40), IMPORT_MESSAGES (50000),
#   REGEN=1 to build the store again, STEPS (default "size import search cli") to run only some steps.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd -- "$here/../.." && pwd -P)
dir=${BENCH_DIR:-/tmp/omni-bench-memory}
CONVS=${CONVS:-10000}; PER=${PER:-100}; MEMORIES=${MEMORIES:-100000}
QUERIES=${QUERIES:-400}; CLI_QUERIES=${CLI_QUERIES:-40}; IMPORT_MESSAGES=${IMPORT_MESSAGES:-50000}
home=$dir/store/home
STEPS=" ${STEPS:-size import search cli} "
step() { [[ $STEPS == *" $1 "* ]]; }

"$root/omni" --version >/dev/null   # builds the CLI if needed and writes its class path
cp=$(<"$root/app-cli/target/omni.classpath")
bench() { java -Xmx4g -XX:+UseParallelGC -cp "$cp" "$here/MemoryBench.java" "$@"; }
pct() { sort -g | awk -v p="$1" '{a[NR]=$1} END {i=int(p/100*NR+0.999999); if (i<1) i=1; if (i>NR) i=NR; printf "%.1f", a[i]}'; }

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), sqlite3 $(sqlite3 --version | cut -d' ' -f1)"

if [[ ${REGEN:-0} == 1 ]]; then rm -rf "$dir/store"; fi
if [[ ! -f $home/omni.db ]]; then
  echo "== generate: $CONVS conversations x $PER messages, $MEMORIES memory items"
  mkdir -p "$dir/store"
  s=$(date +%s); bench generate "$home" "$CONVS" "$PER" "$MEMORIES"; echo "generate: $(( $(date +%s) - s )) s wall"
fi

if step size; then
echo "== store size"
ls -l "$home/omni.db" | awk '{printf "omni.db: %.0f MiB\n", $5/1048576}'
sqlite3 "$home/omni.db" "SELECT count(*) || ' messages in ' || (SELECT count(*) FROM conversations) || ' conversations, '
  || (SELECT count(*) FROM memory_items) || ' memory items, ' || (SELECT count(*) FROM outbox) || ' outbox rows' FROM messages;"
sqlite3 "$home/omni.db" "SELECT printf('  %-34s %7.1f MiB', name, sum(pgsize)/1048576.0) FROM dbstat GROUP BY name ORDER BY sum(pgsize) DESC LIMIT 14;"

fi

if step import; then
echo "== import speed: one transcript of $IMPORT_MESSAGES messages"
rm -rf "$dir/import"
bench import-speed "$dir/import" "$IMPORT_MESSAGES"
big=$(ls "$dir"/import/*.jsonl)
"$root/omni" --home "$dir/import/home-cli" projects >/dev/null   # an existing store, as a user has: created, not timed
s=$(date +%s%N); "$root/omni" --home "$dir/import/home-cli" -q conv import "$big"; e=$(date +%s%N)
awk -v ms=$(( (e - s) / 1000000 )) -v n="$IMPORT_MESSAGES" 'BEGIN {printf "omni conv import (JVM start included): %.2f s = %.0f messages/s\n", ms/1000, n/(ms/1000)}'

fi

if step search; then
echo "== search, in-process ($QUERIES queries, warm)"
bench search "$home" "$QUERIES" "$dir/queries"

echo "== the same FTS5 statements in the sqlite3 shell (a warm-up run, then the fastest of 3 per query)"
fastest() { paste "$@" | awk '{m = $1; for (i = 2; i <= NF; i++) if ($i < m) m = $i; print m}'; }
for script in queries:all:7 messages:messages:2; do
  IFS=: read -r file name per <<<"$script"
  sqlite3 "$home/omni.db" <"$dir/queries/$file.sql" >/dev/null
  for i in 1 2 3; do
    sqlite3 "$home/omni.db" <"$dir/queries/$file.sql" \
      | awk -v per="$per" '/Run Time/ {s += $4 * 1000; n++; if (n % per == 0) {print s; s = 0}}' >"$dir/queries/sqlite-$name.$i"
  done
  fastest "$dir/queries/sqlite-$name".[123] >"$dir/queries/sqlite-$name.ms"
done
bench report "$dir/queries"
echo "(sqlite3 prints whole milliseconds per statement, so its small numbers are rounded)"

fi

if step cli; then
echo "== omni search through ./omni (new JVM each time; $CLI_QUERIES queries)"
for q in websocket heartbeat retry; do "$root/omni" --home "$home" search "$q" >/dev/null; done
: >"$dir/queries/cli.ms"
head -n "$CLI_QUERIES" "$dir/queries/queries.txt" | while IFS= read -r q; do
  s=$(date +%s%N); "$root/omni" --home "$home" search "$q" >/dev/null; e=$(date +%s%N)
  echo $(( (e - s) / 1000000 )) >>"$dir/queries/cli.ms"
done
echo "omni search: p50 $(pct 50 <"$dir/queries/cli.ms") ms, p95 $(pct 95 <"$dir/queries/cli.ms") ms, max $(pct 100 <"$dir/queries/cli.ms") ms"
s=$(date +%s%N); "$root/omni" --home "$home" projects >/dev/null; e=$(date +%s%N)
echo "for scale, omni projects (JVM start, open the store, one query): $(( (e - s) / 1000000 )) ms"
fi
