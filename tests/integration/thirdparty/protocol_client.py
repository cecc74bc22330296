#!/usr/bin/env python3
"""A third-party client written from docs/protocol.md alone, with nothing but the Python
standard library (its own RFC 6455 framing). It starts chat-server, walks through every row of
the protocol, and exits non-zero on the first difference.

Usage: protocol_client.py PATH/TO/chat-server
"""
import base64
import hashlib
import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import time

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class Closed(Exception):
    def __init__(self, code, reason):
        super().__init__(f"closed {code} {reason!r}")
        self.code = code
        self.reason = reason


class Client:
    def __init__(self, port, timeout=5.0):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        key = base64.b64encode(os.urandom(16))
        self.sock.sendall(b"GET /chat HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\n"
                          b"Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
                          b"Sec-WebSocket-Version: 13\r\n\r\n" % (port, key))
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise AssertionError("handshake: connection closed")
            response += chunk
        head, self.buffer = response.split(b"\r\n\r\n", 1)
        assert head.startswith(b"HTTP/1.1 101"), head
        accept = base64.b64encode(hashlib.sha1(key + GUID).digest())
        assert b"sec-websocket-accept: " + accept.lower() in head.lower(), head

    # ---- framing -------------------------------------------------------------------------
    def send_frame(self, opcode, payload, fin=True, chunks=1):
        header = bytes([(0x80 if fin else 0) | opcode])
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack("!H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", n)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        data = header + mask + masked
        if chunks == 1:
            self.sock.sendall(data)
        else:  # one frame in many TCP writes
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            step = max(1, len(data) // chunks)
            for i in range(0, len(data), step):
                self.sock.sendall(data[i:i + step])
                time.sleep(0.001)

    def send(self, obj, **kw):
        self.send_frame(0x1, json.dumps(obj).encode(), **kw)

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise Closed(1006, "connection dropped")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            assert not (b1 & 0x80), "server frames are never masked"
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read(8))[0]
            payload = self._read(n)
            opcode = b0 & 0x0F
            if opcode == 0x8:
                code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else 1005
                raise Closed(code, payload[2:].decode(errors="replace"))
            if opcode == 0x9:
                self.send_frame(0xA, payload)
                continue
            if opcode == 0x2:
                raise AssertionError("the server sent a binary frame")
            message += payload
            if b0 & 0x80:
                return json.loads(message.decode())

    def expect_close(self):
        try:
            while True:
                self.recv()
        except Closed as closed:
            return closed.code

    def join(self, name, id=1):
        self.send({"event": "join", "data": {"name": name}, "id": id})
        return self.recv()

    def close(self):
        self.sock.close()


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print("ok -", what)


def main(server_path):
    server = subprocess.Popen([server_path, "--host", "127.0.0.1", "--port", "0", "--db", ":memory:"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline().strip()
        match = re.fullmatch(r"listening on ws://127\.0\.0\.1:(\d+)/", line)
        check(match is not None, f"server prints its address: {line!r}")
        run(int(match.group(1)))
        server.send_signal(signal.SIGTERM)
        check(server.wait(timeout=10) == 0, "SIGTERM: exit code 0")
    finally:
        if server.poll() is None:
            server.kill()


def run(port):
    alice = Client(port)
    ack = alice.join("  alice ", id=1)
    data = ack["data"]
    check(ack["event"] == "ack" and ack["id"] == 1 and "error" not in ack, "join is acked")
    check(set(data) >= {"key", "token", "users", "history"}, "join ack fields")
    check(data["users"] == [{"key": data["key"], "name": "alice"}], "users: the new one, trimmed")
    check(data["history"] == [], "history starts empty")
    check(len(data["key"]) >= 16 and len(data["token"]) >= 16 and data["key"] != data["token"],
          "key and token are long random strings")
    alice_key = data["key"]

    bob = Client(port)
    refused = bob.join("ALICE", id=7)
    check(refused["id"] == 7 and refused["error"]["code"] == "name_taken", "name_taken ignores case")
    check(bob.join("", id=8)["error"]["code"] == "invalid_name", "invalid_name: empty")
    check(bob.join("x" * 33, id=9)["error"]["code"] == "invalid_name", "invalid_name: 33 chars")
    check(bob.join("a\u0001b", id=10)["error"]["code"] == "invalid_name", "invalid_name: control")
    bob.send({"event": "message", "data": {"text": "hi"}, "id": 11})
    check(bob.recv()["error"]["code"] == "not_joined", "not_joined before join")
    bob_ack = bob.join("bob", id=12)["data"]
    check(len(bob_ack["users"]) == 2, "users lists both")
    check(bob.join("bob2", id=13)["error"]["code"] == "already_joined", "already_joined")
    check(alice.recv() == {"event": "user connected", "data": {"key": bob_ack["key"], "name": "bob"}},
          "user connected reaches the others")

    t0 = int(time.time() * 1000)
    alice.send({"event": "message", "data": {"text": "<b>hello</b>"}, "id": 2})
    msg_ack = alice.recv()
    check(msg_ack["id"] == 2 and set(msg_ack["data"]) == {"id", "ts"}, "message ack {id, ts}")
    check(abs(msg_ack["data"]["ts"] - t0) < 5000, "ts is the server's clock in ms")
    relayed = bob.recv()
    check(relayed == {"event": "new chat msg", "data": {
        "id": msg_ack["data"]["id"], "key": alice_key, "sender": "alice",
        "message": "<b>hello</b>", "ts": msg_ack["data"]["ts"]}}, "new chat msg to the others")

    for text, code in (("   ", "invalid_message"), ("x" * 4001, "too_long"),
                       ("é" * 2001, "too_long")):
        alice.send({"event": "message", "data": {"text": text}, "id": 3})
        check(alice.recv()["error"]["code"] == code, f"message refused: {code}")
    alice.send({"event": "message", "data": {"text": "   "}})
    err = alice.recv()
    check(err["event"] == "error" and err["data"]["code"] == "invalid_message"
          and "id" not in err, "failure without id: an error event")

    for frame, code, with_id in ((b"not json", "bad_request", False),
                                 (b"[1]", "bad_request", False),
                                 (b'{"data":1,"id":4}', "bad_request", True),
                                 (b'{"event":"join","data":{"name":"z"},"id":1.5}', "bad_request", False),
                                 (b'{"event":"join","data":{"name":"z"},"id":-3}', "bad_request", False),
                                 (b'{"event":"join","data":{"name":"z"},"id":"x"}', "bad_request", False),
                                 (b'{"event":"join","data":{"name":"z"},"id":1e300}', "bad_request", False),
                                 (b'{"event":"join","data":"z","id":5}', "bad_request", True),
                                 (b'{"event":"nope","id":6}', "unknown_event", True),
                                 (b'{"event":"nope"}', "unknown_event", False)):
        alice.send_frame(0x1, frame)
        answer = alice.recv()
        error = answer["error"] if with_id else answer["data"]
        check(answer["event"] == ("ack" if with_id else "error") and error["code"] == code,
              f"{frame.decode()} -> {code}")

    # Fragmented message (text frame + continuation) and a frame split over many TCP writes.
    payload = json.dumps({"event": "message", "data": {"text": "in pieces"}, "id": 20}).encode()
    alice.send_frame(0x1, payload[:10], fin=False)
    alice.send_frame(0x0, payload[10:20], fin=False)
    alice.send_frame(0x0, payload[20:], fin=True)
    check(alice.recv()["id"] == 20, "fragmented message is reassembled")
    check(bob.recv()["data"]["message"] == "in pieces", "and relayed")
    alice.send({"event": "message", "data": {"text": "trickled"}, "id": 21}, chunks=40)
    check(alice.recv()["id"] == 21, "a frame split over 40 TCP writes")
    check(bob.recv()["data"]["message"] == "trickled", "and relayed")

    carol = Client(port)
    history = carol.join("carol")["data"]["history"]
    check([m["message"] for m in history] == ["<b>hello</b>", "in pieces", "trickled"],
          "history, oldest first")
    alice.recv(); bob.recv()  # carol's user connected

    binary = Client(port)
    binary.send_frame(0x2, b"\x00\x01")
    check(binary.expect_close() == 1003, "binary frame: close 1003")
    big = Client(port)
    big.send({"event": "message", "data": {"text": "x" * (65 * 1024)}})
    check(big.expect_close() == 1009, "message over 64 KiB: close 1009")

    carol.close()  # without a close handshake
    left = alice.recv()
    check(left["event"] == "user disconnected" and left["data"]["name"] == "carol",
          "user disconnected when a socket closes")
    check(bob.recv()["event"] == "user disconnected", "to every other joined user")

    run_extensions(port, alice, bob)


def run_extensions(port, alice, bob):
    """The extensions in docs/protocol.md ("Extensions"): session resume and typing."""
    dave = Client(port)
    dave.send({"event": "join", "id": 1,
               "data": {"name": "dave", "features": ["resume", "typing"]}})
    first = dave.recv()["data"]
    check(set(first["features"]) >= {"resume", "typing"} and first["resumed"] is False,
          "extensions: the ack lists features")
    alice.recv(); bob.recv()  # dave joined
    alice.send({"event": "typing"})
    typing = dave.recv()
    check(typing["event"] == "typing" and typing["data"]["name"] == "alice",
          "typing reaches a client that asked for it")
    alice.send({"event": "message", "data": {"text": "before"}, "id": 30})
    seen = alice.recv()["data"]["id"]
    check(dave.recv()["data"]["message"] == "before", "dave reads along")
    check(bob.recv()["event"] == "new chat msg", "bob got no typing event (he did not ask)")

    dave.close()  # the network goes away: no close handshake
    alice.send({"event": "message", "data": {"text": "while dave was away"}, "id": 31})
    missed = alice.recv()["data"]["id"]
    bob.recv()
    again = Client(port)
    again.send({"event": "join", "id": 1, "data": {
        "name": "dave", "features": ["resume", "typing"], "token": first["token"],
        "lastSeenId": seen}})
    resumed = again.recv()["data"]
    check(resumed["resumed"] is True and resumed["key"] == first["key"]
          and resumed["token"] != first["token"], "resume: same key, a new token")
    check([m["id"] for m in resumed["history"]] == [missed] and resumed["historyGap"] is False,
          "resume: exactly the missed message")
    again.send({"event": "message", "data": {"text": "back"}, "id": 2})
    again.recv()
    check(bob.recv()["data"]["message"] == "back", "the others saw no leave and no join")

    again.send_frame(0x8, struct.pack("!H", 1000))  # a clean close leaves at once
    check(bob.recv() == {"event": "user disconnected",
                         "data": {"key": first["key"], "name": "dave"}},
          "a close handshake leaves at once")


if __name__ == "__main__":
    try:
        main(sys.argv[1])
    except (AssertionError, Closed, OSError, ValueError) as error:
        print("FAIL -", error)
        sys.exit(1)
