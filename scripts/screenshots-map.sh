#!/usr/bin/env bash
# Takes docs/screenshots/desktop-map-light.png and desktop-map-dark.png from a real session under
# Xvfb: chat-server, four scripted peers in #general who share their locations
# (scripts/screenshot_map_peers.py) and chat-client as alice, who opens the map (Map → Show map),
# chooses Map → Share my location (Xvfb has no position source, so she clicks her point on the
# map: Lisbon) and is seen with the others. SCREENSHOT_DISPLAY and SCREENSHOT_PORT choose the X
# display and the server's port (defaults :94 and 5294).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh xvfb imagemagick xdotool x11-utils >/dev/null
bin=${BUILD_DIR:-build}

display=${SCREENSHOT_DISPLAY:-:94}
port=${SCREENSHOT_PORT:-5294}
width=1000
height=760
# Where alice clicks (screen pixels): Lisbon on the map of a window of this size at 0,0.
click_x=${MAP_CLICK_X:-486}
click_y=${MAP_CLICK_Y:-538}
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
export DISPLAY=$display

fail() {
    echo "screenshots-map: $*" >&2
    exit 1
}

! xdpyinfo >/dev/null 2>&1 || fail "$display is taken; choose another with SCREENSHOT_DISPLAY"
Xvfb "$display" -screen 0 1000x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=("$!")

wait_until() {
    local seconds=$1
    shift
    local tries=$((seconds * 10))
    while ! "$@" >/dev/null 2>&1; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || return 1
        sleep 0.1
    done
}
window_titled() {
    xdotool search --onlyvisible --name "$1" | head -1 | grep .
}
wait_until 10 xdpyinfo || fail "Xvfb did not start on $display"

session() { # theme suffix
    local theme=$1
    local control="$work/$theme"
    mkdir -p "$control/config/QtChat"
    "$bin/server/chat-server" --host 127.0.0.1 --port "$port" --db :memory: >"$control/server.log" 2>&1 &
    local server=$!
    pids+=("$server")
    wait_until 10 grep -q "listening on" "$control/server.log" || fail "the server did not start"
    PYTHONDONTWRITEBYTECODE=1 python3 scripts/screenshot_map_peers.py "$port" "$control" &
    local peers=$!
    pids+=("$peers")
    wait_until 20 test -e "$control/ready" || fail "the peers did not get ready"

    printf '[window]\ntheme=%s\n\n[rooms]\n127.0.0.1_%s_alice=general\n' "$theme" "$port" \
        >"$control/config/QtChat/chat-client.conf"
    XDG_CONFIG_HOME="$control/config" LANG=en_GB.UTF-8 \
        "$bin/client/chat-client" --url "ws://127.0.0.1:$port/" --nick alice >"$control/client.log" 2>&1 &
    local client=$!
    pids+=("$client")
    wait_until 30 window_titled "#general .*alice" || fail "no window of alice in #general"
    local window
    window=$(window_titled "#general .*alice")
    xdotool windowsize "$window" "$width" "$height" windowmove "$window" 0 0
    xdotool windowfocus --sync "$window"
    sleep 0.5
    xdotool key ctrl+shift+m # Map → Show map
    sleep 0.5
    xdotool key alt+p s # Map → Share my location: no position comes here, so a click picks it
    # The system's source (geoclue, when installed) gets its time to answer first (15 s).
    wait_until 20 grep -q "no position:" "$control/client.log" || fail "still looking for a position"
    sleep 0.5
    xdotool mousemove "$click_x" "$click_y" click 1
    sleep 0.3
    xdotool mousemove 990 750 # the pointer out of the picture
    sleep 1
    import -window root -crop "${width}x${height}+0+0" +repage "docs/screenshots/desktop-map-$theme.png"
    echo "wrote docs/screenshots/desktop-map-$theme.png"
    touch "$control/done"
    kill "$client" "$server" 2>/dev/null || true
    wait "$client" "$server" "$peers" 2>/dev/null || true
}

mkdir -p docs/screenshots
session light
session dark
