#!/usr/bin/env python3
"""The other people for the screenshots (scripts/screenshots.sh). They speak protocol v2 with the
feature "rooms": bob, carol, dave and erin make rooms with topics (general, dev, design, release,
and a few alice is not in, for the room dialog) and talk in them; that becomes the history alice
sees when her client enters her remembered rooms.

The script and the shell script take turns through files in CONTROL_DIR:
  peers write "ready"    the rooms and their history are there: start the client;
  shell writes "away"    alice has written in #dev and her window is in the background: bob
                         names her in #dev, the other rooms get unread messages (one naming her)
                         and bob writes to her privately; carol starts typing;
  peers write "burst"    all of that is sent;
  (alice answers bob privately)
  peers write "replied"  bob has answered her, and now he is typing.
The peers leave when the shell writes "done", or after PEERS_SECONDS (default 120).

Usage: screenshot_peers.py PORT CONTROL_DIR
"""
import os
import queue
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
    """A rooms client whose events are read by a thread of its own (which also answers the
    server's pings), so that the script can wait for one event while the others queue up."""

    def __init__(self, name, rooms):
        super().__init__(port, timeout=30)
        self.name = name
        self.lock = threading.Lock()
        self.events = queue.Queue()
        self.acks = {}
        self.acked = threading.Condition()
        self.next_id = 1
        ack = self.request("join", {"name": name, "features": ["rooms", "typing"],
                                    "rooms": rooms})
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
            return ack["data"]

    def enter(self, room, topic):
        self.request("enter", {"room": room, "topic": topic})

    def say(self, room, text, pause=0.25):
        self.request("message", {"room": room, "text": text})
        time.sleep(pause)  # the times and the order look like people typing

    def tell(self, key, text):
        self.request("private", {"to": key, "text": text})

    def wait_for(self, predicate):
        while time.time() < deadline:
            try:
                event = self.events.get(timeout=0.5)
            except queue.Empty:
                continue
            if predicate(event):
                return event
        raise SystemExit(f"{self.name}: gave up waiting")


def wait_file(name):
    while not os.path.exists(os.path.join(control, name)):
        if time.time() > deadline:
            raise SystemExit(f"gave up waiting for {name}")
        time.sleep(0.1)


def write_file(name):
    open(os.path.join(control, name), "w").close()


bob = Peer("bob", ["general", "dev", "release", "random"])
carol = Peer("carol", ["general", "dev", "random"])
dave = Peer("dave", ["general", "dev", "release"])
erin = Peer("erin", ["general", "random"])

bob.request("topic", {"room": "general", "topic": "Everything else: lunch, links, announcements"})
bob.request("topic", {"room": "dev",
                      "topic": "Client and server on Qt 6.4 · freeze on Friday"})
bob.request("topic", {"room": "release",
                      "topic": "1.2 on Friday: changelog, package, tarballs"})
bob.request("topic", {"room": "random", "topic": "Cats, coffee and the occasional meme"})
carol.enter("design", "Sidebar, badges and the dark theme")
erin.enter("design", "")
dave.enter("ops", "The demo server: uptime, certificates, backups")
erin.enter("ops", "")
erin.enter("translations", "German and French catalogues; new strings welcome")

# The history alice finds.
erin.say("general", "Lunch at 12:30? The Thai place has a new menu.")
dave.say("general", "Count me in.")
carol.say("design", "Mock-ups for the sidebar badges are in docs/design/sidebar.png")
erin.say("design", "I like the mention mark apart from the count.")
dave.say("release", "Branch release-1.2 is cut.")
dave.say("ops", "Certificate renewed, valid until March.")
bob.say("dev", "Morning! The 6.4 notes are up: https://doc.qt.io/qt-6/whatsnew64.html")
carol.say("dev", "Thanks. CI is green on all three runners.")
dave.say("dev", "The sidebar branch is merged: Alt+Up and Alt+Down move between rooms now.")
bob.say("dev", "Long one, to show wrapping: the server now holds a dropped session for sixty "
               "seconds, so a laptop that sleeps through a meeting comes back with the same name, "
               "in the same rooms, with every message it missed, and nobody sees it leave and "
               "join again.")
write_file("ready")

alice = bob.wait_for(lambda e: e.get("event") == "user connected"
                     and e["data"]["name"] == "alice")["data"]["key"]
bob.wait_for(lambda e: e.get("event") == "new chat msg" and e["data"]["sender"] == "alice"
             and e["data"].get("room") == "dev")
wait_file("away")

bob.say("dev", "alice, could you check the Debian package before the release?")
bob.say("dev", "The changelog is in debian/changelog, two entries.")
carol.say("dev", "I can help with the lintian warnings.")
erin.say("general", "Reminder: the office is closed on Monday.")
bob.say("general", "Slides from yesterday's demo: https://example.org/demo-slides")
carol.say("general", "Thanks!")
carol.say("design", "Dark theme: the badges need more contrast on the selected row.")
erin.say("design", "Agreed, I'll try the palette's highlight colour.")
dave.say("release", "alice, the release notes draft is ready for your review.")
dave.say("release", "Tarballs are signed; the package is next.")
bob.tell(alice, "Got a minute later? The signing key for the release expires next week.")

typist = carol


def keep_typing():
    while time.time() < deadline:
        typist.send({"event": "typing"})
        time.sleep(1.5)


threading.Thread(target=keep_typing, daemon=True).start()
time.sleep(0.3)  # the first typing event is on its way
write_file("burst")

bob.wait_for(lambda e: e.get("event") == "private msg" and e["data"]["sender"] == "alice")
time.sleep(0.8)
bob.tell(alice, "Great, thanks! The steps are in the wiki: https://example.org/wiki/signing")
typist = bob
bob.send({"event": "typing"})
time.sleep(0.3)
write_file("replied")

while time.time() < deadline and not os.path.exists(os.path.join(control, "done")):
    time.sleep(0.2)
