#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the build needs, when they are missing.
# Usage: scripts/deps.sh [extra-package ...]
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-websockets-dev libgl-dev
    libicu-dev          # names: NFKC case folding and the UTS #39 confusable skeleton
    libqt6sql6-sqlite   # durable history (Qt SQL's SQLite driver)
    libqt6sql6-psql     # ... or in PostgreSQL (--db postgresql://...; Qt SQL's QPSQL driver)
    postgresql postgresql-common # the tests' throwaway PostgreSQL clusters (pg_virtualenv)
    libqt6svg6          # the SVG icon engine for the client's icons
    qt6-tools-dev qt6-l10n-tools # qt_add_translations (lupdate, lrelease) for the client
    python3             # the third-party protocol client used by the tests
    openssl             # the TLS tests make a certificate
    libsodium-dev       # accounts: Argon2id password hashes (crypto_pwhash_str)
    dpkg-dev file       # the Debian packages: dpkg-shlibdeps finds their dependencies
    qtkeychain-qt6-dev  # the client remembers passwords in the system's keychain
    libsecret-1-0       # ... QtKeychain reaches the Secret Service through it (loaded at run time)
    gnome-keyring dbus-bin # a real Secret Service for the keychain test (dbus-run-session)
    libhiredis-dev      # cluster mode: the Redis client (hiredis 0.14, async, on our Qt adapter)
    redis-server        # ... and a real Redis for its tests
    haproxy nginx       # the load balancer test runs the shipped configs (processes of its own)
    chromium            # the browser client's tests: Debian's chromium driven by puppeteer-core
    qt6-positioning-dev libqt6positioning6-plugins # the client's "Share my location" (Qt Positioning)
    "$@"
)
# ... and node with npm: Debian's, unless the machine has them already (NodeSource's nodejs
# bundles npm and conflicts with Debian's npm package).
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
# The browser tests' npm packages (tests/browser/package-lock.json: puppeteer-core, which uses
# the chromium above and downloads no browser), once node and npm are there.
browser_test_packages() {
    local dir
    dir="$(dirname "$0")/../tests/browser"
    [ -d "$dir/node_modules/puppeteer-core" ] && return 0
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
}

[ ${#missing[@]} -eq 0 ] && { browser_test_packages; exit 0; }

echo "Installing: ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
# Packages with a service (nginx, haproxy) start it when installed. In a container without an
# init system there is nothing to run it (and nginx's would take port 80): unless the machine
# says otherwise already (/usr/sbin/policy-rc.d), forbid starts for this install only. The
# tests run their own processes.
if [ ! -d /run/systemd/system ] && [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# scripts/deps.sh: no services started while it installs\nexit 101\n' |
        "${sudo[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo[@]}" chmod 755 /usr/sbin/policy-rc.d
    trap '"${sudo[@]}" rm -f /usr/sbin/policy-rc.d' EXIT
fi
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
browser_test_packages
