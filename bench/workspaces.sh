#!/usr/bin/env bash
# Benchmark for workspaces, drift and merge (issue 3), run by hand:
#
#   bench/workspaces.sh [CORPUS_DIR]      (default: the JDK sources, unzipped to a scratch dir)
#
# On a fresh ext4 loop filesystem (as root; else in $BENCH_TMP): makes workspace A of the corpus,
# times `omni workspace create` (fork) against `cp -r` of the same tree, changes 100 files in the
# fork (60 edited, 20 added, 20 deleted) and 20 others in A, then times `omni drift` and
# `omni merge --dry-run` with hyperfine (medians). Needs hyperfine (apt-get install hyperfine).
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
OMNI=${OMNI:-$here/omni}
RUNS=${RUNS:-10}
command -v hyperfine >/dev/null || { echo "needs hyperfine" >&2; exit 2; }
"$OMNI" --version >/dev/null

scratch=$(mktemp -d "${BENCH_TMP:-/tmp}/omni-ws-bench.XXXXXX")
mnt=$scratch
cleanup() { cd /; if mountpoint -q "$scratch/mnt" 2>/dev/null; then umount "$scratch/mnt"; fi; rm -rf "$scratch"; }
trap cleanup EXIT
if [[ $EUID -eq 0 ]] && command -v mkfs.ext4 >/dev/null; then
  truncate -s 8G "$scratch/fs.img" && mkfs.ext4 -q -F "$scratch/fs.img" && mkdir -p "$scratch/mnt" \
    && mount -o loop "$scratch/fs.img" "$scratch/mnt" && mnt=$scratch/mnt
fi
corpus=${1:-}
if [[ -z $corpus ]]; then
  corpus=$mnt/corpus; mkdir -p "$corpus"
  unzip -q "$(ls /usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip)" -d "$corpus"
fi
export OMNI_HOME=$mnt/home
A=$mnt/app; B=$mnt/app-fork
cp -a "$corpus/." "$A/" 2>/dev/null || { mkdir -p "$A"; cp -a "$corpus/." "$A/"; }
"$OMNI" init -q "$A"
sync
echo "corpus: $(find "$A" -type f -not -path '*/.omni/*' | wc -l) files, $(du -sh --apparent-size "$A" | cut -f1)"

t() { local s=$EPOCHREALTIME; "$@" >/dev/null; awk -v a="$s" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'; }
for i in 1 2 3; do
  rm -rf "$mnt/cp$i"; sync; sleep 1
  cp_s=$(t cp -r "$A" "$mnt/cp$i")
  sync; sleep 1
  fork_s=$(cd "$A" && t "$OMNI" workspace create "fork$i" --path "$mnt/fork$i")
  echo "fork run $i: omni workspace create ${fork_s}s, cp -r ${cp_s}s"
done
(cd "$A" && "$OMNI" workspace create fork --path "$B" >/dev/null)

mapfile -t files < <(cd "$B" && find . -name '*.java' -not -path './.omni/*' | sort)
n=${#files[@]}
for i in $(seq 0 59); do echo "// fork edit $i" >> "$B/${files[$((i * n / 100))]}"; done
for i in $(seq 60 79); do rm -f "$B/${files[$((i * n / 100))]}"; done
for i in $(seq 1 20); do echo "class Added$i {}" > "$B/java.base/Added$i.java"; done
for i in $(seq 0 19); do echo "// main edit $i" >> "$A/${files[$((i * n / 100 + 1))]}"; done
(cd "$B" && "$OMNI" snapshot -q -m "100 changes")
(cd "$A" && "$OMNI" snapshot -q -m "20 changes")

cd "$A"
hyperfine -N -w 2 -r "$RUNS" -i --export-json "$scratch/h.json" \
  "$OMNI drift fork" "$OMNI drift fork --no-dirty" "$OMNI merge fork --dry-run" "$OMNI status" 2>&1 | grep -E "Benchmark|Time"
python3 - "$scratch/h.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"median {r['median']:.3f} s  {r['command'].split('/')[-1]}")
PY
