#!/usr/bin/env bash
# Runs every probe of issue 10 against a fresh chat-server with default settings (only --db
# :memory: and the loopback address), the attacker connecting from 127.0.0.2 and a bystander and
# newcomers from 127.0.0.1, and writes the results into docs/security.md.
# Usage: bench/hostile.sh [probe ...]   (BUILD_DIR=build, SECONDS_PER_PROBE=10)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
server_bin=$root/${BUILD_DIR:-build}/server/chat-server
seconds=${SECONDS_PER_PROBE:-10}
probes=("$@")
[ ${#probes[@]} -gt 0 ] || probes=(ping-flood ping-flood-reading handshake-flood many-keys pipelining control-chars
                                   resume-drop names http-get fragments)
[ -x "$server_bin" ] || { echo "build chat-server first ($server_bin)" >&2; exit 1; }
[ -d bench/peers/node_modules/ws ] || (cd bench/peers && npm install --no-audit --no-fund)

mkdir -p bench/results
results=bench/results/hostile-$(date -u +%Y%m%dT%H%M%SZ).jsonl
port=5500
for probe in "${probes[@]}"; do
    port=$((port + 1))
    log=$(mktemp)
    "$server_bin" --host 127.0.0.1 --port "$port" --db :memory: >"$log" 2>&1 &
    server=$!
    for _ in $(seq 50); do grep -q "listening on" "$log" && break; sleep 0.1; done
    echo "== $probe" >&2
    node bench/peers/hostile-probe.js "$probe" "$port" "$server" "$seconds" | tee -a "$results" \
        || echo "{\"probe\":\"$probe\",\"failed\":true}" >>"$results"
    kill "$server"; wait "$server" || true
    grep -c "refusing\|closing" "$log" | sed "s/^/   server log lines about refusals and closes: /" >&2
    rm -f "$log"
    sleep 1 # let TIME_WAIT sockets and the CPU settle
done
python3 bench/hostile-table.py "$results" docs/security.md
echo "results: $results; table written to docs/security.md" >&2
