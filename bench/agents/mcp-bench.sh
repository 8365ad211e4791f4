#!/usr/bin/env bash
# MCP memory_search latency over the memory benchmark's store (issue 15), run by hand:
#
#   bench/agents/mcp-bench.sh          (N=400 queries; BENCH_DIR as for bench/memory/run.sh)
#
# Uses the store of bench/memory (1M messages, 100k memory items; generated here first when it is
# missing, which takes a while) and its query set when bench/memory/run.sh wrote one, else words of
# memory items. Starts one 'omni mcp' in the store's workspace and times N memory_search calls
# through the MCP Java SDK's client (p50/p95/p99), then the same queries in-process.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd -- "$here/../.." && pwd -P)
dir=${BENCH_DIR:-/tmp/omni-bench-memory}
N=${N:-400}
home=$dir/store/home
"$root/omni" --version >/dev/null
if [[ ! -f $home/omni.db ]]; then
  echo "== no memory benchmark store at $dir: generating it (bench/memory/run.sh)"
  STEPS=size "$root/bench/memory/run.sh"
fi
cp=$(<"$root/app-cli/target/omni.classpath")
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
java -Xmx2g -cp "$cp" "$here/McpBench.java" "$root/omni" "$home" "$dir/store/workspace" "$dir/queries/queries.txt" "$N"
