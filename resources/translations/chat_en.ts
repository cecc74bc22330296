<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>QObject</name>
    <message>
        <location filename="../../client/main.cpp" line="21" />
        <source>Chat</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/main.cpp" line="29" />
        <source>Desktop client for the chat server.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/main.cpp" line="34" />
        <source>Server to connect to, e.g. ws://host:5220/.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/main.cpp" line="36" />
        <source>Name to join with.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>chat::client::ChatSession</name>
    <message>
        <location filename="../../client/logic/chatsession.cpp" line="100" />
        <location filename="../../client/logic/chatsession.cpp" line="225" />
        <source>not sent: disconnected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/logic/chatsession.cpp" line="211" />
        <source>the connection was closed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/logic/chatsession.cpp" line="216" />
        <source>This session continued in another window.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/logic/chatsession.cpp" line="220" />
        <source>Not connected: the server's certificate is not trusted (SHA-256 %1).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/logic/chatsession.cpp" line="232" />
        <source>Connection lost: %1. Reconnecting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/logic/chatsession.cpp" line="321" />
        <source>the server's answer was not understood</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/logic/chatsession.cpp" line="357" />
        <source>Reconnected.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/logic/chatsession.cpp" line="357" />
        <source>Reconnected as a new session.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/logic/chatsession.cpp" line="359" />
        <source>Some messages from while you were away are no longer on the server; only the most recent are shown.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>chat::client::ConnectDialog</name>
    <message>
        <location filename="../../client/widgets/connectdialog.cpp" line="19" />
        <source>Connect to a chat server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/connectdialog.cpp" line="21" />
        <source>Server address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/connectdialog.cpp" line="22" />
        <location filename="../../client/widgets/connectdialog.cpp" line="23" />
        <source>Your name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/connectdialog.cpp" line="28" />
        <source>&amp;Connect</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/connectdialog.cpp" line="31" />
        <source>&amp;Server:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/connectdialog.cpp" line="32" />
        <source>&amp;Name:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>chat::client::MainWindow</name>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="38" />
        <source>&amp;Send</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="69" />
        <source>Messages</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="71" />
        <source>The conversation. Ctrl+C copies the selected messages.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="75" />
        <source>Users online</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="76" />
        <source>Number of users online</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="78" />
        <source>Who is typing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="81" />
        <source>Message text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="82" />
        <source>Send message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="83" />
        <source>Message length</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="85" />
        <location filename="../../client/widgets/mainwindow.cpp" line="86" />
        <source>Reconnect now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="124" />
        <source>&amp;Chat</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="125" />
        <source>&amp;Reconnect now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="129" />
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="132" />
        <source>&amp;Edit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="133" />
        <source>&amp;Copy messages</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="138" />
        <source>&amp;Write a message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="141" />
        <source>Go to the &amp;messages</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="144" />
        <source>Go to the &amp;users</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="147" />
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="148" />
        <source>&amp;Theme</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="151" />
        <source>&amp;System</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="152" />
        <source>&amp;Light</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="153" />
        <source>&amp;Dark</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../client/widgets/mainwindow.cpp" line="230" />
        <source>%n byte(s) too long</source>
        <translation><numerusform>%n byte too long</numerusform><numerusform>%n bytes too long</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../client/widgets/mainwindow.cpp" line="231" />
        <source>%n byte(s) left</source>
        <translation><numerusform>%n byte left</numerusform><numerusform>%n bytes left</numerusform></translation>
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="239" />
        <source>The message is longer than the server accepts (%1 bytes of UTF-8).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="250" />
        <source>Not connected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="250" />
        <source>Disconnected from %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="253" />
        <source>Connecting to %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="256" />
        <source>Joining %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="259" />
        <source>Connected to %1; choose a name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="262" />
        <source>Connected to %1 as %2</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../client/widgets/mainwindow.cpp" line="266" />
        <source>Connection lost — trying again in %n s</source>
        <translation><numerusform>Connection lost — trying again in %n s</numerusform><numerusform>Connection lost — trying again in %n s</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../client/widgets/mainwindow.cpp" line="271" />
        <source>%n message(s) waiting to be sent</source>
        <translation><numerusform>%n message waiting to be sent</numerusform><numerusform>%n messages waiting to be sent</numerusform></translation>
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="284" />
        <source>%1 (offline)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="285" />
        <source>Chat</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="285" />
        <source>%1 — Chat</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../client/widgets/mainwindow.cpp" line="295" />
        <source>%n user(s) online</source>
        <translation><numerusform>%n user online</numerusform><numerusform>%n users online</numerusform></translation>
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="303" />
        <source>Choose another name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="304" />
        <source>%1
Your name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="314" />
        <source>Untrusted certificate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="315" />
        <source>The certificate of %1 is not trusted by this system:
%2

SHA-256 fingerprint:
%3

Trust it only if this fingerprint is the one the server's operator gave you. Trust it and connect?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="360" />
        <source>&amp;Copy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="363" />
        <source>Copy the &amp;text only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="368" />
        <source>&amp;Open link</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/mainwindow.cpp" line="369" />
        <source>Copy &amp;link address</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>chat::client::MessageDelegate</name>
    <message>
        <location filename="../../client/widgets/messagedelegate.cpp" line="69" />
        <source>Sending…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/messagedelegate.cpp" line="72" />
        <source>Not delivered: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>chat::client::MessageEdit</name>
    <message>
        <location filename="../../client/widgets/messageedit.cpp" line="11" />
        <source>Write a message — Enter sends, Shift+Enter starts a new line, Up recalls what you sent</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>chat::client::MessageListModel</name>
    <message>
        <location filename="../../client/logic/messagelistmodel.cpp" line="26" />
        <source>Today</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/logic/messagelistmodel.cpp" line="28" />
        <source>Yesterday</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/logic/messagelistmodel.cpp" line="48" />
        <source>%1  %2 joined</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/logic/messagelistmodel.cpp" line="50" />
        <source>%1  %2 left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/logic/messagelistmodel.cpp" line="52" />
        <source>%1  %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/logic/messagelistmodel.cpp" line="59" />
        <source>%1  %2: %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/logic/messagelistmodel.cpp" line="61" />
        <source>(sending…)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/logic/messagelistmodel.cpp" line="63" />
        <source>Not delivered: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>chat::client::Notifier</name>
    <message>
        <location filename="../../client/widgets/notifier.cpp" line="20" />
        <location filename="../../client/widgets/notifier.cpp" line="100" />
        <source>Chat</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/notifier.cpp" line="22" />
        <source>Show the chat</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/notifier.cpp" line="26" />
        <source>Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/widgets/notifier.cpp" line="88" />
        <source>%1 mentioned you</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../client/widgets/notifier.cpp" line="100" />
        <source>Chat — %n unread</source>
        <translation><numerusform>Chat — %n unread</numerusform><numerusform>Chat — %n unread</numerusform></translation>
    </message>
</context>
<context>
    <name>chat::client::TypingTracker</name>
    <message>
        <location filename="../../client/logic/typingtracker.cpp" line="82" />
        <source>%1 is typing…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/logic/typingtracker.cpp" line="84" />
        <source>%1 and %2 are typing…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../client/logic/typingtracker.cpp" line="86" />
        <source>%n people are typing…</source>
        <translation><numerusform>%n person is typing…</numerusform><numerusform>%n people are typing…</numerusform></translation>
    </message>
</context>
<context>
    <name>chat::client::UserListModel</name>
    <message>
        <location filename="../../client/logic/userlistmodel.cpp" line="30" />
        <source>%1 (you)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../client/logic/userlistmodel.cpp" line="43" />
        <source>%1 (as of the last connection)</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>