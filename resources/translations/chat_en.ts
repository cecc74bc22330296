<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>QObject</name>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desktop client for the chat server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name to join with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server to connect to: ws://host:5220/, wss://… or host:port.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::AccountController</name>
    <message>
        <source>This name is already registered. If it is yours, connect again and enter its password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not accept this password: it must be 8 to 1,024 bytes long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server does not let you register names yourself: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asks you to wait: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Register this name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Change password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only on a server that keeps accounts, once joined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make this name yours on this server, with a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the password of this registered name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The remembered password was refused; it may have been changed. Enter the current one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password was wrong. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server password was wrong. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 asks you to wait before joining again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not let %2 in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered names only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 admits registered names only, and %2 is not registered there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hange server or name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is registered; you will join with its password from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password of %1 is changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::AccountPasswordDialog</name>
    <message>
        <source>New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register %1 on %2: from then on only you can join with this name, with this password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the password of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the password of %1 on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password &amp;again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password will not be remembered on this system: there is no keychain (such as GNOME Keyring or KWallet) to keep it safely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the current password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The new password needs at least %n byte(s).</source>
        <translation>
            <numerusform>The new password needs at least %n byte.</numerusform>
            <numerusform>The new password needs at least %n bytes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The new password may have at most %n byte(s).</source>
        <translation>
            <numerusform>The new password may have at most %n byte.</numerusform>
            <numerusform>The new password may have at most %n bytes.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the server…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::BansDialog</name>
    <message>
        <source>&amp;Unban</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bans on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State of the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until unbanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is banned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n ban(s)</source>
        <translation>
            <numerusform>%n ban</numerusform>
            <numerusform>%n bans</numerusform>
        </translation>
    </message>
    <message>
        <source>Unbanning %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::ChatSession</name>
    <message>
        <source>not sent: disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection was closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session continued in another window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: the server&apos;s certificate is not trusted (SHA-256 %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost: %1. Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s answer was not understood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnected as a new session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some messages from while you were away are no longer on the server; only the most recent are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer from the server (timed out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection refused (is the port right?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server not found (is the address right?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the network is unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>secure connection failed (TLS): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot enter %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot enter %1: the server&apos;s answer was not understood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot leave %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot change the topic of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room list needs a connection to a server with rooms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot list the rooms: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asks to wait: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a server with accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was lost before the server answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. The client will not reconnect on its own; reconnect by hand (Chat → Reconnect now) when you may come back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::ConnectDialog</name>
    <message>
        <source>Connect to a chat server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server&apos;s address: ws://host:port/, wss://host:port/ or host:port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address must start with ws:// or wss:// (or be just host:port).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the name to join with.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::ConnectionStatus</name>
    <message>
        <source>Reconnect now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joining %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1; choose a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Connection lost (%1) — trying again in %n s</source>
        <translation>
            <numerusform>Connection lost (%1) — trying again in %n s</numerusform>
            <numerusform>Connection lost (%1) — trying again in %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cannot connect to %1: %2 — trying again in %n s</source>
        <translation>
            <numerusform>Cannot connect to %1: %2 — trying again in %n s</numerusform>
            <numerusform>Cannot connect to %1: %2 — trying again in %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting to be sent</source>
        <translation>
            <numerusform>%n message waiting to be sent</numerusform>
            <numerusform>%n messages waiting to be sent</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — not reconnecting on its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not joined to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::ConversationDelegate</name>
    <message>
        <source>%1+</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::ConversationListModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::Conversations</name>
    <message>
        <source>%1 changed the topic to: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You changed the topic to: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::FindBar</name>
    <message>
        <source>Find in the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older match (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newer match (Shift+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newer match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (Escape)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::LocationBook</name>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::LocationSource</name>
    <message numerus="yes">
        <source>it gave none within %n second(s)</source>
        <translation>
            <numerusform>it gave none within %n second</numerusform>
            <numerusform>it gave none within %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>this system offers no position source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>access to the position was denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the position source failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::MainWindow</name>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of users online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is typing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reconnect now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Write a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the &amp;messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the &amp;users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) too long</source>
        <translation>
            <numerusform>%n byte too long</numerusform>
            <numerusform>%n bytes too long</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) left</source>
        <translation>
            <numerusform>%n byte left</numerusform>
            <numerusform>%n bytes left</numerusform>
        </translation>
    </message>
    <message>
        <source>The message is longer than the server accepts (%1 bytes of UTF-8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n user(s) online</source>
        <translation>
            <numerusform>%n user online</numerusform>
            <numerusform>%n users online</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose another name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Your name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untrusted certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted by this system:
%2

SHA-256 fingerprint:
%3

Trust it only if this fingerprint is the one the server&apos;s operator gave you. Trust it and connect?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the &amp;text only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;link address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation. Ctrl+C copies the selected messages; F2 or a double-click selects within one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 mentioned you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hange server or name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find &amp;older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find &amp;newer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members of the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms and conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt+Up and Alt+Down move between them; Ctrl+K finds one by name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) in %1</source>
        <translation>
            <numerusform>%n member in %1</numerusform>
            <numerusform>%n members in %1</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Leave %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close the conversation with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join or create a room (Ctrl+J)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join or create a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join or create a room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find a room or person…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the &amp;topic…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Leave this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private conversation with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Moderation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bans…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kick %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ban %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kick %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 leaves the server and may come back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional; %1 sees it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 leaves the server and cannot join again, by this name or from this address, until the ban ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ban</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this message for everyone?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this message of %1 for everyone?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional; kept in the server&apos;s log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ma&amp;p</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::MapPanel</name>
    <message>
        <source>&amp;Share my location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the others where you are: from the system&apos;s position, or a point you click on the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole world</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing your position from the system.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not take the position: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for your position…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No position from the system (%1). Click on the map to share that point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing the point you picked. Click elsewhere to move it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sharing your location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server does not share locations.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::MapView</name>
    <message>
        <source>World map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where people share their location. Arrow keys move the map, plus and minus zoom, Home shows the whole world.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::MessageDelegate</name>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not delivered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message text, selectable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::MessageEdit</name>
    <message>
        <source>Write a message — Enter sends, Shift+Enter starts a new line, Up recalls what you sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::MessageListModel</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2 joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(sending…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not delivered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %2 and %n other(s)</source>
        <translation>
            <numerusform>%1, %2 and %n other</numerusform>
            <numerusform>%1, %2 and %n others</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 joined; %2 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::MessageView</name>
    <message numerus="yes">
        <source>%n new message(s) — Jump to latest ↓</source>
        <translation>
            <numerusform>%n new message — Jump to latest ↓</numerusform>
            <numerusform>%n new messages — Jump to latest ↓</numerusform>
        </translation>
    </message>
    <message>
        <source>Jump to latest ↓</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::Moderation</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot kick %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was kicked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot ban %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was banned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot unban %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was unbanned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot list the bans: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s answer was not understood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot delete the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kicked from the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kicked by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned from the server until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned by %1 until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned from the server until further notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned by %1 until further notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (no reason given)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::Notifier</name>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 mentioned you</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Chat — %n unread</source>
        <translation>
            <numerusform>Chat — %n unread</numerusform>
            <numerusform>Chat — %n unread</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 wrote to you</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::PasswordDialog</name>
    <message>
        <source>&amp;Remember password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a registered name on %2. Enter its password to join.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 asks for its join password before %2 can join.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server &amp;password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password will not be remembered on this system: there is no keychain (such as GNOME Keyring or KWallet) to keep it safely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for the system&apos;s keychain…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::QuickSwitcher</name>
    <message>
        <source>Quick switcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jump to a room or a person (# rooms, @ people)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room or person to jump to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms and people</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::QuickSwitcherModel</name>
    <message>
        <source>%1, no conversation yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>room %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private conversation with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mention(s)</source>
        <translation>
            <numerusform>%n mention</numerusform>
            <numerusform>%n mentions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chat::client::ReasonDialog</name>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permanent (until unbanned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration of the ban</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::RemovalBanner</name>
    <message>
        <source>Re&amp;connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed from the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. The client will not reconnect on its own.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::RoomDirectoryDialog</name>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join or create a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter, or the name of a new room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter rooms, or the name of a new room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the list of rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why no room can be chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State of the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A room name has no spaces: letters, digits, “-”, “_” and “.” only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A room name has at most %1 characters; this one has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the server&apos;s rooms…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create room “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The invisible character %1 cannot be in a room name: letters, digits, “-”, “_” and “.” only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” cannot be in a room name: letters, digits, “-”, “_” and “.” only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::RoomDirectoryModel</name>
    <message>
        <source>%1 (joined)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chat::client::TopicBar</name>
    <message>
        <source>Conversation and topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the topic (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this room is about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter sets the topic, Escape leaves it as it was</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length of the topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No topic — click to set one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n character(s) too many</source>
        <translation>
            <numerusform>%n character too many</numerusform>
            <numerusform>%n characters too many</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n character(s) left</source>
        <translation>
            <numerusform>%n character left</numerusform>
            <numerusform>%n characters left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chat::client::TypingTracker</name>
    <message>
        <source>%1 is typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n people are typing…</source>
        <translation>
            <numerusform>%n people are typing…</numerusform>
            <numerusform>%n people are typing…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chat::client::UserListModel</name>
    <message>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (as of the last connection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
