#!/usr/bin/env bash
# The fan-out benchmark: chat-server and a Node.js `ws` relay, side by side, on this machine.
# Builds in Release, installs the peer, runs N = 100, 1000, 10000 clients with S = 4 closed-loop
# senders and 100-byte messages, several runs each, and writes docs/performance.md (medians).
#
# Usage: bench/run-matrix.sh            (RUNS=3 DURATION=10 CLIENTS="100 1000 10000" to change)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

runs=${RUNS:-3}
duration=${DURATION:-10}
clients=${CLIENTS:-100 1000 10000}
senders=4
size=100

node_packages=()
command -v node >/dev/null && command -v npm >/dev/null || node_packages=(nodejs npm)
BUILD_DIR=build-bench BUILD_TYPE=Release CMAKE_ARGS=-DCHAT_BUILD_TESTS=OFF \
    scripts/build.sh "${node_packages[@]}"
server_bin=$root/build-bench/server/chat-server
load_bin=$root/build-bench/bench/chat-load
(cd bench/peers && npm install --no-audit --no-fund --silent)

ulimit -n "$(ulimit -Hn)"
results_dir=bench/results
mkdir -p "$results_dir"
results=$results_dir/$(date -u +%Y%m%dT%H%M%SZ).jsonl
: > "$results"

wait_listening() { # pid logfile
    for _ in $(seq 100); do
        grep -q '^listening on' "$2" 2>/dev/null && return 0
        kill -0 "$1" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

run_one() { # label port n command...
    local label=$1 port=$2 n=$3
    shift 3
    local log errlog
    log=$(mktemp)
    errlog=$(mktemp)
    "$@" > "$log" 2> "$errlog" &
    local pid=$!
    wait_listening "$pid" "$log" || { echo "$label did not start" >&2; cat "$log" >&2; exit 1; }
    local out status=0
    out=$("$load_bin" --port "$port" --clients "$n" --senders "$senders" --size "$size" \
        --duration "$duration" --server-pid "$pid") || status=$?
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$log"
    if [ -z "$out" ] || [ "$status" -ne 0 ]; then
        # Keep the server's log of a failed run: it says why connections were closed.
        cp "$errlog" "${results%.jsonl}-$label-$n-run$run.log"
    fi
    rm -f "$errlog"
    if [ -z "$out" ]; then
        out="{\"clients\":$n,\"failed\":true,\"exit\":$status}"
    fi
    echo "{\"server\":\"$label\",\"run\":$run,${out#\{}" | tee -a "$results"
    sleep 1 # let TIME_WAIT sockets and the CPU settle
}

bench_config=$root/bench/chat-server-bench.ini
db=$(mktemp -d)/bench.db
for n in $clients; do
    for run in $(seq "$runs"); do
        run_one chat-server 5400 "$n" "$server_bin" --config "$bench_config" --host 127.0.0.1 \
            --port 5400 --rate-limit off --db :memory:
        rm -f "$db"*
        run_one chat-server-durable 5402 "$n" "$server_bin" --config "$bench_config" \
            --host 127.0.0.1 --port 5402 --rate-limit off --db "$db" --db-sync full
        rm -f "$db"*
        run_one chat-server-durable-normal 5403 "$n" "$server_bin" --config "$bench_config" \
            --host 127.0.0.1 --port 5403 --rate-limit off --db "$db" --db-sync normal
        run_one node-ws 5401 "$n" node bench/peers/node-relay.js 5401
    done
done

python3 bench/summarize.py "$results" "bench/run-matrix.sh (RUNS=$runs DURATION=$duration)" \
    > docs/performance.md.new
# Keep the hand-written findings below the generated part.
if [ -f docs/performance.md ] && grep -q '^<!-- findings -->' docs/performance.md; then
    sed -n '/^<!-- findings -->/,$p' docs/performance.md >> docs/performance.md.new
fi
mv docs/performance.md.new docs/performance.md
echo "wrote docs/performance.md from $results"
