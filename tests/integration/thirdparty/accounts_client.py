#!/usr/bin/env python3
"""A third-party client of the feature "accounts", written from protocol-v2.md alone (the
framing is protocol_client.py's). It makes accounts with the operator's command line, starts
chat-server with a join password and every debug message on, walks through joining, registering,
passwords, kick, ban, unban, bans, delete and private history, and at the end searches all that
the server and the command line printed for every secret it used: passwords, the join password,
session tokens and password hashes must never appear.

Usage: accounts_client.py PATH/TO/chat-server
"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from protocol_client import Client, Closed, check  # noqa: E402

SECRETS = {
    "server": "srv-join-secret-7Q",
    "admin": "admin-secret-4K2",
    "mod": "moderator-secret-9F",
    "alice_first": "alice-first-secret-1",
    "alice": "alice-second-secret-2",
    "wrong": "not-the-secret-xyz",
    "gus": "gus-register-secret-3",
    "gus_new": "gus-changed-secret-4",
}


class Output:
    """Everything a process printed, read on a thread of its own."""

    def __init__(self):
        self.lines = []
        self.lock = threading.Lock()

    def follow(self, stream):
        def pump():
            for line in stream:
                with self.lock:
                    self.lines.append(line)
        threading.Thread(target=pump, daemon=True).start()

    def add(self, text):
        with self.lock:
            self.lines.append(text)

    def text(self):
        with self.lock:
            return "".join(self.lines)


def verbose_env():
    env = dict(os.environ)
    env["QT_LOGGING_RULES"] = "*.debug=true"
    return env


def account(server_path, db, output, *args, password=None):
    result = subprocess.run([server_path, "account", *args, "--db", db],
                            input=(password + "\n") if password is not None else "",
                            capture_output=True, text=True, env=verbose_env(), timeout=60)
    output.add(result.stdout + result.stderr)
    return result


class Chat:
    """A joined client: its socket, ack and an id counter."""

    def __init__(self, port, name, password=None, features=("rooms", "accounts"), server=True,
                 extra=None):
        self.client = Client(port)
        self.next_id = 1
        data = {"name": name, "features": list(features)}
        if server:
            data["serverPassword"] = SECRETS["server"]
        if password is not None:
            data["password"] = password
        data.update(extra or {})
        self.ack = self.request("join", data)
        print("   ", name, "->", self.ack.get("error", {}).get("code", "joined"))

    def request(self, event, data=None):
        frame = {"event": event, "id": self.next_id}
        if data is not None:
            frame["data"] = data
        self.client.send(frame)
        self.next_id += 1
        while True:  # events that come before the answer are read past
            answer = self.client.recv()
            if answer["event"] == "ack" and answer.get("id") == frame["id"]:
                return answer

    def code(self, answer=None):
        answer = self.ack if answer is None else answer
        return answer.get("error", {}).get("code")

    def until_event(self, name):
        while True:
            event = self.client.recv()
            if event["event"] == name:
                return event["data"]


def rejoin(port, name, password=None, features=("rooms", "accounts")):
    """Joins a name that has just left or been removed: the server may not have let it go yet
    when the client sees its connection close, so name_taken is tried again for a while."""
    deadline = time.time() + 10
    while True:
        chat = Chat(port, name, password, features=features)
        if chat.code() != "name_taken" or time.time() > deadline:
            return chat
        chat.client.close()
        time.sleep(0.05)


def refused(port, name, password=None, server=True):
    chat = Chat(port, name, password, server=server)
    chat.client.close()
    return chat.code()


def main(server_path):
    output = Output()
    with tempfile.TemporaryDirectory() as directory:
        db = os.path.join(directory, "chat.db")
        password_file = os.path.join(directory, "server-password")
        with open(password_file, "w") as f:
            f.write(SECRETS["server"] + "\n")

        # The operator's command line, before the server runs (it makes the schema).
        check(account(server_path, db, output, "add", "Admin1", "--role", "admin",
                      password=SECRETS["admin"]).returncode == 0, "account add --role admin")
        check(account(server_path, db, output, "add", "mod1", "--role", "moderator",
                      password=SECRETS["mod"]).returncode == 0, "account add --role moderator")
        check(account(server_path, db, output, "add", "alice",
                      password=SECRETS["alice_first"]).returncode == 0, "account add")
        check(account(server_path, db, output, "add", "alice",
                      password="whatever-else-1").returncode != 0, "account add: taken")
        check(account(server_path, db, output, "passwd", "alice",
                      password=SECRETS["alice"]).returncode == 0, "account passwd")
        listing = account(server_path, db, output, "list")
        check(listing.returncode == 0 and "mod1" in listing.stdout
              and "moderator" in listing.stdout, "account list names and roles")

        server = subprocess.Popen([server_path, "--host", "127.0.0.1", "--port", "0", "--db", db,
                                   "--server-password-file", password_file],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  env=verbose_env())
        try:
            port = None
            deadline = time.time() + 15
            while port is None and time.time() < deadline:
                line = server.stdout.readline()
                output.add(line)
                match = re.search(r"listening on ws://127\.0\.0\.1:(\d+)/", line)
                port = int(match.group(1)) if match else None
            check(port is not None, "the server prints its address")
            output.follow(server.stdout)
            tokens = run(port, server_path, db, output)
            server.send_signal(signal.SIGTERM)
            check(server.wait(timeout=15) == 0, "SIGTERM: exit code 0")
        finally:
            if server.poll() is None:
                server.kill()
        time.sleep(0.2)  # the reader thread takes the last lines of a process that has exited
        printed = output.text()
        check("chat.server.audit" in printed or re.search(r"(?i)kick", printed),
              "moderation reached the log")
        for what, secret in list(SECRETS.items()) + [("token", t) for t in tokens]:
            check(secret not in printed, f"nothing printed holds the {what} secret")
        check("$argon2id$" not in printed, "no password hash printed")


def run(port, server_path, db, output):
    tokens = []
    # Joining, in the contract's order.
    check(refused(port, "alice", SECRETS["alice"], server=False) == "bad_server_password",
          "no join password: bad_server_password")
    check(refused(port, "alice") == "password_required", "registered name: password_required")
    check(refused(port, "alice", SECRETS["wrong"]) == "auth_failed", "wrong password: auth_failed")
    check(refused(port, "alice", SECRETS["alice_first"]) == "auth_failed",
          "the password before passwd no longer works")

    admin = Chat(port, "admin1", SECRETS["admin"])
    check(admin.ack["data"]["account"] == {"registered": True, "role": "admin"},
          "the name's account, ignoring case")
    admin.client.close()
    admin = rejoin(port, "Admin1", SECRETS["admin"], features=("rooms", "accounts", "resume"))
    check(admin.ack["data"]["account"] == {"registered": True, "role": "admin"},
          "ack account: registered admin")
    tokens.append(admin.ack["data"]["token"])
    mod = Chat(port, "mod1", SECRETS["mod"])
    check(mod.ack["data"]["account"]["role"] == "moderator", "ack account: moderator")
    alice = Chat(port, "alice", SECRETS["alice"], features=("rooms", "accounts", "resume"))
    tokens.append(alice.ack["data"]["token"])
    users = {u["name"]: u for u in alice.ack["data"]["users"]}
    check(users["Admin1"]["registered"] is True and users["Admin1"]["role"] == "admin",
          "User objects carry registered and role for accounts clients")
    # A client that did not list "accounts" has no serverPassword: the refusal reaches it too.
    v1 = Chat(port, "vera", features=())
    check(v1.code() == "bad_server_password" and v1.ack["error"]["message"],
          "a v1 client is refused with a message it can show")
    v1.client.close()
    rooms_only = Chat(port, "rita", features=("rooms",))
    check(rooms_only.code() == "bad_server_password", "so is a rooms-only client")
    rooms_only.client.close()

    # A guest registers its name, changes the password, and logs in with it later.
    gus = Chat(port, "gus")
    check(gus.ack["data"]["account"] == {"registered": False, "role": "user"}, "guest account")
    check(gus.code(gus.request("register", {"password": "short"})) == "invalid_password",
          "register: a short password is invalid_password")
    check("error" not in gus.request("register", {"password": SECRETS["gus"]}), "register")
    check(gus.code(gus.request("register", {"password": SECRETS["gus"]})) == "already_registered",
          "register twice: already_registered")
    check(gus.code(gus.request("password", {"old": SECRETS["wrong"], "new": SECRETS["gus_new"]}))
          == "auth_failed", "password: a wrong old one is auth_failed")
    check("error" not in gus.request("password", {"old": SECRETS["gus"],
                                                  "new": SECRETS["gus_new"]}), "password")
    gus.client.close()
    gus = rejoin(port, "gus", SECRETS["gus_new"])
    check(gus.ack["data"]["account"]["registered"] is True, "the registered guest logs in")

    # Delete: one's own, a moderator's, an admin's message.
    said = gus.request("message", {"text": "gus was here"})["data"]["id"]
    check(alice.code(alice.request("delete", {"id": said})) == "forbidden",
          "delete: someone else's message is forbidden to a user")
    check("error" not in gus.request("delete", {"id": said}), "delete one's own")
    deleted = alice.until_event("message deleted")
    check(deleted == {"id": said, "room": "general", "by": "gus"},
          "message deleted reaches the room's members")
    check(gus.code(gus.request("delete", {"id": said})) == "no_such_message",
          "delete twice: no_such_message")
    admins = admin.request("message", {"text": "an admin speaks"})["data"]["id"]
    check(mod.code(mod.request("delete", {"id": admins})) == "forbidden",
          "a moderator cannot delete an admin's message")
    alices = alice.request("message", {"text": "spam spam"})["data"]["id"]
    check("error" not in mod.request("delete", {"id": alices, "reason": "spam"}),
          "a moderator deletes a user's message")
    # Private history between two accounts.
    alice.request("private", {"to": admin.ack["data"]["key"], "text": "psst, admin"})
    page = alice.request("history", {"with": "Admin1"})["data"]
    check([m["message"] for m in page["messages"]] == ["psst, admin"] and page["more"] is False,
          "history with: the private messages between two accounts")
    troll = Chat(port, "troll")
    check(troll.code(troll.request("history", {"with": "alice"})) == "account_required",
          "history with: a guest is account_required")

    # Kick and ban.
    check(alice.code(alice.request("kick", {"key": troll.ack["data"]["key"]})) == "forbidden",
          "kick: a user may not")
    check(mod.code(mod.request("kick", {"key": admin.ack["data"]["key"]})) == "forbidden",
          "kick: a moderator may not kick an admin")
    check(mod.code(mod.request("kick", {"key": "no-such-key"})) == "no_such_user",
          "kick: no_such_user")
    check("error" not in mod.request("kick", {"key": troll.ack["data"]["key"],
                                              "reason": "calm down"}), "a moderator kicks")
    kicked = troll.until_event("kicked")
    check(kicked["by"] == "mod1" and kicked["reason"] == "calm down", "kicked: by and reason")
    check(troll.client.expect_close() == 4001, "kicked: close 4001")

    troll = rejoin(port, "troll")
    check(mod.code(mod.request("ban", {"name": "Admin1"})) == "forbidden",
          "ban: a moderator may not ban an admin")
    before = int(time.time() * 1000)
    check("error" not in mod.request("ban", {"name": "troll", "minutes": 5, "reason": "again"}),
          "a moderator bans for 5 minutes")
    kicked = troll.until_event("kicked")
    check(kicked["by"] == "mod1" and kicked["reason"] == "again", "banned: kicked, by, reason")
    check(troll.client.expect_close() == 4002, "banned: close 4002")
    again = Chat(port, "TROLL")
    check(again.code() == "banned" and "again" in again.ack["error"]["message"],
          "a banned name is refused with the reason")
    again.client.close()
    bans = mod.request("bans")["data"]["bans"]
    ban = [b for b in bans if b["name"] == "troll"]
    check(len(ban) == 1 and ban[0]["by"] == "mod1" and ban[0]["reason"] == "again"
          and before + 5 * 60_000 - 5000 <= ban[0]["until"] <= int(time.time() * 1000) + 5 * 60_000,
          "bans: name, until, reason, by")
    check(alice.code(alice.request("bans")) == "forbidden", "bans: a user may not")
    check("error" not in mod.request("unban", {"name": "troll"}), "unban")
    check(mod.code(mod.request("unban", {"name": "troll"})) == "no_such_ban", "unban: no_such_ban")
    back = rejoin(port, "troll")
    check("error" not in back.ack, "unbanned: the name joins again")
    tokens.append(back.ack["data"]["token"])
    check("error" not in admin.request("ban", {"name": "mod1", "reason": "admins may"}),
          "an admin bans a moderator")
    check(mod.client.expect_close() == 4002, "the moderator is banned: close 4002")
    return tokens


if __name__ == "__main__":
    try:
        main(sys.argv[1])
    except (AssertionError, Closed, OSError, ValueError, KeyError) as error:
        print("FAIL -", repr(error))
        sys.exit(1)
