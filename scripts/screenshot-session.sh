# shellcheck shell=bash disable=SC2154 # script, screen and the defaults: set by the sourcing script
# Sourced by scripts/screenshots.sh and scripts/screenshots-map.sh, which take pictures of
# chat-client in a real session under Xvfb: chat-server, scripted peers (scripts/screenshot_peer.py)
# and the client as alice, driven with xdotool. Before sourcing, set `script` (the name in
# messages), `default_display`, `default_port` and `screen` (Xvfb's WIDTHxHEIGHTxDEPTH).
# SCREENSHOT_DISPLAY and SCREENSHOT_PORT override the defaults; KEEP_WORK=1 keeps the logs.

display=${SCREENSHOT_DISPLAY:-$default_display}
port=${SCREENSHOT_PORT:-$default_port}
bin=${BUILD_DIR:-build}
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [ -n "${KEEP_WORK:-}" ]; then echo "logs in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
export DISPLAY=$display

fail() {
    echo "$script: $*" >&2
    exit 1
}

# Runs "$@" every 0.1 s until it succeeds, at most $1 seconds.
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

# The client's main window, once its title (a regular expression) says what it shows:
# "#dev — alice — Chat", "(2) bob — alice — Chat".
window_titled() {
    xdotool search --onlyvisible --name "$1" | head -1 | grep .
}

start_xvfb() {
    # Not someone else's display (the pictures would be of their screen).
    ! xdpyinfo >/dev/null 2>&1 || fail "$display is taken; choose another with SCREENSHOT_DISPLAY"
    Xvfb "$display" -screen 0 "$screen" -nolisten tcp >/dev/null 2>&1 &
    local xvfb=$!
    pids+=("$xvfb")
    wait_until 10 xdpyinfo || fail "Xvfb did not start on $display"
    kill -0 "$xvfb" 2>/dev/null || fail "Xvfb on $display exited"
}

# A session in $work/THEME (its `control` directory): chat-server, then the peers (PEERS PORT
# CONTROL) until they write CONTROL/ready, then chat-client as alice in THEME, who was in ROOMS
# last time (ClientSettings: rooms/<host>_<port>_<name>). Sets control, server, peers, client.
start_session() { # THEME PEERS ROOMS
    local theme=$1 peer_script=$2 rooms=$3
    control="$work/$theme"
    mkdir -p "$control/config/QtChat"
    "$bin/server/chat-server" --host 127.0.0.1 --port "$port" --db :memory: >"$control/server.log" 2>&1 &
    server=$!
    pids+=("$server")
    wait_until 10 grep -q "listening on" "$control/server.log" || fail "the server did not start"
    PYTHONDONTWRITEBYTECODE=1 python3 "$peer_script" "$port" "$control" &
    peers=$!
    pids+=("$peers")
    wait_until 20 test -e "$control/ready" || fail "the peers did not get ready"
    printf '[window]\ntheme=%s\n\n[rooms]\n127.0.0.1_%s_alice=%s\n' "$theme" "$port" "$rooms" \
        >"$control/config/QtChat/chat-client.conf"
    XDG_CONFIG_HOME="$control/config" LANG=en_GB.UTF-8 \
        "$bin/client/chat-client" --url "ws://127.0.0.1:$port/" --nick alice >"$control/client.log" 2>&1 &
    client=$!
    pids+=("$client")
}

# The peers leave (CONTROL/done), the client and the server stop.
end_session() {
    touch "$control/done"
    kill "$client" "$server" 2>/dev/null || true
    wait "$client" "$server" "$peers" 2>/dev/null || true
}
