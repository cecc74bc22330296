#!/usr/bin/env python3
"""The other people for the map's screenshots (scripts/screenshots-map.sh). bob, carol, dave and
erin join with the features "rooms" and "location", talk in #general and share where they are;
then they write CONTROL_DIR/ready and stay until CONTROL_DIR/done appears (or PEERS_SECONDS,
default 120, pass).

Usage: screenshot_map_peers.py PORT CONTROL_DIR
"""
from screenshot_peer import Peer, stay_until_done, write_file


class MapPeer(Peer):
    """A peer in #general with the features "rooms" and "location"."""

    def __init__(self, name):
        super().__init__(name, ["rooms", "location"], ["general"])

    def chat(self, text):
        self.say("general", text, pause=0.3)

    def share(self, lat, lng):
        self.request("send location", {"lat": lat, "lng": lng})


bob = MapPeer("bob")
carol = MapPeer("carol")
dave = MapPeer("dave")
erin = MapPeer("erin")
bob.request("topic", {"room": "general", "topic": "Where is everybody? Open Map → Show map"})
bob.chat("Morning from Berlin! I'm sharing my location, the map shows it.")
carol.chat("Good evening from São Paulo.")
dave.chat("Tokyo here, almost midnight. Shared mine too.")
erin.chat("Nairobi, just back from lunch.")
bob.share(52.52, 13.40)
carol.share(-23.55, -46.63)
dave.share(35.68, 139.69)
erin.share(-1.29, 36.82)
write_file("ready")
stay_until_done()
