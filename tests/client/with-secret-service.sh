#!/bin/sh
# Runs a test program against a real Secret Service: a D-Bus session bus of its own
# (dbus-run-session) with gnome-keyring-daemon on it, whose keyring lives in a throwaway home and
# is unlocked with a throwaway password, so the test never sees the keychain of whoever runs it.
# Works as root without a terminal (as CI runs). Usage: with-secret-service.sh PROGRAM [ARGS...]
set -eu
for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || { echo "with-secret-service.sh: $tool is missing (scripts/deps.sh installs it)" >&2; exit 1; }
done
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -m 700 "$home/run"
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
    XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/run"
unset DISPLAY WAYLAND_DISPLAY XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION
# shellcheck disable=SC2016 # expanded by the inner shell
dbus-run-session -- sh -c '
    printf "throwaway keyring password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"' with-secret-service "$@" </dev/null
