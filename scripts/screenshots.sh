#!/usr/bin/env bash
# Takes docs/screenshot.png (light) and docs/screenshot-dark.png from a real session under Xvfb:
# chat-server, two scripted peers (scripts/screenshot_peers.py) and chat-client, typed into with
# xdotool. Run it after a visible change to the client.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh xvfb imagemagick xdotool x11-utils
scripts/build.sh >/dev/null
bin=${BUILD_DIR:-build}

display=:97
port=5297
work=$(mktemp -d)
Xvfb "$display" -screen 0 1000x700x24 >/dev/null 2>&1 &
pids=($!)
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1

shoot() { # theme output
    local theme=$1 out=$2
    "$bin/server/chat-server" --host 127.0.0.1 --port "$port" --db :memory: >/dev/null 2>&1 &
    local server=$!
    sleep 0.5
    PEERS_SECONDS=30 python3 scripts/screenshot_peers.py "$port" &
    local peers=$!
    sleep 1.5
    mkdir -p "$work/$theme/QtChat"
    printf '[window]\ntheme=%s\n' "$theme" >"$work/$theme/QtChat/chat-client.conf"
    DISPLAY=$display XDG_CONFIG_HOME="$work/$theme" LANG=en_GB.UTF-8 \
        "$bin/client/chat-client" --url "ws://127.0.0.1:$port/" --nick alice >/dev/null 2>&1 &
    local client=$!
    local window=""
    for _ in $(seq 50); do
        window=$(DISPLAY=$display xdotool search --name "^alice" 2>/dev/null | head -1) || true
        [ -n "$window" ] && break
        sleep 0.2
    done
    [ -n "$window" ] || { echo "the client window did not appear" >&2; exit 1; }
    DISPLAY=$display xdotool windowsize "$window" 900 620 windowmove "$window" 0 0
    sleep 1.5
    DISPLAY=$display xdotool windowfocus "$window" type --delay 20 "On it, after lunch. Notes: https://example.org/checklist"
    DISPLAY=$display xdotool key --window "$window" Return
    # The window goes to the background (the focus to the root window) while the others talk:
    # what they say then is under the "New messages" line.
    DISPLAY=$display xdotool windowfocus "$(DISPLAY=$display xwininfo -root | awk '/Window id/ {print $4}')"
    sleep 3.5
    DISPLAY=$display xdotool windowfocus "$window"
    sleep 0.5
    DISPLAY=$display xdotool type --delay 20 "Looks good"
    sleep 0.5
    DISPLAY=$display import -window "$window" "$out"
    kill "$client" "$peers" "$server" 2>/dev/null || true
    wait "$client" "$peers" "$server" 2>/dev/null || true
    echo "wrote $out"
}

shoot light docs/screenshot.png
shoot dark docs/screenshot-dark.png
