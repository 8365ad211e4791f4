#!/usr/bin/env bash
# Semantic-search benchmark of omni: see README.md beside this file.
#   bench/semantic/run.sh                 quality on the evaluation set (both models), then speed
# Environment: BENCH_DIR (default /tmp/omni-bench-semantic), STEPS (default "quality"), MODELS.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd -- "$here/../.." && pwd -P)
dir=${BENCH_DIR:-/tmp/omni-bench-semantic}
STEPS=" ${STEPS:-quality} "
MODELS=${MODELS:-"bge-small-en-v1.5-q all-minilm-l6-v2-q"}
step() { [[ $STEPS == *" $1 "* ]]; }

"$root/omni" --version >/dev/null   # builds the CLI if needed and writes its class path
cp=$(<"$root/app-cli/target/omni.classpath")
mkdir -p "$dir/classes"
javac -d "$dir/classes" -cp "$cp" "$here"/SemanticBench.java "$here"/Corpus.java
bench() { java -Xmx4g -cp "$dir/classes:$cp" SemanticBench "$@"; }

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"

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
