#!/usr/bin/env bash
# The cluster benchmark (issue 13): 1, 2 and 3 chat-server instances on this machine serving one
# chat through a redis-server of their own, clients spread round-robin over the instances.
#
# Rows: one instance without Redis (the v1 baseline), then 1, 2 and 3 instances with Redis; at
# each of CLIENTS clients with 4 closed-loop senders and 100-byte messages (throughput, latency,
# CPU of every instance and of redis-server, RSS); then the Redis hop: one sender paced at one
# message every 5 ms and 9 receivers, latency split by receivers on the sender's instance and on
# another one; and bench/redis-capacity.sh (what a message costs Redis alone). Medians of RUNS runs are written to bench/results/cluster-<time>.md
# (bench/summarize-cluster.py); docs/performance.md, "Several instances", quotes them.
#
# Every instance runs with --db :memory:: a database file would measure fsync (see the durable
# rows of the v1 matrix), not the relay. Redis runs without persistence (no RDB, no AOF).
#
# Usage: bench/run-cluster.sh        (RUNS=3 DURATION=10 CLIENTS="1000 100" INSTANCES="1 2 3")
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

runs=${RUNS:-3}
duration=${DURATION:-10}
clients=${CLIENTS:-1000 100}
instance_counts=${INSTANCES:-1 2 3}
cores=$(nproc)

BUILD_DIR=build-bench BUILD_TYPE=Release CMAKE_ARGS=-DCHAT_BUILD_TESTS=OFF scripts/build.sh
server_bin=$root/build-bench/server/chat-server
load_bin=$root/build-bench/bench/chat-load
command -v redis-server >/dev/null || { echo "redis-server is missing (scripts/deps.sh)" >&2; exit 1; }

ulimit -n "$(ulimit -Hn)"
results_dir=bench/results
mkdir -p "$results_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
results=$results_dir/cluster-$stamp.jsonl
: > "$results"
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}
trap 'cleanup; rm -rf "$work"' EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

redis_port=0
redis_pid=0
start_redis() {
    redis_port=$(free_port)
    redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
        --dir "$work" > "$work/redis.log" 2>&1 &
    redis_pid=$!
    pids+=("$redis_pid")
    for _ in $(seq 100); do
        redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && return 0
        sleep 0.1
    done
    echo "redis-server did not start" >&2
    cat "$work/redis.log" >&2
    exit 1
}

# Starts instance $1 (with --redis when $2 is not empty) on a free port, $3 workers; sets
# instance_port and instance_pid.
start_instance() {
    local i=$1 redis_url=$2 workers=$3
    local log=$work/instance$i.out
    local args=(--config "$root/bench/chat-server-bench.ini" --host 127.0.0.1 --port 0
        --rate-limit off --db :memory: --workers "$workers")
    [ -n "$redis_url" ] && args+=(--redis "$redis_url")
    : > "$log" # here, not in the child: the loop below must not read the last run's log
    "$server_bin" "${args[@]}" > "$log" 2> "$work/instance$i.err" &
    instance_pid=$!
    pids+=("$instance_pid")
    for _ in $(seq 200); do
        if grep -q '^listening on' "$log" 2>/dev/null; then
            instance_port=$(sed -n 's|^listening on ws://[^:]*:\([0-9]*\)/.*|\1|p' "$log")
            [ -n "$instance_port" ] && return 0
        fi
        kill -0 "$instance_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "instance $i did not start" >&2
    cat "$work/instance$i.err" >&2
    exit 1
}

# run_one LABEL INSTANCES WITH_REDIS(0|1) RUN chat-load arguments...
run_one() {
    local label=$1 count=$2 with_redis=$3 run=$4
    shift 4
    local redis_url="" ports=() server_pids=() workers=$(( cores / count > 0 ? cores / count : 1 ))
    redis_pid=0
    if [ "$with_redis" = 1 ]; then
        start_redis
        redis_url=redis://127.0.0.1:$redis_port
    fi
    for i in $(seq "$count"); do
        start_instance "$i" "$redis_url" "$workers"
        ports+=("$instance_port")
        server_pids+=("$instance_pid")
    done
    local out status=0 loadavg
    # The machine's load before the run: on a shared machine, what else was competing.
    loadavg=$(cut -d' ' -f1 /proc/loadavg)
    out=$("$load_bin" --ports "$(IFS=,; echo "${ports[*]}")" \
        --server-pid "$(IFS=,; echo "${server_pids[*]}")" --redis-pid "$redis_pid" "$@") ||
        status=$?
    if [ -z "$out" ] || [ "$status" -ne 0 ]; then
        # Keep the instances' logs of a failed run: they say what went wrong.
        for i in $(seq "$count"); do
            cp "$work/instance$i.err" "${results%.jsonl}-$label-run$run-instance$i.log"
        done
        [ -z "$out" ] && out="{\"failed\":true,\"exit\":$status}"
    fi
    cleanup
    echo "{\"label\":\"$label\",\"redis\":$with_redis,\"workers\":$workers,\"loadavg\":$loadavg,\"run\":$run,${out#\{}" |
        tee -a "$results"
    sleep 1 # let TIME_WAIT sockets and the CPU settle
}

for n in $clients; do
    for run in $(seq "$runs"); do
        load=(--clients "$n" --senders 4 --size 100 --duration "$duration")
        run_one "fanout-$n-1-noredis" 1 0 "$run" "${load[@]}"
        for count in $instance_counts; do
            run_one "fanout-$n-$count" "$count" 1 "$run" "${load[@]}"
        done
    done
done
for run in $(seq "$runs"); do
    hop=(--clients 10 --senders 1 --size 100 --interval-ms 5 --duration "$duration" --settle 1)
    run_one "hop-1-noredis" 1 0 "$run" "${hop[@]}"
    for count in $instance_counts; do
        run_one "hop-$count" "$count" 1 "$run" "${hop[@]}"
    done
done

python3 bench/summarize-cluster.py "$results" \
    "RUNS=$runs DURATION=$duration CLIENTS=\"$clients\" bench/run-cluster.sh" \
    > "${results%.jsonl}.md"
# What a message costs Redis alone, at the rate redis-benchmark drives it.
bench/redis-capacity.sh | tee "${results%.jsonl}-redis.txt"
echo "wrote ${results%.jsonl}.md"
