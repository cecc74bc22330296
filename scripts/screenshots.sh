#!/usr/bin/env bash
# Takes the pictures in docs/ from a real session under Xvfb: chat-server, scripted peers speaking
# the feature "rooms" (scripts/screenshot_peers.py) and chat-client, driven with xdotool. One
# session per theme (light, then dark, "-dark" in the file name) gives three pictures:
#   screenshot.png               a room (#dev) with its topic, a "New messages" line, a mention,
#                                someone typing and a draft; the sidebar with unread and mention
#                                badges on the other rooms and a private conversation;
#   screenshot-private.png       the private conversation with bob;
#   screenshot-rooms-dialog.png  Rooms > Join or create a room… (Ctrl+J) over the window.
# Run it after a visible change to the client. SCREENSHOT_DISPLAY and SCREENSHOT_PORT choose the X
# display and the server's port (defaults :93 and 5293).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh xvfb imagemagick xdotool x11-utils
scripts/build.sh >/dev/null
bin=${BUILD_DIR:-build}

display=${SCREENSHOT_DISPLAY:-:93}
port=${SCREENSHOT_PORT:-5293}
width=1000 # the window; the screen is a little taller
height=660
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export DISPLAY=$display

fail() {
    echo "screenshots: $*" >&2
    exit 1
}

# Not someone else's display (the pictures would be of their screen).
! xdpyinfo >/dev/null 2>&1 || fail "$display is taken; choose another with SCREENSHOT_DISPLAY"
Xvfb "$display" -screen 0 1000x700x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
pids+=("$xvfb")

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

wait_title() {
    wait_until 15 window_titled "$1" || fail "no window titled /$1/"
}

# The main window with everything over it (the room dialog is a window of its own).
shoot() {
    import -window root -crop "${width}x${height}+0+0" +repage "$1"
    echo "wrote $1"
}

wait_until 10 xdpyinfo || fail "Xvfb did not start on $display"
kill -0 "$xvfb" 2>/dev/null || fail "Xvfb on $display exited"

session() { # theme suffix
    local theme=$1 suffix=$2
    local control="$work/$theme"
    mkdir -p "$control/config/QtChat"

    "$bin/server/chat-server" --host 127.0.0.1 --port "$port" --db :memory: >"$control/server.log" 2>&1 &
    local server=$!
    pids+=("$server")
    wait_until 10 grep -q "listening on" "$control/server.log" || fail "the server did not start"
    PYTHONDONTWRITEBYTECODE=1 python3 scripts/screenshot_peers.py "$port" "$control" &
    local peers=$!
    pids+=("$peers")
    wait_until 20 test -e "$control/ready" || fail "the peers did not get ready"

    # alice was in these rooms last time (ClientSettings: rooms/<host>_<port>_<name>).
    printf '[window]\ntheme=%s\n\n[rooms]\n127.0.0.1_%s_alice=design, dev, general, release\n' \
        "$theme" "$port" >"$control/config/QtChat/chat-client.conf"
    XDG_CONFIG_HOME="$control/config" LANG=en_GB.UTF-8 \
        "$bin/client/chat-client" --url "ws://127.0.0.1:$port/" --nick alice >"$control/client.log" 2>&1 &
    local client=$!
    pids+=("$client")
    wait_title "alice.*Chat"
    local window
    window=$(window_titled "alice.*Chat")
    xdotool windowsize "$window" "$width" "$height" windowmove "$window" 0 0
    wait_title "#general .*alice"
    xdotool windowfocus --sync "$window"
    xdotool key alt+Up # general -> dev (the sidebar is sorted by name)
    wait_title "#dev .*alice"

    sleep 0.3
    xdotool type --delay 20 "On it, after lunch. Notes: https://example.org/checklist"
    xdotool key Return
    # The window goes to the background (the focus to the root window) while the others talk:
    # what they say in #dev then is under the "New messages" line.
    xdotool windowfocus "$(xwininfo -root | awk '/Window id/ {print $4}')"
    sleep 0.5
    touch "$control/away"
    wait_until 20 test -e "$control/burst" || fail "the peers did not talk"
    sleep 0.5
    xdotool windowfocus --sync "$window"
    sleep 0.3
    xdotool type --delay 20 "Looks good"
    sleep 0.7
    shoot "docs/screenshot$suffix.png"

    xdotool key ctrl+k
    sleep 0.3
    xdotool type --delay 20 "bob"
    xdotool key Return
    wait_title "bob .*alice"
    sleep 0.3
    xdotool type --delay 20 "Sure, I'll renew it tomorrow morning and send the new fingerprint."
    xdotool key Return
    wait_until 20 test -e "$control/replied" || fail "bob did not answer"
    sleep 0.7
    shoot "docs/screenshot-private$suffix.png"

    xdotool key ctrl+k
    sleep 0.3
    xdotool type --delay 20 "dev"
    xdotool key Return
    wait_title "#dev .*alice"
    xdotool key ctrl+j
    wait_title "^Join or create a room"
    sleep 1 # the list of the server's rooms arrives
    # The busiest first: general, dev, design, random (one alice is not in: "Join “random”").
    xdotool key Down Down Down Down
    sleep 0.3
    shoot "docs/screenshot-rooms-dialog$suffix.png"

    touch "$control/done"
    kill "$client" "$server" 2>/dev/null || true
    wait "$client" "$server" "$peers" 2>/dev/null || true
}

session light ""
session dark "-dark"
