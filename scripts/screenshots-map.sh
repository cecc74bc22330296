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
script=screenshots-map
default_display=:94
default_port=5294
screen=1000x800x24
source scripts/screenshot-session.sh
width=1000
height=760
# Where alice clicks (screen pixels): Lisbon on the map of a window of this size at 0,0.
click_x=${MAP_CLICK_X:-486}
click_y=${MAP_CLICK_Y:-538}
start_xvfb

session() { # theme
    local theme=$1
    start_session "$theme" scripts/screenshot_map_peers.py general
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
    end_session
}

mkdir -p docs/screenshots
session light
session dark
