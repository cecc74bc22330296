#!/usr/bin/env bash
# What one chat message costs Redis, measured without the instances: the `message` script of
# server/core/cluster/clusterscripts.h (read from there), with a message event exactly as an
# instance sends it (captured with MONITOR during bench/run-cluster.sh), run by redis-benchmark
# against a redis-server of its own with 1 and 3 pattern subscribers on chat:ev:* (as many as
# instances: each PUBLISH is written to each). redis-server's CPU seconds come from /proc.
#
# Prints one line per subscriber count: requests/s and redis-server µs of CPU per message.
# Redis is single-threaded: 1e6 / (µs per message) is the cluster's message rate bound.
#
# Usage: bench/redis-capacity.sh        (REQUESTS=300000 CLIENTS=8 to change)
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${REQUESTS:-300000}
clients=${CLIENTS:-8}
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

script=$(sed -n '/message = R"lua(/,/)lua";/p' server/core/cluster/clusterscripts.h | sed '1d;$d')
[ -n "$script" ] || { echo "no message script in clusterscripts.h" >&2; exit 1; }
key=pHdWLTUKP5G9Y5eDsFfqzw
text="s0:1:40132635896244:$(printf 'x%.0s' $(seq 80))"
event="{\"k\":\"$key\",\"n\":\"load0\",\"o\":\"Jol940_BwxmIOHns\",\"room\":\"general\",\"t\":\"msg\",\"text\":\"$text\",\"ts\":\"1795773655443\"}"

cpu_seconds() { # pid -> utime + stime in seconds
    awk -v tck="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); print ($12 + $13) / tck }' "/proc/$1/stat"
}

for subscribers in 1 3; do
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --dir "$work" \
        > "$work/redis.log" 2>&1 &
    redis_pid=$!
    pids+=("$redis_pid")
    until redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; do sleep 0.1; done
    for _ in $(seq "$subscribers"); do
        redis-cli -p "$port" psubscribe 'chat:ev:*' > /dev/null &
        pids+=($!)
    done
    sha=$(redis-cli -p "$port" script load "$script")
    redis-cli -p "$port" set chat:ids 0 > /dev/null
    redis-cli -p "$port" hset chat:users "$key" '{"n":"load0"}' > /dev/null
    until [ "$(redis-cli -p "$port" client list | grep -c 'psub=1')" = "$subscribers" ]; do
        sleep 0.1
    done
    before=$(cpu_seconds "$redis_pid")
    start=$(date +%s.%N)
    redis-benchmark -p "$port" -n "$requests" -c "$clients" -q \
        EVALSHA "$sha" 4 chat:seq chat:ids chat:ids:reserved chat:users chat:ev:room:general \
        "$event" "$key" 1 > /dev/null
    end=$(date +%s.%N)
    after=$(cpu_seconds "$redis_pid")
    ids=$(redis-cli -p "$port" get chat:ids)
    [ "$ids" = "$requests" ] || { echo "the script ran $ids times, not $requests" >&2; exit 1; }
    python3 -c "print(f'subscribers=$subscribers requests_per_s={$requests / ($end - $start):.0f} '
                      f'redis_cpu_cores={($after - $before) / ($end - $start):.2f} '
                      f'redis_us_per_message={($after - $before) * 1e6 / $requests:.1f}')"
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    pids=()
done
