#!/usr/bin/env bash
# Push benchmark (issue 6), run by hand:   bench/sync/push-bench.sh [CORPUS_DIR]
#
# Starts ./omni-server on 127.0.0.1 over a scratch directory, logs the real `omni` command in
# through the device flow (approved on the server's web pages by Approve.java), then times:
#   - the initial `omni push` of the corpus (default: the JDK sources), bytes sent vs raw size;
#   - an incremental push after 10 edited files;
# and, in the same run, `git push` of the same trees to a local bare repository.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd -- "$here/../.." && pwd -P)
OMNI=${OMNI:-$root/omni}
"$OMNI" --version >/dev/null
"$root/omni-server" --help >/dev/null 2>&1 || true

scratch=$(mktemp -d "${BENCH_TMP:-/tmp}/omni-push-bench.XXXXXX")
mnt=$scratch
pid=
cleanup() {
  cd /
  [[ -n $pid ]] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  mountpoint -q "$scratch/mnt" 2>/dev/null && umount "$scratch/mnt"
  rm -rf "$scratch"
}
trap cleanup EXIT
if [[ $EUID -eq 0 ]] && command -v mkfs.ext4 >/dev/null; then
  truncate -s 8G "$scratch/fs.img" && mkfs.ext4 -q -F "$scratch/fs.img" && mkdir -p "$scratch/mnt" \
    && mount -o loop "$scratch/fs.img" "$scratch/mnt" && mnt=$scratch/mnt
fi
corpus=${1:-}
if [[ -z $corpus ]]; then
  corpus=$mnt/corpus; mkdir -p "$corpus"
  unzip -q /usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip -d "$corpus"
fi

data=$mnt/server; mkdir -p "$data"
password="bench password $$"
"$root/omni-server" user add bench@example.org --password-stdin --data "$data" <<<"$password" >/dev/null
"$root/omni-server" serve --host 127.0.0.1 --port 0 --data "$data" --quiet-log 2>"$data/server.err" &
pid=$!
port=
for _ in $(seq 1 300); do
  port=$(sed -n 's/.*listening on [^:]*:\([0-9]*\),.*/\1/p' "$data/server.err" | head -n1)
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n $port ]] || { cat "$data/server.err" >&2; exit 1; }
url=http://127.0.0.1:$port

export OMNI_HOME=$mnt/home OMNI_CREDENTIALS=file
"$OMNI" login --server "$url" --no-browser >"$scratch/login.out" 2>&1 &
login=$!
code=
for _ in $(seq 1 300); do
  code=$(grep -o '[A-Z]\{4\}-[A-Z]\{4\}' "$scratch/login.out" | head -n1 || true)
  [[ -n $code ]] && break
  sleep 0.1
done
java "$here/Approve.java" "$url" bench@example.org "$password" "$code"
wait "$login"

W=$mnt/omni-w; G=$mnt/git-w; B=$mnt/bare.git
cp -a "$corpus" "$W"; cp -a "$corpus" "$G"
"$OMNI" init -q "$W"
# gc.autoDetach=false: the commit of ~15,000 loose objects triggers `git gc --auto`; detached, it
# would pack the repository in the background while omni pushes (taking one of the two cores from
# it) and git's own push would then find it packed or not depending on how long omni took.
git -C "$G" init -q && git -C "$G" add -A && git -C "$G" -c gc.autoDetach=false -c user.name=b -c user.email=b@b commit -qm base
git init -q --bare "$B"
sync
raw=$(du -sb --apparent-size "$corpus" | cut -f1)

t() { local s=$EPOCHREALTIME; "$@"; echo "$(awk -v a="$s" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')" >"$scratch/t"; }
t bash -c "cd '$W' && '$OMNI' push --json >'$scratch/p1.json'"; p1_t=$(<"$scratch/t")
t bash -c "git -C '$G' push -q '$B' HEAD:refs/heads/main 2>'$scratch/g1.err'"; g1_t=$(<"$scratch/t")
p1_b=$(python3 -c "import json; print(json.load(open('$scratch/p1.json'))['bytes_sent'])")
g1_b=$(du -sb "$B/objects" | cut -f1)

mapfile -t files < <(cd "$W" && find . -name '*.java' -not -path './.omni/*' | sort)
n=${#files[@]}
for i in $(seq 0 9); do
  f=${files[$((i * n / 10))]}
  echo "// edit $i" >>"$W/$f"; echo "// edit $i" >>"$G/$f"
done
(cd "$W" && "$OMNI" snapshot -q)
git -C "$G" add -A && git -C "$G" -c user.name=b -c user.email=b@b commit -qm edits
before=$(du -sb "$B/objects" | cut -f1)
t bash -c "cd '$W' && '$OMNI' push --json >'$scratch/p2.json'"; p2_t=$(<"$scratch/t")
t bash -c "git -C '$G' push -q '$B' HEAD:refs/heads/main"; g2_t=$(<"$scratch/t")
p2_b=$(python3 -c "import json; print(json.load(open('$scratch/p2.json'))['bytes_sent'])")
g2_b=$(( $(du -sb "$B/objects" | cut -f1) - before ))
changed=$(for i in $(seq 0 9); do stat -c %s "$W/${files[$((i * n / 10))]}"; done | awk '{s+=$1} END {print s}')

printf "corpus: %s files, raw %.1f MiB; server on %s\n" "$n" "$(echo "$raw/1048576" | bc -l)" "$url"
printf "%-34s %8s %14s\n" "" "seconds" "bytes sent"
printf "%-34s %8s %14s\n" "omni push (initial)" "$p1_t" "$p1_b"
printf "%-34s %8s %14s\n" "git push to a bare repo (initial)" "$g1_t" "~$g1_b (repo objects)"
printf "%-34s %8s %14s\n" "omni push (10 edited files)" "$p2_t" "$p2_b"
printf "%-34s %8s %14s\n" "git push (10 edited files)" "$g2_t" "~$g2_b (repo growth)"
echo "the 10 edited files hold $changed bytes in all; omni sends whole changed files and the trees above them"
