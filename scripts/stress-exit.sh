#!/usr/bin/env bash
# Starts chat-server, sends it SIGTERM the instant its "listening on" line appears, and checks
# that it exits 0; N times in a row (default 200). Stops at the first run that exits otherwise
# and prints that run's stderr. What a supervisor does that reads the line and stops the server
# at once (a test harness, a health check that gives up).
# Usage: scripts/stress-exit.sh [N]   (SERVER=path/to/chat-server, default build/server/chat-server)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
server=${SERVER:-build/server/chat-server}
[ -x "$server" ] || { echo "no $server: build first (scripts/build.sh)" >&2; exit 2; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for ((run = 1; run <= runs; run++)); do
    coproc SERVER_PROC { exec "$server" --host 127.0.0.1 --port 0 --db :memory: 2>"$log"; }
    pid=$SERVER_PROC_PID
    line=
    read -r line <&"${SERVER_PROC[0]}" || true
    kill -TERM "$pid" 2>/dev/null || true
    status=0
    wait "$pid" || status=$?
    if [[ $line != "listening on "* || $status -ne 0 ]]; then
        echo "run $run of $runs: exit status $status (128+N: killed by signal N); line: '$line'" >&2
        echo "-- its stderr:" >&2
        cat "$log" >&2
        exit 1
    fi
done
echo "$runs of $runs runs: SIGTERM at the listening line, exit status 0"
