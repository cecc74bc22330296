#!/usr/bin/env bash
# The Debian packages, made from this build with CPack as scripts/package.sh makes them: what
# each holds (binary, unit, conffile, maintainer scripts, dependencies), and the packaged server
# started from the unpacked package: it serves, its account command works on its database, and
# SIGTERM stops it cleanly. (Installing with dpkg would change this machine: the package is
# unpacked into a directory of its own instead.)
# Usage: package_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "FAIL - $*" >&2; exit 1; }
ok() { echo "ok - $*"; }

cpack -G DEB -B "$work/out" --config "$build/CPackConfig.cmake" > "$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log"; fail "cpack"; }
server_deb=$(ls "$work"/out/chat-server_*.deb)
client_deb=$(ls "$work"/out/chat-client_*.deb)
ok "cpack made $(basename "$server_deb") and $(basename "$client_deb")"

contents() { dpkg-deb -c "$1" | awk '{print $6}'; }
for path in ./usr/bin/chat-server ./usr/lib/systemd/system/chat-server.service \
            ./etc/chat-server/chat-server.ini ./usr/share/doc/chat-server/README.md \
            ./usr/share/doc/chat-server/deploy.md \
            ./usr/share/doc/chat-server/examples/haproxy.cfg \
            ./usr/share/doc/chat-server/examples/haproxy-tls-passthrough.cfg \
            ./usr/share/doc/chat-server/examples/nginx-chat.conf; do
    contents "$server_deb" | grep -qx "$path" || fail "chat-server holds $path"
done
ok "chat-server holds the binary, the unit, the sample configuration, the docs and the load balancer examples"
for path in ./usr/bin/chat-client ./usr/share/applications/chat-client.desktop \
            ./usr/share/icons/hicolor/scalable/apps/chat-client.svg; do
    contents "$client_deb" | grep -qx "$path" || fail "chat-client holds $path"
done
ok "chat-client holds the binary, the .desktop file and the icon"
contents "$client_deb" | grep -q chat-server && fail "the client package holds nothing of the server"
contents "$server_deb" | grep -q chat-client && fail "the server package holds nothing of the client"

[ "$(dpkg-deb -f "$server_deb" Package)" = chat-server ] || fail "package name chat-server"
depends=$(dpkg-deb -f "$server_deb" Depends)
for dep in adduser libqt6sql6-sqlite libqt6websockets6 libsodium23; do
    grep -q "$dep" <<<"$depends" || fail "chat-server depends on $dep: $depends"
done
ok "chat-server depends on its libraries, the SQLite driver and adduser"
[ "$(dpkg-deb -f "$server_deb" Recommends)" = libqt6sql6-psql ] ||
    fail "chat-server recommends the PostgreSQL driver (optional: --db postgresql://)"
ok "chat-server recommends libqt6sql6-psql"
client_depends=$(dpkg-deb -f "$client_deb" Depends)
for dep in qt6-qpa-plugins libqt6widgets6 libqt6svg6; do
    grep -q "$dep" <<<"$client_depends" || fail "chat-client depends on $dep: $client_depends"
done
ok "chat-client depends on its libraries and the platform plugins"

mkdir "$work/control"
dpkg-deb -e "$server_deb" "$work/control"
grep -qx /etc/chat-server/chat-server.ini "$work/control/conffiles" ||
    fail "the configuration is a conffile (an operator's edits survive upgrades)"
for script in postinst prerm postrm; do
    [ -x "$work/control/$script" ] || fail "$script is executable"
    sh -n "$work/control/$script" || fail "$script parses"
done
grep -q "adduser --system" "$work/control/postinst" || fail "postinst makes the system user"
ok "conffile and maintainer scripts"

root="$work/root"
dpkg-deb -x "$server_deb" "$root"
unit="$root/usr/lib/systemd/system/chat-server.service"
grep -qx "ExecStart=/usr/bin/chat-server --config /etc/chat-server/chat-server.ini --db /var/lib/chat-server/chat.db" "$unit" ||
    fail "the unit starts the packaged binary: $(grep ExecStart "$unit")"
grep -qx "User=chat-server" "$unit" && grep -qx "StateDirectory=chat-server" "$unit" ||
    fail "the unit runs as chat-server with its state directory"
ok "the unit runs /usr/bin/chat-server as chat-server on /var/lib/chat-server"

# The packaged binary, with the packaged configuration, on a database of the test's own.
binary="$root/usr/bin/chat-server"
[ "$("$binary" --version)" = "chat-server $(dpkg-deb -f "$server_deb" Version)" ] ||
    fail "--version says the package's version"
echo "operator-secret-1" | "$binary" account add root-admin --role admin --db "$work/chat.db" \
    > "$work/account.log" 2>&1 || { cat "$work/account.log"; fail "account add"; }
"$binary" --config "$root/etc/chat-server/chat-server.ini" --db "$work/chat.db" \
    --host 127.0.0.1 --port 0 > "$work/server.out" 2> "$work/server.err" &
server_pid=$!
for _ in $(seq 100); do
    grep -q '^listening on ws://127.0.0.1:' "$work/server.out" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.err"; fail "the server started"; }
    sleep 0.1
done
grep -q '^listening on ws://127.0.0.1:' "$work/server.out" || fail "the server listens"
"$binary" account list --db "$work/chat.db" > "$work/list.log" 2>&1 ||
    { cat "$work/list.log"; fail "account list beside the running server"; }
grep -q "root-admin" "$work/list.log" || fail "account list shows the account"
kill -TERM "$server_pid"
wait "$server_pid" || fail "SIGTERM: exit code 0"
server_pid=
ok "the packaged server serves with the packaged configuration and stops on SIGTERM"
