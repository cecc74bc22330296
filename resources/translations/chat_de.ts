<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Desktop client for the chat server.</source>
        <translation>Desktop-Client für den Chat-Server.</translation>
    </message>
    <message>
        <source>Name to join with.</source>
        <translation>Name, unter dem Sie beitreten.</translation>
    </message>
    <message>
        <source>Server to connect to: ws://host:5220/, wss://… or host:port.</source>
        <translation>Server, mit dem verbunden wird: ws://host:5220/, wss://… oder host:port.</translation>
    </message>
</context>
<context>
    <name>chat::client::ChatSession</name>
    <message>
        <source>not sent: disconnected</source>
        <translation>nicht gesendet: Verbindung getrennt</translation>
    </message>
    <message>
        <source>the connection was closed</source>
        <translation>die Verbindung wurde geschlossen</translation>
    </message>
    <message>
        <source>This session continued in another window.</source>
        <translation>Diese Sitzung wurde in einem anderen Fenster fortgesetzt.</translation>
    </message>
    <message>
        <source>Not connected: the server&apos;s certificate is not trusted (SHA-256 %1).</source>
        <translation>Nicht verbunden: Dem Zertifikat des Servers wird nicht vertraut (SHA-256 %1).</translation>
    </message>
    <message>
        <source>Connection lost: %1. Reconnecting…</source>
        <translation>Verbindung verloren: %1. Neuer Verbindungsversuch …</translation>
    </message>
    <message>
        <source>the server&apos;s answer was not understood</source>
        <translation>die Antwort des Servers wurde nicht verstanden</translation>
    </message>
    <message>
        <source>Reconnected.</source>
        <translation>Wieder verbunden.</translation>
    </message>
    <message>
        <source>Reconnected as a new session.</source>
        <translation>Wieder verbunden, als neue Sitzung.</translation>
    </message>
    <message>
        <source>Some messages from while you were away are no longer on the server; only the most recent are shown.</source>
        <translation>Einige Nachrichten aus Ihrer Abwesenheit sind nicht mehr auf dem Server; nur die neuesten werden angezeigt.</translation>
    </message>
    <message>
        <source>no answer from the server (timed out)</source>
        <translation>keine Antwort vom Server (Zeitüberschreitung)</translation>
    </message>
    <message>
        <source>connection refused (is the port right?)</source>
        <translation>Verbindung abgelehnt (ist der Port richtig?)</translation>
    </message>
    <message>
        <source>server not found (is the address right?)</source>
        <translation>Server nicht gefunden (ist die Adresse richtig?)</translation>
    </message>
    <message>
        <source>the network is unreachable</source>
        <translation>das Netzwerk ist nicht erreichbar</translation>
    </message>
    <message>
        <source>secure connection failed (TLS): %1</source>
        <translation>sichere Verbindung fehlgeschlagen (TLS): %1</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>der Server hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <source>Cannot enter %1: %2</source>
        <translation>%1 kann nicht betreten werden: %2</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <source>Cannot enter %1: the server&apos;s answer was not understood</source>
        <translation>%1 kann nicht betreten werden: die Antwort des Servers wurde nicht verstanden</translation>
    </message>
    <message>
        <source>Cannot leave %1: %2</source>
        <translation>%1 kann nicht verlassen werden: %2</translation>
    </message>
    <message>
        <source>Cannot change the topic of %1: %2</source>
        <translation>Das Thema von %1 kann nicht geändert werden: %2</translation>
    </message>
    <message>
        <source>The room list needs a connection to a server with rooms.</source>
        <translation>Die Raumliste braucht eine Verbindung zu einem Server mit Räumen.</translation>
    </message>
    <message>
        <source>Cannot list the rooms: %1</source>
        <translation>Die Räume können nicht aufgelistet werden: %1</translation>
    </message>
</context>
<context>
    <name>chat::client::ConnectDialog</name>
    <message>
        <source>Connect to a chat server</source>
        <translation>Mit einem Chat-Server verbinden</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address: ws://host:port/, wss://host:port/ or host:port.</source>
        <translation>Geben Sie die Adresse des Servers ein: ws://host:port/, wss://host:port/ oder host:port.</translation>
    </message>
    <message>
        <source>The address must start with ws:// or wss:// (or be just host:port).</source>
        <translation>Die Adresse muss mit ws:// oder wss:// beginnen (oder nur host:port sein).</translation>
    </message>
    <message>
        <source>Enter the name to join with.</source>
        <translation>Geben Sie den Namen ein, unter dem Sie beitreten.</translation>
    </message>
</context>
<context>
    <name>chat::client::ConnectionStatus</name>
    <message>
        <source>Reconnect now</source>
        <translation>Jetzt neu verbinden</translation>
    </message>
    <message>
        <source>Change server…</source>
        <translation>Server wechseln …</translation>
    </message>
    <message>
        <source>Change server</source>
        <translation>Server wechseln</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation>Verbindung mit %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Disconnected from %1</source>
        <translation>Verbindung mit %1 getrennt</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung mit %1 wird hergestellt …</translation>
    </message>
    <message>
        <source>Joining %1…</source>
        <translation>Beitritt zu %1 …</translation>
    </message>
    <message>
        <source>Connected to %1; choose a name</source>
        <translation>Mit %1 verbunden; wählen Sie einen Namen</translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation>Mit %1 verbunden als %2</translation>
    </message>
    <message numerus="yes">
        <source>Connection lost (%1) — trying again in %n s</source>
        <translation>
            <numerusform>Verbindung verloren (%1) — neuer Versuch in %n s</numerusform>
            <numerusform>Verbindung verloren (%1) — neuer Versuch in %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cannot connect to %1: %2 — trying again in %n s</source>
        <translation>
            <numerusform>Verbindung mit %1 nicht möglich: %2 — neuer Versuch in %n s</numerusform>
            <numerusform>Verbindung mit %1 nicht möglich: %2 — neuer Versuch in %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting to be sent</source>
        <translation>
            <numerusform>%n Nachricht wartet auf den Versand</numerusform>
            <numerusform>%n Nachrichten warten auf den Versand</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chat::client::ConversationDelegate</name>
    <message>
        <source>%1+</source>
        <translation>%1+</translation>
    </message>
</context>
<context>
    <name>chat::client::ConversationListModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>chat::client::Conversations</name>
    <message>
        <source>%1 changed the topic to: %2</source>
        <translation>%1 hat das Thema geändert: %2</translation>
    </message>
    <message>
        <source>You changed the topic to: %1</source>
        <translation>Sie haben das Thema geändert: %1</translation>
    </message>
</context>
<context>
    <name>chat::client::FindBar</name>
    <message>
        <source>Find in the conversation</source>
        <translation>In der Unterhaltung suchen</translation>
    </message>
    <message>
        <source>Older match (Enter)</source>
        <translation>Älterer Treffer (Eingabe)</translation>
    </message>
    <message>
        <source>Older match</source>
        <translation>Älterer Treffer</translation>
    </message>
    <message>
        <source>Newer match (Shift+Enter)</source>
        <translation>Neuerer Treffer (Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>Newer match</source>
        <translation>Neuerer Treffer</translation>
    </message>
    <message>
        <source>Close (Escape)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Close the search</source>
        <translation>Suche schließen</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>chat::client::MainWindow</name>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Users online</source>
        <translation>Benutzer online</translation>
    </message>
    <message>
        <source>Number of users online</source>
        <translation>Anzahl der Benutzer online</translation>
    </message>
    <message>
        <source>Who is typing</source>
        <translation>Wer gerade schreibt</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>Nachrichtentext</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>Message length</source>
        <translation>Nachrichtenlänge</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <source>&amp;Reconnect now</source>
        <translation>Jetzt &amp;neu verbinden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Copy messages</source>
        <translation>Nachrichten &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Write a message</source>
        <translation>Nachricht &amp;schreiben</translation>
    </message>
    <message>
        <source>Go to the &amp;messages</source>
        <translation>Zu den &amp;Nachrichten</translation>
    </message>
    <message>
        <source>Go to the &amp;users</source>
        <translation>Zu den &amp;Benutzern</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Design</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) too long</source>
        <translation>
            <numerusform>%n Byte zu lang</numerusform>
            <numerusform>%n Bytes zu lang</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) left</source>
        <translation>
            <numerusform>noch %n Byte</numerusform>
            <numerusform>noch %n Bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>The message is longer than the server accepts (%1 bytes of UTF-8).</source>
        <translation>Die Nachricht ist länger, als der Server annimmt (%1 Bytes UTF-8).</translation>
    </message>
    <message>
        <source>%1 (offline)</source>
        <translation>%1 (offline)</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>%1 — Chat</source>
        <translation>%1 — Chat</translation>
    </message>
    <message numerus="yes">
        <source>%n user(s) online</source>
        <translation>
            <numerusform>%n Benutzer online</numerusform>
            <numerusform>%n Benutzer online</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose another name</source>
        <translation>Anderen Namen wählen</translation>
    </message>
    <message>
        <source>%1
Your name:</source>
        <translation>%1
Ihr Name:</translation>
    </message>
    <message>
        <source>Untrusted certificate</source>
        <translation>Nicht vertrauenswürdiges Zertifikat</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted by this system:
%2

SHA-256 fingerprint:
%3

Trust it only if this fingerprint is the one the server&apos;s operator gave you. Trust it and connect?</source>
        <translation>Diesem System ist das Zertifikat von %1 nicht vertrauenswürdig:
%2

SHA-256-Fingerabdruck:
%3

Vertrauen Sie ihm nur, wenn dieser Fingerabdruck der ist, den Ihnen der Betreiber des Servers genannt hat. Vertrauen und verbinden?</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the &amp;text only</source>
        <translation>Nur den &amp;Text kopieren</translation>
    </message>
    <message>
        <source>&amp;Open link</source>
        <translation>Link ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Copy &amp;link address</source>
        <translation>&amp;Linkadresse kopieren</translation>
    </message>
    <message>
        <source>The conversation. Ctrl+C copies the selected messages; F2 or a double-click selects within one.</source>
        <translation>Die Unterhaltung. Strg+C kopiert die ausgewählten Nachrichten; F2 oder ein Doppelklick erlaubt die Auswahl innerhalb einer Nachricht.</translation>
    </message>
    <message>
        <source>%1 mentioned you</source>
        <translation>%1 hat Sie erwähnt</translation>
    </message>
    <message>
        <source>C&amp;hange server or name…</source>
        <translation>&amp;Server oder Namen ändern …</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>S&amp;uchen …</translation>
    </message>
    <message>
        <source>Find &amp;older</source>
        <translation>Ä&amp;lteren Treffer suchen</translation>
    </message>
    <message>
        <source>Find &amp;newer</source>
        <translation>N&amp;eueren Treffer suchen</translation>
    </message>
    <message>
        <source>&amp;Retry sending</source>
        <translation>&amp;Erneut senden</translation>
    </message>
    <message>
        <source>Members of the room</source>
        <translation>Mitglieder des Raums</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Rooms and conversations</source>
        <translation>Räume und Unterhaltungen</translation>
    </message>
    <message>
        <source>Alt+Up and Alt+Down move between them; Ctrl+K finds one by name.</source>
        <translation>Alt+Hoch und Alt+Runter wechseln zwischen ihnen; Strg+K findet eine nach Namen.</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Räume</translation>
    </message>
    <message>
        <source>&amp;Next conversation</source>
        <translation>&amp;Nächste Unterhaltung</translation>
    </message>
    <message>
        <source>&amp;Previous conversation</source>
        <translation>&amp;Vorige Unterhaltung</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) in %1</source>
        <translation>
            <numerusform>%n Mitglied in %1</numerusform>
            <numerusform>%n Mitglieder in %1</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Leave %1</source>
        <translation>%1 &amp;verlassen</translation>
    </message>
    <message>
        <source>&amp;Close the conversation with %1</source>
        <translation>Unterhaltung mit %1 &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;Message %1</source>
        <translation>%1 &amp;schreiben</translation>
    </message>
    <message>
        <source>&amp;Rooms</source>
        <translation>&amp;Räume</translation>
    </message>
    <message>
        <source>Join or create a room (Ctrl+J)</source>
        <translation>Raum betreten oder anlegen (Strg+J)</translation>
    </message>
    <message>
        <source>Join or create a room</source>
        <translation>Raum betreten oder anlegen</translation>
    </message>
    <message>
        <source>&amp;Join or create a room…</source>
        <translation>Raum &amp;betreten oder anlegen …</translation>
    </message>
    <message>
        <source>&amp;Find a room or person…</source>
        <translation>Raum oder Person &amp;finden …</translation>
    </message>
    <message>
        <source>Change the &amp;topic…</source>
        <translation>&amp;Thema ändern …</translation>
    </message>
    <message>
        <source>&amp;Leave this room</source>
        <translation>Diesen Raum &amp;verlassen</translation>
    </message>
    <message>
        <source>Private conversation with %1</source>
        <translation>Private Unterhaltung mit %1</translation>
    </message>
</context>
<context>
    <name>chat::client::MessageDelegate</name>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet …</translation>
    </message>
    <message>
        <source>Not delivered: %1</source>
        <translation>Nicht zugestellt: %1</translation>
    </message>
    <message>
        <source>Message text, selectable</source>
        <translation>Nachrichtentext, auswählbar</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>Neue Nachrichten</translation>
    </message>
</context>
<context>
    <name>chat::client::MessageEdit</name>
    <message>
        <source>Write a message — Enter sends, Shift+Enter starts a new line, Up recalls what you sent</source>
        <translation>Nachricht schreiben — Eingabe sendet, Umschalt+Eingabe beginnt eine neue Zeile, Pfeil hoch holt Gesendetes zurück</translation>
    </message>
</context>
<context>
    <name>chat::client::MessageListModel</name>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>%1  %2 joined</source>
        <translation>%1  %2 ist beigetreten</translation>
    </message>
    <message>
        <source>%1  %2 left</source>
        <translation>%1  %2 hat den Chat verlassen</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>%1  %2: %3</source>
        <translation>%1  %2: %3</translation>
    </message>
    <message>
        <source>(sending…)</source>
        <translation>(wird gesendet …)</translation>
    </message>
    <message>
        <source>Not delivered: %1</source>
        <translation>Nicht zugestellt: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1, %2 and %n other(s)</source>
        <translation>
            <numerusform>%1, %2 und %n weitere Person</numerusform>
            <numerusform>%1, %2 und %n weitere Personen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 joined; %2 left</source>
        <translation>Beigetreten: %1; gegangen: %2</translation>
    </message>
    <message>
        <source>%1 joined</source>
        <translation>Beigetreten: %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>Gegangen: %1</translation>
    </message>
</context>
<context>
    <name>chat::client::MessageView</name>
    <message numerus="yes">
        <source>%n new message(s) — Jump to latest ↓</source>
        <translation>
            <numerusform>%n neue Nachricht — Zu den neuesten ↓</numerusform>
            <numerusform>%n neue Nachrichten — Zu den neuesten ↓</numerusform>
        </translation>
    </message>
    <message>
        <source>Jump to latest ↓</source>
        <translation>Zu den neuesten ↓</translation>
    </message>
</context>
<context>
    <name>chat::client::Notifier</name>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Show the chat</source>
        <translation>Chat anzeigen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>%1 mentioned you</source>
        <translation>%1 hat Sie erwähnt</translation>
    </message>
    <message numerus="yes">
        <source>Chat — %n unread</source>
        <translation>
            <numerusform>Chat — %n ungelesen</numerusform>
            <numerusform>Chat — %n ungelesen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 wrote to you</source>
        <translation>%1 hat Ihnen geschrieben</translation>
    </message>
</context>
<context>
    <name>chat::client::QuickSwitcher</name>
    <message>
        <source>Quick switcher</source>
        <translation>Schnellwechsel</translation>
    </message>
    <message>
        <source>Jump to a room or a person (# rooms, @ people)</source>
        <translation>Zu einem Raum oder einer Person springen (# Räume, @ Personen)</translation>
    </message>
    <message>
        <source>Room or person to jump to</source>
        <translation>Raum oder Person, zu der gesprungen wird</translation>
    </message>
    <message>
        <source>Rooms and people</source>
        <translation>Räume und Personen</translation>
    </message>
</context>
<context>
    <name>chat::client::QuickSwitcherModel</name>
    <message>
        <source>%1, no conversation yet</source>
        <translation>%1, noch kein Gespräch</translation>
    </message>
    <message>
        <source>room %1</source>
        <translation>Raum %1</translation>
    </message>
    <message>
        <source>private conversation with %1</source>
        <translation>privates Gespräch mit %1</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n ungelesen</numerusform>
            <numerusform>%n ungelesen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mention(s)</source>
        <translation>
            <numerusform>%n Erwähnung</numerusform>
            <numerusform>%n Erwähnungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chat::client::RoomDirectoryDialog</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Join or create a room</source>
        <translation>Einen Raum betreten oder anlegen</translation>
    </message>
    <message>
        <source>Filter, or the name of a new room</source>
        <translation>Filter, oder der Name eines neuen Raums</translation>
    </message>
    <message>
        <source>Filter rooms, or the name of a new room</source>
        <translation>Räume filtern, oder der Name eines neuen Raums</translation>
    </message>
    <message>
        <source>Rooms on the server</source>
        <translation>Räume auf dem Server</translation>
    </message>
    <message>
        <source>Refresh the list of rooms</source>
        <translation>Die Liste der Räume aktualisieren</translation>
    </message>
    <message>
        <source>Why no room can be chosen</source>
        <translation>Warum kein Raum gewählt werden kann</translation>
    </message>
    <message>
        <source>State of the list</source>
        <translation>Zustand der Liste</translation>
    </message>
    <message>
        <source>A room name has no spaces: letters, digits, “-”, “_” and “.” only.</source>
        <translation>Ein Raumname hat keine Leerzeichen: nur Buchstaben, Ziffern, „-“, „_“ und „.“.</translation>
    </message>
    <message>
        <source>A room name has at most %1 characters; this one has %2.</source>
        <translation>Ein Raumname hat höchstens %1 Zeichen; dieser hat %2.</translation>
    </message>
    <message>
        <source>Loading the server&apos;s rooms…</source>
        <translation>Die Räume des Servers werden geladen…</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Betreten</translation>
    </message>
    <message>
        <source>Open “%1”</source>
        <translation>„%1“ öffnen</translation>
    </message>
    <message>
        <source>Join “%1”</source>
        <translation>„%1“ betreten</translation>
    </message>
    <message>
        <source>Create room “%1”</source>
        <translation>Raum „%1“ anlegen</translation>
    </message>
    <message>
        <source>The invisible character %1 cannot be in a room name: letters, digits, “-”, “_” and “.” only.</source>
        <translation>Das unsichtbare Zeichen %1 darf nicht in einem Raumnamen stehen: nur Buchstaben, Ziffern, „-“, „_“ und „.“.</translation>
    </message>
    <message>
        <source>“%1” cannot be in a room name: letters, digits, “-”, “_” and “.” only.</source>
        <translation>„%1“ darf nicht in einem Raumnamen stehen: nur Buchstaben, Ziffern, „-“, „_“ und „.“.</translation>
    </message>
</context>
<context>
    <name>chat::client::RoomDirectoryModel</name>
    <message>
        <source>%1 (joined)</source>
        <translation>%1 (betreten)</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Raum</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Thema</translation>
    </message>
</context>
<context>
    <name>chat::client::TopicBar</name>
    <message>
        <source>Conversation and topic</source>
        <translation>Gespräch und Thema</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Gespräch</translation>
    </message>
    <message>
        <source>Edit the topic (F2)</source>
        <translation>Das Thema bearbeiten (F2)</translation>
    </message>
    <message>
        <source>Edit the topic</source>
        <translation>Das Thema bearbeiten</translation>
    </message>
    <message>
        <source>What this room is about</source>
        <translation>Worum es in diesem Raum geht</translation>
    </message>
    <message>
        <source>New topic</source>
        <translation>Neues Thema</translation>
    </message>
    <message>
        <source>Enter sets the topic, Escape leaves it as it was</source>
        <translation>Eingabe setzt das Thema, Escape lässt es, wie es war</translation>
    </message>
    <message>
        <source>Length of the topic</source>
        <translation>Länge des Themas</translation>
    </message>
    <message>
        <source>No topic — click to set one</source>
        <translation>Kein Thema — klicken, um eines zu setzen</translation>
    </message>
    <message>
        <source>No topic</source>
        <translation>Kein Thema</translation>
    </message>
    <message>
        <source>Topic: %1</source>
        <translation>Thema: %1</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message numerus="yes">
        <source>%n character(s) too many</source>
        <translation>
            <numerusform>%n Zeichen zu viel</numerusform>
            <numerusform>%n Zeichen zu viel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n character(s) left</source>
        <translation>
            <numerusform>noch %n Zeichen</numerusform>
            <numerusform>noch %n Zeichen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chat::client::TypingTracker</name>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 schreibt …</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 und %2 schreiben …</translation>
    </message>
    <message numerus="yes">
        <source>%n people are typing…</source>
        <translation>
            <numerusform>%n Person schreibt …</numerusform>
            <numerusform>%n Personen schreiben …</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chat::client::UserListModel</name>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (Sie)</translation>
    </message>
    <message>
        <source>%1 (as of the last connection)</source>
        <translation>%1 (Stand der letzten Verbindung)</translation>
    </message>
</context>
</TS>
