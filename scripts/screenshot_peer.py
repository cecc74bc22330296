"""What the scripted peers of the screenshots have in common (scripts/screenshot_peers.py for
scripts/screenshots.sh, scripts/screenshot_map_peers.py for scripts/screenshots-map.sh): their
command line (PORT CONTROL_DIR), their deadline (PEERS_SECONDS, default 120 seconds), the files in
CONTROL_DIR through which they take turns with the shell script, and Peer, a client of the real
protocol (tests/integration/thirdparty/protocol_client.py, stdlib only).
"""
import os
import queue
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "integration",
                                "thirdparty"))
from protocol_client import Client, Closed  # noqa: E402  (the stdlib-only test client)

if len(sys.argv) != 3:
    raise SystemExit(f"usage: {os.path.basename(sys.argv[0])} PORT CONTROL_DIR")
port = int(sys.argv[1])
control = sys.argv[2]
deadline = time.time() + float(os.environ.get("PEERS_SECONDS", "120"))


def wait_file(name):
    """Waits until the shell script writes CONTROL_DIR/name."""
    while not os.path.exists(os.path.join(control, name)):
        if time.time() > deadline:
            raise SystemExit(f"gave up waiting for {name}")
        time.sleep(0.1)


def write_file(name):
    """Tells the shell script: CONTROL_DIR/name."""
    open(os.path.join(control, name), "w").close()


def stay_until_done():
    """Keeps the peers connected until the shell script writes "done" (or the deadline)."""
    while time.time() < deadline and not os.path.exists(os.path.join(control, "done")):
        time.sleep(0.2)


class Peer(Client):
    """A client joined with `features` and `rooms`, whose events are read by a thread of its own
    (which also answers the server's pings), so that the script can wait for one event while the
    others queue up, and for the ack of each of its requests."""

    def __init__(self, name, features, rooms):
        super().__init__(port, timeout=30)
        self.name = name
        self.lock = threading.Lock()
        self.events = queue.Queue()
        self.acks = {}
        self.acked = threading.Condition()
        self.next_id = 1
        ack = self.request("join", {"name": name, "features": features, "rooms": rooms})
        self.key = ack["key"]
        threading.Thread(target=self.read, daemon=True).start()

    def send_frame(self, *args, **kw):
        with self.lock:  # the reader thread answers pings on the same socket
            super().send_frame(*args, **kw)

    def read(self):
        self.sock.settimeout(None)
        try:
            while True:
                event = self.recv()
                if event.get("event") == "ack":
                    with self.acked:
                        self.acks[event["id"]] = event
                        self.acked.notify_all()
                else:
                    self.events.put(event)
        except (Closed, OSError):
            pass

    def request(self, event, data):
        """Sends a request and returns its ack's data (retrying while rate limited)."""
        while True:
            id, self.next_id = self.next_id, self.next_id + 1
            self.send({"event": event, "id": id, "data": data})
            if event == "join":  # no reader thread yet
                ack = self.recv()
                while ack.get("event") != "ack":
                    ack = self.recv()
            else:
                with self.acked:
                    if not self.acked.wait_for(lambda: id in self.acks, timeout=10):
                        raise SystemExit(f"{self.name}: no answer to {event}")
                    ack = self.acks.pop(id)
            error = ack.get("error")
            if error and error["code"] == "rate_limited":
                time.sleep(0.5)
                continue
            if error:
                raise SystemExit(f"{self.name}: {event} refused: {error}")
            return ack.get("data")

    def say(self, room, text, pause=0.25):
        self.request("message", {"room": room, "text": text})
        time.sleep(pause)  # the times and the order look like people typing

    def wait_for(self, predicate):
        """The next event for which predicate(event) holds (the others are dropped)."""
        while time.time() < deadline:
            try:
                event = self.events.get(timeout=0.5)
            except queue.Empty:
                continue
            if predicate(event):
                return event
        raise SystemExit(f"{self.name}: gave up waiting")
