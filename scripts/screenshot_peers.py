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
import threading
import time

from screenshot_peer import Peer, deadline, stay_until_done, wait_file, write_file


class RoomsPeer(Peer):
    """A peer with the features "rooms" and "typing"."""

    def __init__(self, name, rooms):
        super().__init__(name, ["rooms", "typing"], rooms)

    def enter(self, room, topic):
        self.request("enter", {"room": room, "topic": topic})

    def tell(self, key, text):
        self.request("private", {"to": key, "text": text})


bob = RoomsPeer("bob", ["general", "dev", "release", "random"])
carol = RoomsPeer("carol", ["general", "dev", "random"])
dave = RoomsPeer("dave", ["general", "dev", "release"])
erin = RoomsPeer("erin", ["general", "random"])

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

stay_until_done()
