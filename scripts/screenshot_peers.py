#!/usr/bin/env python3
"""Two other people for the screenshots (scripts/screenshots.sh): bob and carol join, talk a
little (that becomes the history), wait for alice and for her first message, then (while her
window is in the background) bob names her twice in a row and carol starts typing.

Usage: screenshot_peers.py PORT
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "thirdparty"))
from protocol_client import Client  # noqa: E402  (the stdlib-only test client)

port = int(sys.argv[1])
bob, carol = Client(port, timeout=60), Client(port, timeout=60)
bob.join("bob")
carol.send({"event": "join", "id": 1, "data": {"name": "carol", "features": ["typing"]}})
carol.recv()
bob.recv()  # carol joined


def say(client, text, id):
    client.send({"event": "message", "id": id, "data": {"text": text}})


say(bob, "Morning! The 6.4 notes are up: https://doc.qt.io/qt-6/whatsnew64.html", 2)
time.sleep(0.2)
say(carol, "Thanks. CI is green on all three runners.", 2)
time.sleep(0.2)
say(bob, "Long one, to show wrapping: the server now holds a dropped session for sixty seconds, "
         "so a laptop that sleeps through a meeting comes back with the same name and every "
         "message it missed, and nobody sees it leave and join again.", 3)

while True:  # until alice is there
    event = bob.recv()
    if event.get("event") == "user connected" and event["data"]["name"] == "alice":
        break
while True:  # until alice has said something (the window is then sent to the background)
    event = bob.recv()
    if event.get("event") == "new chat msg" and event["data"]["sender"] == "alice":
        break
time.sleep(float(os.environ.get("PEERS_PAUSE", "2.0")))
say(bob, "alice, could you check the Debian package before the release?", 4)
time.sleep(0.3)
say(bob, "The changelog is in debian/changelog, two entries.", 5)
time.sleep(0.3)
say(carol, "I can help with the lintian warnings.", 3)
deadline = time.time() + float(os.environ.get("PEERS_SECONDS", "60"))
while time.time() < deadline:
    carol.send({"event": "typing"})
    time.sleep(2)
