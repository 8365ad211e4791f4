#!/usr/bin/env bash
# Speed of the agent hooks (issue 15), run by hand:
#
#   bench/agents/hook-bench.sh [CORPUS_DIR]     (default: the JDK sources, unzipped to a scratch dir)
#
# Makes a workspace of the corpus (on a fresh ext4 loop filesystem when run as root, else under
# $BENCH_TMP), installs omni's Claude Code hooks there, and runs the very command that
# 'omni hooks install' wrote, as Claude Code does (sh -c, the event's JSON on standard input),
# JVM start included, with hyperfine (medians of RUNS): a UserPromptSubmit checkpoint with nothing
# changed, and one after 10 files were changed (hyperfine's --prepare appends a line to 10 files
# before each run). Beside them, in the same run: 'omni --version' (the JVM start) and
# 'omni snapshot' with nothing changed (the same scan without the hook). Needs hyperfine.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)
OMNI=${OMNI:-$here/omni}
RUNS=${RUNS:-15}
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
"$OMNI" --version >/dev/null

scratch=$(mktemp -d "${BENCH_TMP:-/tmp}/omni-hook-bench.XXXXXX")
mnt=$scratch
cleanup() { cd /; if mountpoint -q "$scratch/mnt" 2>/dev/null; then umount "$scratch/mnt"; fi; rm -rf "$scratch"; }
trap cleanup EXIT
if [[ $EUID -eq 0 ]] && command -v mkfs.ext4 >/dev/null; then
  truncate -s 4G "$scratch/fs.img" && mkfs.ext4 -q -F "$scratch/fs.img" && mkdir -p "$scratch/mnt" \
    && mount -o loop "$scratch/fs.img" "$scratch/mnt" && mnt=$scratch/mnt
fi
corpus=${1:-}
if [[ -z $corpus ]]; then
  corpus=$mnt/corpus; mkdir -p "$corpus"
  unzip -q "$(ls /usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip)" -d "$corpus"
fi
export OMNI_HOME=$mnt/home
A=$mnt/app
mkdir -p "$A" && cp -a "$corpus/." "$A/"
printf '.claude/\n' > "$A/.omniignore"
"$OMNI" init -q "$A"
cd "$A"
"$OMNI" hooks install --agent claude >/dev/null
hook=$(python3 -c 'import json,sys; g=json.load(open(".claude/settings.json"))["hooks"]["UserPromptSubmit"]; print([h["command"] for x in g for h in x["hooks"] if " hook claude" in h["command"]][0])')
echo "corpus: $(find "$A" -type f -not -path '*/.omni/*' | wc -l) files; hook command: $hook"
printf '{"session_id":"bench-session","transcript_path":"","cwd":"%s","hook_event_name":"UserPromptSubmit","prompt":"benchmark"}' "$A" > "$scratch/prompt.json"
mapfile -t files < <(find . -name '*.java' -not -path './.omni/*' | sort | awk 'NR % 1500 == 1' | head -10)
printf '%s\n' "${files[@]}" > "$scratch/ten.txt"
sync

# One --prepare per command: only the last one changes files before each run.
hyperfine -w 2 -r "$RUNS" --export-json "$scratch/h.json" \
  --prepare true --prepare true --prepare true --prepare "xargs -a $scratch/ten.txt -I{} sh -c 'echo // edit >> {}'" \
  -n "omni --version (JVM start)" -n "omni snapshot, nothing changed" -n "hook, nothing changed" -n "hook, 10 files changed" \
  "$OMNI --version" "$OMNI snapshot -q" "$hook < $scratch/prompt.json" "$hook < $scratch/prompt.json" \
  2>&1 | grep -E "Benchmark|Time"
python3 - "$scratch/h.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"median {r['median']:.3f} s  (min {r['min']:.3f}, max {r['max']:.3f})  {r['command']}")
PY
echo "turns recorded: $("$OMNI" turns bench-session --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
grep -c ' ERROR ' "$OMNI_HOME/logs/agents.log" | sed 's/^/hook errors in the log: /' || true
