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
script=screenshots
default_display=:93
default_port=5293
screen=1000x700x24
source scripts/screenshot-session.sh
width=1000 # the window; the screen is a little taller
height=660

wait_title() {
    wait_until 15 window_titled "$1" || fail "no window titled /$1/"
}

# The main window with everything over it (the room dialog is a window of its own).
shoot() {
    import -window root -crop "${width}x${height}+0+0" +repage "$1"
    echo "wrote $1"
}

start_xvfb

session() { # theme suffix
    local theme=$1 suffix=$2
    start_session "$theme" scripts/screenshot_peers.py "design, dev, general, release"
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

    end_session
}

session light ""
session dark "-dark"
