#!/usr/bin/env bash
# Measures the chat client's window under bursts of messages (issue 9; client-burst.cpp says what
# each figure means): builds chat-client-burst and chat-server if needed, runs the benchmark RUNS
# times (default 3) and prints the median of each figure per burst.
#
# Usage: bench/client-burst.sh [RUNS] [chat-client-burst options, e.g. --count 2000 --bursts 3]
# Environment: BUILD_DIR (default build); MARKDOWN=FILE also writes the medians as a Markdown
# table for docs/performance.md; KEEP=DIR keeps every run's output there.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-3}
[ $# -gt 0 ] && shift
build_dir=${BUILD_DIR:-build}
if [ ! -f "$build_dir/build.ninja" ]; then
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" >/dev/null
fi
cmake --build "$build_dir" --parallel 2 --target chat-client-burst chat-server >/dev/null

out=${KEEP:-$(mktemp -d)}
mkdir -p "$out"
: >"$out/results.jsonl"
export QT_QPA_PLATFORM=offscreen
for i in $(seq 1 "$runs"); do
    echo "== run $i of $runs" >&2
    "$build_dir/bench/chat-client-burst" --server "$build_dir/server/chat-server" "$@" \
        | tee "$out/run$i.txt" >&2 || true # a failed run still prints its JSON line
    tail -n 1 "$out/run$i.txt" >>"$out/results.jsonl"
done
echo "runs kept in $out" >&2

python3 - "$out/results.jsonl" "${MARKDOWN:-}" <<'EOF'
import json, statistics, sys

runs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
failed = [r for r in runs if not r.get("ok")]
for r in failed:
    print("FAILED run:", r.get("error", "?"), file=sys.stderr)
runs = [r for r in runs if r.get("ok")]
if not runs:
    sys.exit("no run completed")

def med(values):
    return statistics.median(values)

first = runs[0]
bursts = min(len(r["bursts"]) for r in runs)
rows = []
for b in range(bursts):
    pick = lambda key: med([r["bursts"][b][key] for r in runs])
    spread = lambda key: (min(r["bursts"][b][key] for r in runs),
                          max(r["bursts"][b][key] for r in runs))
    rows.append({"burst": b + 1, **{k: pick(k) for k in (
        "shown_ms", "last_in_model_ms", "peers_done_ms", "max_stall_ms", "stalls_over_50ms",
        "stalls_over_100ms", "cpu_ms", "rss_kib")}, "stall_range": spread("max_stall_ms"),
        "shown_range": spread("shown_ms")})
rss_before = med([r["rss_before_kib"] for r in runs])

print(f"medians of {len(runs)} runs ({len(failed)} failed): {first['count']} messages per burst "
      f"from {first['peers']} peers, {first['window']} in flight each; Qt {first['qt']}, "
      f"{first['platform']}")
print(f"RSS before the first burst: {rss_before / 1024:.1f} MiB")
for row in rows:
    print(f"burst {row['burst']}: last shown {row['shown_ms']:.0f} ms "
          f"(runs {row['shown_range'][0]:.0f}-{row['shown_range'][1]:.0f}), in the model "
          f"{row['last_in_model_ms']:.0f} ms, server done {row['peers_done_ms']:.0f} ms; "
          f"longest stall {row['max_stall_ms']:.0f} ms "
          f"(runs {row['stall_range'][0]:.0f}-{row['stall_range'][1]:.0f}), "
          f">50 ms: {row['stalls_over_50ms']:g}, >100 ms: {row['stalls_over_100ms']:g}; "
          f"CPU {row['cpu_ms'] / 1000:.2f} s; RSS {row['rss_kib'] / 1024:.1f} MiB")

if sys.argv[2]:
    with open(sys.argv[2], "w") as md:
        md.write("| burst | last message shown (s) | in the model (s) | server done (s) "
                 "| longest stall (ms) | stalls > 50 ms | stalls > 100 ms | client CPU (s) "
                 "| client RSS after (MiB) |\n")
        md.write("|---|---|---|---|---|---|---|---|---|\n")
        md.write(f"| before | | | | | | | | {rss_before / 1024:.1f} |\n")
        for row in rows:
            md.write(f"| {row['burst']} | {row['shown_ms'] / 1000:.2f} "
                     f"| {row['last_in_model_ms'] / 1000:.2f} | {row['peers_done_ms'] / 1000:.2f} "
                     f"| {row['max_stall_ms']:.0f} ({row['stall_range'][0]:.0f}–"
                     f"{row['stall_range'][1]:.0f}) "
                     f"| {row['stalls_over_50ms']:g} | {row['stalls_over_100ms']:g} "
                     f"| {row['cpu_ms'] / 1000:.2f} | {row['rss_kib'] / 1024:.1f} |\n")
    print(f"Markdown table written to {sys.argv[2]}")
if failed:
    sys.exit(1)
EOF
