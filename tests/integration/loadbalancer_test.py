#!/usr/bin/env python3
"""chat-server behind the load balancer configurations shipped in resources/loadbalancer/, run
as shipped (a copy with only the ports replaced) by real HAProxy and nginx processes in front of
three real chat-server processes, each trusting the balancer (server/trusted_proxies).

Proves: clients join and chat through each balancer (WebSocket upgrade), spread over the
instances (leastconn); each instance counts a client by its real address (its source on
127.0.0.0/8), so one connection per address is one per address per instance, however many
pass through the one balancer address, and neither a forged X-Forwarded-For through the
balancer nor a forged header sent to an instance directly changes that; an instance told to
stop (SIGTERM) fails HAProxy's health check and leaves the rotation before it closes its
clients (1001), which then come back through the balancer to a live instance (nginx: a stopped
instance is skipped); the PROXY protocol in front of an instance's own TLS (pass-through).

Usage: loadbalancer_test.py PATH/TO/chat-server
Exits 77 (skipped) when haproxy, nginx or openssl is missing: scripts/deps.sh installs them.
"""
import os
import re
import shutil
import signal
import socket
import ssl
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "thirdparty"))
from protocol_client import Client, check  # noqa: E402  (framing written from docs/protocol.md)
from loadbalancer_processes import (  # noqa: E402
    DRAIN_DELAY_MS, INSTANCES, http_get, make_certificate, start_haproxy, start_instances,
    start_nginx, stop_all, wait_for)

SKIPPED = 77


class Peer(Client):
    """A WebSocket client from a chosen source address (any of 127.0.0.0/8), optionally over
    TLS, with extra request headers or raw bytes (a forged PROXY header) before the request.
    `upgraded` tells whether the server answered 101; `status` is the answer's first line."""

    def __init__(self, port, source, headers=b"", prefix=b"", tls=None, timeout=10.0):
        self.buffer = b""
        raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        raw.settimeout(timeout)
        raw.bind((source, 0))
        raw.connect(("127.0.0.1", port))
        self.sock = raw
        self.upgraded = False
        self.status = ""
        try:
            raw.sendall(prefix)
            if tls is not None:
                self.sock = tls.wrap_socket(raw, server_hostname="localhost")
            self.sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                              b"Connection: Upgrade\r\n"
                              b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                              b"Sec-WebSocket-Version: 13\r\n" + headers + b"\r\n")
            response = b""
            while b"\r\n\r\n" not in response:
                chunk = self.sock.recv(4096)
                if not chunk:
                    break
                response += chunk
        except (ssl.SSLError, ConnectionError) as error:
            self.status = f"no answer: {error}"
            self.sock.close()
            return
        head, _, self.buffer = response.partition(b"\r\n\r\n")
        self.status = head.split(b"\r\n")[0].decode(errors="replace")
        self.upgraded = head.startswith(b"HTTP/1.1 101")
        if not self.upgraded:
            self.sock.close()


def joined(instances):
    return [instance.gauge("chat_joined_users") for instance in instances]


def wait_idle(instances):
    # The request for the metrics is the one connection left (a health check may be another).
    wait_for(lambda: all(instance.gauge("chat_connections") == 1 for instance in instances),
             10, "every instance without clients")


def close_all(peers, instances):
    for peer in peers:
        peer.close()
    wait_idle(instances)


def chat_through(port, instances, source_base, tls=None):
    """Four clients: leastconn gives the first three an instance each (each join sees itself
    alone); the fourth shares one, and those two chat."""
    peers, acks = [], []
    for i in range(4):
        peer = Peer(port, f"127.0.0.{source_base + i}", tls=tls)
        check(peer.upgraded, f"client {i} upgraded through the balancer: {peer.status}")
        acks.append(peer.join(f"user{i}")["data"])
        peers.append(peer)
    check([len(ack["users"]) for ack in acks[:3]] == [1, 1, 1],
          "leastconn: the first three clients are on three instances")
    check(sorted(joined(instances)) == [1, 1, 2], "the fourth shares an instance")
    names = [user["name"] for user in acks[3]["users"] if user["name"] != "user3"]
    check(len(names) == 1, f"the fourth sees the one beside it: {names}")
    partner = peers[int(names[0][len("user"):])]
    check(partner.recv()["event"] == "user connected", "the partner sees it come")
    peers[3].send({"event": "message", "data": {"text": "through the balancer"}, "id": 2})
    check(peers[3].recv()["id"] == 2, "its message is acknowledged")
    check(partner.recv()["data"]["message"] == "through the balancer", "and relayed")
    close_all(peers, instances)


def count_by_address(port, instances, source, headers=b"", tls=None):
    """With one connection per address on each instance, connections from one source address
    through the balancer: leastconn gives the first one to each instance, and every instance
    refuses the next, whatever the connection says about itself."""
    peers = [Peer(port, source, headers=headers, tls=tls) for _ in range(INSTANCES + 2)]
    outcome = [peer.upgraded for peer in peers]
    check(outcome == [True] * INSTANCES + [False, False],
          f"from {source}: one connection per instance, then refused ({outcome}, "
          f"{[peer.status for peer in peers]})")
    other = Peer(port, "127.0.0.99", tls=tls)
    check(other.upgraded, "meanwhile another address gets in")
    close_all([p for p in peers if p.upgraded] + [other], instances)


def spoofing_directly(instance):
    """Straight to an instance, not through the balancer: a forged X-Forwarded-For or PROXY
    header is not believed."""
    first = Peer(instance.port, "127.0.0.5", headers=b"X-Forwarded-For: 10.9.9.9\r\n")
    check(first.upgraded, "direct with a forged X-Forwarded-For: served")
    second = Peer(instance.port, "127.0.0.5", headers=b"X-Forwarded-For: 10.9.9.8\r\n")
    check(second.status.startswith("HTTP/1.1 503"),
          f"...but counted as its real address 127.0.0.5: a second one is refused "
          f"({second.status})")
    for name, header in (("v1", b"PROXY TCP4 10.9.9.9 127.0.0.1 40000 5220\r\n"),
                         ("v2", b"\r\n\r\n\0\r\nQUIT\n\x21\x11\x00\x0c\x0a\x09\x09\x09"
                                b"\x7f\x00\x00\x01\x9c\x40\x14\x64")):
        forged = Peer(instance.port, "127.0.0.6", prefix=header)
        check(not forged.upgraded, f"direct with a forged PROXY {name} header: no upgrade "
                                   f"({forged.status})")
    close_all([first], [instance])


def drain(port, balancer, instances, down_pattern):
    """alice on one instance, bob and carol on the others; SIGTERM alice's: /healthz turns 503
    at once; after the drain delay alice is closed with 1001 and comes back through the
    balancer to a live instance. The drained instance, holding nobody, is then the one
    leastconn would choose: alice gets in only if the balancer has taken it out."""
    alice = Peer(port, "127.0.0.21")
    check(alice.join("alice")["event"] == "ack", "alice joins")
    home = next(i for i in instances if i.gauge("chat_joined_users") == 1)
    others = [i for i in instances if i is not home]
    bob, carol = Peer(port, "127.0.0.22"), Peer(port, "127.0.0.23")
    bob.join("bob")
    carol.join("carol")
    check(joined(instances) == [1, 1, 1], "bob and carol are on the two other instances")

    before = len(balancer.read_log())
    started = time.monotonic()
    home.process.send_signal(signal.SIGTERM)
    check(wait_for(lambda: http_get(home.port, "/healthz")[0] == 503, 2, "healthz 503"),
          "the stopping instance answers /healthz 503 at once")
    if down_pattern:
        pattern = down_pattern % (instances.index(home) + 1)
        down = wait_for(lambda: re.search(pattern + ".*", balancer.read_log()[before:]),
                        DRAIN_DELAY_MS / 1000, "HAProxy marks the instance down")
        noticed = time.monotonic() - started
        check(noticed < DRAIN_DELAY_MS / 1000,
              f"HAProxy took it out after {noticed:.1f} s, before the drain delay "
              f"({DRAIN_DELAY_MS} ms) ends: {down.group(0)}")
    alice.sock.settimeout(DRAIN_DELAY_MS / 1000 + 10)
    code = alice.expect_close()
    closed_after = time.monotonic() - started
    check(code == 1001, f"alice is closed with 1001 after {closed_after:.1f} s")
    check(closed_after >= DRAIN_DELAY_MS / 1000 * 0.9, "not before the drain delay")
    again = Peer(port, "127.0.0.21")
    check(again.upgraded, f"alice reconnects through the balancer: {again.status}")
    check(again.join("alice")["event"] == "ack", "and joins again")
    check(home.process.wait(timeout=15) == 0, "the stopped instance exits 0")
    check(sorted(joined(others)) == [1, 2], "alice is on a live instance")
    newcomer = Peer(port, "127.0.0.24")
    check(newcomer.upgraded, "a newcomer gets in as well")
    close_all([again, bob, carol, newcomer], others)


def run_haproxy(server_path, work):
    print("# HAProxy, resources/loadbalancer/haproxy.cfg (PROXY protocol v2)")
    instances, balancer = [], None
    try:
        start_instances(server_path, work, instances)
        balancer, port = start_haproxy(work, "haproxy.cfg", instances)
        check(http_get(port, "/metrics")[0] == 403, "/metrics is not served through it")
        chat_through(port, instances, 11)
        count_by_address(port, instances, "127.0.0.2")
        logs = "".join(instance.read_log() for instance in instances)
        check(re.search(r'refusing "?127\.0\.0\.2"? \(through the proxy "?127\.0\.0\.1', logs),
              "the instances' logs name the client's address, not the balancer's")
        count_by_address(port, instances, "127.0.0.4", headers=b"X-Forwarded-For: 10.9.9.9\r\n")
        spoofing_directly(instances[0])
        drain(port, balancer, instances, r"Server chat_servers/chat%d is DOWN")
        codes = stop_all(balancer, instances)
        check(codes == [0] * INSTANCES, f"SIGTERM: every instance exits 0 ({codes})")
    finally:
        stop_all(balancer, instances)


def run_haproxy_tls(server_path, work):
    print("# HAProxy, resources/loadbalancer/haproxy-tls-passthrough.cfg (PROXY v2, then TLS)")
    instances, balancer = [], None
    try:
        start_instances(server_path, work, instances, make_certificate(work))
        tls = instances[0].tls
        balancer, port = start_haproxy(work, "haproxy-tls-passthrough.cfg", instances, tls)
        chat_through(port, instances, 31, tls=tls)
        count_by_address(port, instances, "127.0.0.3", tls=tls)
        logs = "".join(instance.read_log() for instance in instances)
        check(re.search(r'refusing "?127\.0\.0\.3"? \(through the proxy "?127\.0\.0\.1', logs),
              "over TLS too, the instances count the client's address")
        codes = stop_all(balancer, instances)
        check(codes == [0] * INSTANCES, f"SIGTERM: every instance exits 0 ({codes})")
    finally:
        stop_all(balancer, instances)


def run_nginx(server_path, work):
    print("# nginx, resources/loadbalancer/nginx-chat.conf (X-Forwarded-For)")
    instances, balancer = [], None
    try:
        start_instances(server_path, work, instances)
        balancer, port = start_nginx(work, instances)
        check(http_get(port, "/metrics")[0] == 403, "/metrics is not served through it")
        chat_through(port, instances, 41)
        count_by_address(port, instances, "127.0.0.2")
        # nginx appends the client's address to its forged header: the rightmost counts.
        count_by_address(port, instances, "127.0.0.4", headers=b"X-Forwarded-For: 10.9.9.9\r\n")
        # No active checks: the stopped instance is found refusing connections, and skipped.
        drain(port, balancer, instances, None)
        check("Connection refused) while connecting to upstream" in balancer.read_log(),
              "nginx found the stopped instance refusing, and went on to the next")
        codes = stop_all(balancer, instances)
        check(codes == [0] * INSTANCES, f"SIGTERM: every instance exits 0 ({codes})")
    finally:
        stop_all(balancer, instances)


def main(server_path):
    missing = [tool for tool in ("haproxy", "nginx", "openssl") if not shutil.which(tool)]
    if missing:
        print(f"SKIPPED: {', '.join(missing)} not installed (scripts/deps.sh installs them)")
        return SKIPPED
    with tempfile.TemporaryDirectory(prefix="chat-lb-") as work:
        for run in (run_haproxy, run_haproxy_tls, run_nginx):
            directory = os.path.join(work, run.__name__)
            os.makedirs(directory)
            try:
                run(server_path, directory)
            except Exception:
                for root, _, names in os.walk(directory):
                    for name in sorted(n for n in names if n.endswith((".log", ".out"))):
                        with open(os.path.join(root, name)) as f:
                            print(f"--- {name}\n{f.read()[-3000:]}")
                raise
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
