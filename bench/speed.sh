#!/usr/bin/env bash
# The numbers of README's "Speed and size", in one command (issue 14), run by hand on a quiet machine:
#
#   bench/speed.sh [CORPUS_DIR] [OUT_DIR]
#
# CORPUS_DIR defaults to the JDK sources (lib/src.zip of a Temurin 25 JDK, unzipped once into OUT_DIR).
# Runs, one after the other:
#   1. ../shared/bench/peers.sh with git, borg, restic, zpaq, casync and omni (REPS=3): A first snapshot,
#      B unchanged, status, C 10 edits + 10 MiB, D restore, store size; table in OUT_DIR/peers.out;
#   2. `omni status` against `git status` on the unchanged tree, interleaved (hyperfine, 20 runs);
#   3. bench/workspaces.sh: fork (`omni workspace create`) against `cp -r`, drift, merge --dry-run;
#   4. bench/sync/push-bench.sh: the initial and an incremental `omni push` to a local server.
# Needs root for the scratch loop filesystems, and git borgbackup restic zpaq casync hyperfine
# (apt-get install ...). REPS, PEERS and OMNI are passed through.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd -- "$here/.." && pwd -P)
peers=${PEERS_SH:-$root/../shared/bench/peers.sh}
[[ -x $peers || -f $peers ]] || { echo "needs $peers (the shared peers benchmark)" >&2; exit 2; }
out=${2:-$(mktemp -d "${BENCH_TMP:-/tmp}/omni-speed.XXXXXX")}
mkdir -p "$out"
corpus=${1:-}
if [[ -z $corpus ]]; then
  corpus=$out/corpus
  if [[ ! -d $corpus ]]; then
    mkdir -p "$corpus"
    unzip -q "$(ls /usr/lib/jvm/temurin-25-jdk*/lib/src.zip | head -n1)" -d "$corpus"
  fi
fi
corpus=$(cd -- "$corpus" && pwd -P)
OMNI=${OMNI:-$root/omni}
export OMNI
"$OMNI" --version >/dev/null
echo "== machine: $(nproc) cpu, load $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== 1. snapshots beside the peers"
PEERS_EXTRA=$root/bench/omni-peer.sh PEERS=${PEERS:-"git borg restic zpaq casync omni"} REPS=${REPS:-3} \
  bash "$peers" "$corpus" "$out/peers.csv" | tee "$out/peers.out"

echo "== 2. status on the unchanged tree, omni and git interleaved"
st=$(mktemp -d "$out/status.XXXXXX")
cp -a "$corpus/." "$st/w/" 2>/dev/null || { mkdir -p "$st/w"; cp -a "$corpus/." "$st/w/"; }
cp -a "$st/w" "$st/g"
(cd "$st/g" && git init -q && git add -A && git -c user.name=b -c user.email=b@b commit -qm s)
OMNI_HOME=$st/home "$OMNI" init -q "$st/w"
sleep 2.5   # past the racy window: the second snapshot writes a stat cache that trusts every file
(cd "$st/w" && OMNI_HOME=$st/home "$OMNI" snapshot -q)
(cd "$st/w" && OMNI_HOME=$st/home hyperfine -N -w 3 -r 20 "$OMNI status -q" "$OMNI snapshot -q" \
  "git -C $st/g status --porcelain") | tee "$out/status.out"
rm -rf "$st"

echo "== 3. workspaces: fork against cp -r, drift, merge"
bash "$root/bench/workspaces.sh" "$corpus" | tee "$out/workspaces.out"

echo "== 4. push to a local server"
bash "$root/bench/sync/push-bench.sh" "$corpus" | tee "$out/push.out"
echo "== results in $out (load at end: $(cut -d' ' -f1-3 /proc/loadavg))"
