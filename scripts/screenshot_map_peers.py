#!/usr/bin/env python3
"""The other people for the map's screenshots (scripts/screenshots-map.sh). bob, carol, dave and
erin join with the features "rooms" and "location", talk in #general and share where they are;
then they write CONTROL_DIR/ready and stay until CONTROL_DIR/done appears (or PEERS_SECONDS,
default 120, pass).

Usage: screenshot_map_peers.py PORT CONTROL_DIR
"""
import os
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "integration",
                                "thirdparty"))
from protocol_client import Client, Closed  # noqa: E402  (the stdlib-only test client)

port = int(sys.argv[1])
control = sys.argv[2]
deadline = time.time() + float(os.environ.get("PEERS_SECONDS", "120"))


class Peer(Client):
    """A client that answers its own requests; a thread reads everything else away."""

    def __init__(self, name):
        super().__init__(port, timeout=30)
        self.name = name
        self.lock = threading.Lock()
        self.acks = {}
        self.acked = threading.Condition()
        self.next_id = 1
        self.request("join", {"name": name, "features": ["rooms", "location"],
                              "rooms": ["general"]})
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
        except (Closed, OSError):
            pass

    def request(self, event, data):
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
        if ack.get("error"):
            raise SystemExit(f"{self.name}: {event} refused: {ack['error']}")
        return ack.get("data")

    def say(self, text):
        self.request("message", {"room": "general", "text": text})
        time.sleep(0.3)

    def share(self, lat, lng):
        self.request("send location", {"lat": lat, "lng": lng})


bob = Peer("bob")
carol = Peer("carol")
dave = Peer("dave")
erin = Peer("erin")
bob.request("topic", {"room": "general", "topic": "Where is everybody? Open Map → Show map"})
bob.say("Morning from Berlin! I'm sharing my location, the map shows it.")
carol.say("Good evening from São Paulo.")
dave.say("Tokyo here, almost midnight. Shared mine too.")
erin.say("Nairobi, just back from lunch.")
bob.share(52.52, 13.40)
carol.share(-23.55, -46.63)
dave.share(35.68, 139.69)
erin.share(-1.29, 36.82)
open(os.path.join(control, "ready"), "w").close()
while not os.path.exists(os.path.join(control, "done")) and time.time() < deadline:
    time.sleep(0.2)
