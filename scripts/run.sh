#!/usr/bin/env bash
# Installs what is missing, builds, starts chat-server on its default port (5220), prints the
# browser client's URL and opens a client window joined to it. Closing the window stops the
# server.
# Usage: scripts/run.sh [NAME]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
build_dir=${BUILD_DIR:-build}
port=${CHAT_PORT:-5220}
name=${1:-${USER:-guest}}

log=$(mktemp -t chat-server.XXXXXX.log)
"$build_dir/server/chat-server" --host 127.0.0.1 --port "$port" ${CHAT_SERVER_ARGS:-} > "$log.out" 2> "$log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    grep -q '^listening on' "$log.out" 2>/dev/null && break
    kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
echo "$(cat "$log.out") (log: $log)"
# The same port serves the browser client (http, or https with --tls-cert in CHAT_SERVER_ARGS).
scheme=http
grep -q '^listening on wss:' "$log.out" && scheme=https
echo "Browser client: $scheme://127.0.0.1:$port/"
"$build_dir/client/chat-client" --url "ws://127.0.0.1:$port/" --nick "$name"
