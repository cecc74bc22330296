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
    <name>chat::client::AccountController</name>
    <message>
        <source>This name is already registered. If it is yours, connect again and enter its password.</source>
        <translation>Dieser Name ist bereits registriert. Wenn es Ihrer ist, verbinden Sie sich erneut und geben Sie sein Passwort ein.</translation>
    </message>
    <message>
        <source>The server does not accept this password: it must be 8 to 1,024 bytes long.</source>
        <translation>Der Server nimmt dieses Passwort nicht an: Es muss 8 bis 1.024 Bytes lang sein.</translation>
    </message>
    <message>
        <source>This server does not let you register names yourself: %1</source>
        <translation>Auf diesem Server können Sie Namen nicht selbst registrieren: %1</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>Das aktuelle Passwort ist falsch.</translation>
    </message>
    <message>
        <source>The server asks you to wait: %1</source>
        <translation>Der Server bittet Sie zu warten: %1</translation>
    </message>
    <message>
        <source>&amp;Register this name…</source>
        <translation>Diesen Namen &amp;registrieren …</translation>
    </message>
    <message>
        <source>&amp;Change password…</source>
        <translation>Passwort ä&amp;ndern …</translation>
    </message>
    <message>
        <source>Only on a server that keeps accounts, once joined.</source>
        <translation>Nur auf einem Server mit Konten, sobald Sie beigetreten sind.</translation>
    </message>
    <message>
        <source>Make this name yours on this server, with a password.</source>
        <translation>Diesen Namen auf diesem Server mit einem Passwort für sich reservieren.</translation>
    </message>
    <message>
        <source>Change the password of this registered name.</source>
        <translation>Das Passwort dieses registrierten Namens ändern.</translation>
    </message>
    <message>
        <source>The remembered password was refused; it may have been changed. Enter the current one.</source>
        <translation>Das gespeicherte Passwort wurde abgelehnt; vielleicht wurde es geändert. Geben Sie das aktuelle ein.</translation>
    </message>
    <message>
        <source>The password was wrong. Try again.</source>
        <translation>Das Passwort war falsch. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The server password was wrong. Try again.</source>
        <translation>Das Serverpasswort war falsch. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>Bitte warten</translation>
    </message>
    <message>
        <source>%1 asks you to wait before joining again.</source>
        <translation>%1 bittet Sie, vor dem nächsten Beitrittsversuch zu warten.</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Banned</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>%1 does not let %2 in.</source>
        <translation>%1 lässt %2 nicht herein.</translation>
    </message>
    <message>
        <source>Registered names only</source>
        <translation>Nur registrierte Namen</translation>
    </message>
    <message>
        <source>%1 admits registered names only, and %2 is not registered there.</source>
        <translation>%1 lässt nur registrierte Namen zu, und %2 ist dort nicht registriert.</translation>
    </message>
    <message>
        <source>C&amp;hange server or name…</source>
        <translation>Server oder Namen än&amp;dern…</translation>
    </message>
    <message>
        <source>%1 is registered; you will join with its password from now on.</source>
        <translation>%1 ist registriert; Sie treten ab jetzt mit seinem Passwort bei.</translation>
    </message>
    <message>
        <source>The password of %1 is changed.</source>
        <translation>Das Passwort von %1 ist geändert.</translation>
    </message>
</context>
<context>
    <name>chat::client::AccountPasswordDialog</name>
    <message>
        <source>New password</source>
        <translation>Neues Passwort</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Neues Passwort wiederholen</translation>
    </message>
    <message>
        <source>&amp;Remember password</source>
        <translation>Passwort &amp;merken</translation>
    </message>
    <message>
        <source>Register %1</source>
        <translation>%1 registrieren</translation>
    </message>
    <message>
        <source>Register %1 on %2: from then on only you can join with this name, with this password.</source>
        <translation>%1 auf %2 registrieren: Danach können nur Sie mit diesem Namen beitreten, mit diesem Passwort.</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>&amp;Registrieren</translation>
    </message>
    <message>
        <source>Change the password of %1</source>
        <translation>Passwort von %1 ändern</translation>
    </message>
    <message>
        <source>Change the password of %1 on %2.</source>
        <translation>Das Passwort von %1 auf %2 ändern.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Aktuelles Passwort</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>&amp;Aktuelles Passwort:</translation>
    </message>
    <message>
        <source>&amp;Change</source>
        <translation>Ä&amp;ndern</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Neues Passwort:</translation>
    </message>
    <message>
        <source>New password &amp;again:</source>
        <translation>Neues Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>The password will not be remembered on this system: there is no keychain (such as GNOME Keyring or KWallet) to keep it safely.</source>
        <translation>Auf diesem System wird das Passwort nicht gespeichert: Es gibt keinen Schlüsselbund (wie GNOME Keyring oder KWallet), der es sicher aufbewahrt.</translation>
    </message>
    <message>
        <source>Enter the current password.</source>
        <translation>Geben Sie das aktuelle Passwort ein.</translation>
    </message>
    <message numerus="yes">
        <source>The new password needs at least %n byte(s).</source>
        <translation>
            <numerusform>Das neue Passwort braucht mindestens %n Byte.</numerusform>
            <numerusform>Das neue Passwort braucht mindestens %n Bytes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The new password may have at most %n byte(s).</source>
        <translation>
            <numerusform>Das neue Passwort darf höchstens %n Byte haben.</numerusform>
            <numerusform>Das neue Passwort darf höchstens %n Bytes haben.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>Die beiden neuen Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Waiting for the server…</source>
        <translation>Warten auf den Server …</translation>
    </message>
</context>
<context>
    <name>chat::client::BansDialog</name>
    <message>
        <source>&amp;Unban</source>
        <translation>Sperre &amp;aufheben</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Bans</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Bans on the server</source>
        <translation>Sperren auf dem Server</translation>
    </message>
    <message>
        <source>State of the list</source>
        <translation>Zustand der Liste</translation>
    </message>
    <message>
        <source>until unbanned</source>
        <translation>bis zur Aufhebung</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Nobody is banned.</source>
        <translation>Niemand ist gesperrt.</translation>
    </message>
    <message numerus="yes">
        <source>%n ban(s)</source>
        <translation>
            <numerusform>%n Sperre</numerusform>
            <numerusform>%n Sperren</numerusform>
        </translation>
    </message>
    <message>
        <source>Unbanning %1…</source>
        <translation>Sperre von %1 wird aufgehoben…</translation>
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
    <message>
        <source>The server asks to wait: %1</source>
        <translation>Der Server bittet zu warten: %1</translation>
    </message>
    <message>
        <source>Not connected to a server with accounts.</source>
        <translation>Nicht mit einem Server mit Konten verbunden.</translation>
    </message>
    <message>
        <source>The connection was lost before the server answered.</source>
        <translation>Die Verbindung brach ab, bevor der Server antwortete.</translation>
    </message>
    <message>
        <source>%1. The client will not reconnect on its own; reconnect by hand (Chat → Reconnect now) when you may come back.</source>
        <translation>%1. Das Programm verbindet sich nicht von selbst wieder; verbinden Sie sich von Hand neu (Chat → Jetzt neu verbinden), wenn Sie zurückkommen dürfen.</translation>
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
    <message>
        <source>%1 — not reconnecting on its own</source>
        <translation>%1 — keine automatische Neuverbindung</translation>
    </message>
    <message>
        <source>Not joined to %1: %2</source>
        <translation>%1 nicht beigetreten: %2</translation>
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
    <name>chat::client::LocationBook</name>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>chat::client::LocationSource</name>
    <message numerus="yes">
        <source>it gave none within %n second(s)</source>
        <translation>
            <numerusform>es lieferte innerhalb von %n Sekunde keine</numerusform>
            <numerusform>es lieferte innerhalb von %n Sekunden keine</numerusform>
        </translation>
    </message>
    <message>
        <source>this system offers no position source</source>
        <translation>dieses System bietet keine Positionsquelle</translation>
    </message>
    <message>
        <source>access to the position was denied</source>
        <translation>der Zugriff auf die Position wurde verweigert</translation>
    </message>
    <message>
        <source>the position source failed</source>
        <translation>die Positionsquelle ist ausgefallen</translation>
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
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>&amp;Moderation</source>
        <translation>&amp;Moderation</translation>
    </message>
    <message>
        <source>&amp;Bans…</source>
        <translation>&amp;Sperren…</translation>
    </message>
    <message>
        <source>&amp;Kick %1…</source>
        <translation>%1 &amp;hinauswerfen…</translation>
    </message>
    <message>
        <source>&amp;Ban %1…</source>
        <translation>%1 &amp;sperren…</translation>
    </message>
    <message>
        <source>Kick %1</source>
        <translation>%1 hinauswerfen</translation>
    </message>
    <message>
        <source>%1 leaves the server and may come back.</source>
        <translation>%1 verlässt den Server und darf zurückkommen.</translation>
    </message>
    <message>
        <source>&amp;Kick</source>
        <translation>&amp;Hinauswerfen</translation>
    </message>
    <message>
        <source>Optional; %1 sees it</source>
        <translation>Freiwillig; %1 bekommt ihn zu sehen</translation>
    </message>
    <message>
        <source>Ban %1</source>
        <translation>%1 sperren</translation>
    </message>
    <message>
        <source>%1 leaves the server and cannot join again, by this name or from this address, until the ban ends.</source>
        <translation>%1 verlässt den Server und kann bis zum Ende der Sperre weder unter diesem Namen noch von dieser Adresse aus wieder beitreten.</translation>
    </message>
    <message>
        <source>&amp;Ban</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>&amp;Delete message…</source>
        <translation>Nachricht &amp;löschen…</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>Nachricht löschen</translation>
    </message>
    <message>
        <source>Delete this message for everyone?</source>
        <translation>Diese Nachricht für alle löschen?</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Delete this message of %1 for everyone?</source>
        <translation>Diese Nachricht von %1 für alle löschen?</translation>
    </message>
    <message>
        <source>Optional; kept in the server&apos;s log</source>
        <translation>Freiwillig; wird im Protokoll des Servers festgehalten</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>Show &amp;map</source>
        <translation>&amp;Karte anzeigen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+M</source>
        <translation>Ctrl+Shift+M</translation>
    </message>
    <message>
        <source>Ma&amp;p</source>
        <translation>Kar&amp;te</translation>
    </message>
</context>
<context>
    <name>chat::client::MapPanel</name>
    <message>
        <source>&amp;Share my location</source>
        <translation>Meinen &amp;Standort teilen</translation>
    </message>
    <message>
        <source>S&amp;top sharing</source>
        <translation>Teilen &amp;beenden</translation>
    </message>
    <message>
        <source>Location sharing</source>
        <translation>Standort teilen</translation>
    </message>
    <message>
        <source>Show the others where you are: from the system&apos;s position, or a point you click on the map</source>
        <translation>Den anderen zeigen, wo Sie sind: die Position des Systems oder ein Punkt, den Sie auf der Karte anklicken</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ganze Welt</translation>
    </message>
    <message>
        <source>Show the whole world</source>
        <translation>Die ganze Welt zeigen</translation>
    </message>
    <message>
        <source>Sharing your position from the system.</source>
        <translation>Ihre Position vom System wird geteilt.</translation>
    </message>
    <message>
        <source>The server did not take the position: %1</source>
        <translation>Der Server hat die Position nicht angenommen: %1</translation>
    </message>
    <message>
        <source>Looking for your position…</source>
        <translation>Ihre Position wird gesucht…</translation>
    </message>
    <message>
        <source>No position from the system (%1). Click on the map to share that point.</source>
        <translation>Keine Position vom System (%1). Klicken Sie auf die Karte, um diesen Punkt zu teilen.</translation>
    </message>
    <message>
        <source>Sharing the point you picked. Click elsewhere to move it.</source>
        <translation>Der gewählte Punkt wird geteilt. Klicken Sie woanders hin, um ihn zu verschieben.</translation>
    </message>
    <message>
        <source>Not sharing your location.</source>
        <translation>Ihr Standort wird nicht geteilt.</translation>
    </message>
    <message>
        <source>This server does not share locations.</source>
        <translation>Dieser Server teilt keine Standorte.</translation>
    </message>
</context>
<context>
    <name>chat::client::MapView</name>
    <message>
        <source>World map</source>
        <translation>Weltkarte</translation>
    </message>
    <message>
        <source>Where people share their location. Arrow keys move the map, plus and minus zoom, Home shows the whole world.</source>
        <translation>Wo andere ihren Standort teilen. Die Pfeiltasten verschieben die Karte, Plus und Minus zoomen, Pos1 zeigt die ganze Welt.</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (Sie)</translation>
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
    <name>chat::client::Moderation</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <source>Cannot kick %1</source>
        <translation>%1 kann nicht hinausgeworfen werden</translation>
    </message>
    <message>
        <source>%1 was kicked.</source>
        <translation>%1 wurde hinausgeworfen.</translation>
    </message>
    <message>
        <source>Cannot ban %1</source>
        <translation>%1 kann nicht gesperrt werden</translation>
    </message>
    <message>
        <source>%1 was banned.</source>
        <translation>%1 wurde gesperrt.</translation>
    </message>
    <message>
        <source>Cannot unban %1</source>
        <translation>Die Sperre von %1 kann nicht aufgehoben werden</translation>
    </message>
    <message>
        <source>%1 was unbanned.</source>
        <translation>Die Sperre von %1 wurde aufgehoben.</translation>
    </message>
    <message>
        <source>Cannot list the bans: %1</source>
        <translation>Die Sperren können nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>the server&apos;s answer was not understood</source>
        <translation>die Antwort des Servers wurde nicht verstanden</translation>
    </message>
    <message>
        <source>Cannot delete the message</source>
        <translation>Die Nachricht kann nicht gelöscht werden</translation>
    </message>
    <message>
        <source>The message was deleted.</source>
        <translation>Die Nachricht wurde gelöscht.</translation>
    </message>
    <message>
        <source>Kicked from the server</source>
        <translation>Vom Server hinausgeworfen</translation>
    </message>
    <message>
        <source>Kicked by %1</source>
        <translation>Hinausgeworfen von %1</translation>
    </message>
    <message>
        <source>Banned from the server until %1</source>
        <translation>Vom Server gesperrt bis %1</translation>
    </message>
    <message>
        <source>Banned by %1 until %2</source>
        <translation>Gesperrt von %1 bis %2</translation>
    </message>
    <message>
        <source>Banned from the server until further notice</source>
        <translation>Vom Server gesperrt bis auf Weiteres</translation>
    </message>
    <message>
        <source>Banned by %1 until further notice</source>
        <translation>Gesperrt von %1 bis auf Weiteres</translation>
    </message>
    <message>
        <source>%1 (no reason given)</source>
        <translation>%1 (ohne Angabe von Gründen)</translation>
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
    <name>chat::client::PasswordDialog</name>
    <message>
        <source>&amp;Remember password</source>
        <translation>Passwort &amp;merken</translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation>Passwort für %1</translation>
    </message>
    <message>
        <source>%1 is a registered name on %2. Enter its password to join.</source>
        <translation>%1 ist auf %2 ein registrierter Name. Geben Sie sein Passwort ein, um beizutreten.</translation>
    </message>
    <message>
        <source>Server password</source>
        <translation>Serverpasswort</translation>
    </message>
    <message>
        <source>The server %1 asks for its join password before %2 can join.</source>
        <translation>Der Server %1 verlangt sein Beitrittspasswort, bevor %2 beitreten kann.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>&amp;Beitreten</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Server &amp;password:</source>
        <translation>Server&amp;passwort:</translation>
    </message>
    <message>
        <source>The password will not be remembered on this system: there is no keychain (such as GNOME Keyring or KWallet) to keep it safely.</source>
        <translation>Auf diesem System wird das Passwort nicht gespeichert: Es gibt keinen Schlüsselbund (wie GNOME Keyring oder KWallet), der es sicher aufbewahrt.</translation>
    </message>
    <message>
        <source>Looking for the system&apos;s keychain…</source>
        <translation>Suche nach dem Schlüsselbund des Systems …</translation>
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
    <name>chat::client::ReasonDialog</name>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>1 week</source>
        <translation>1 Woche</translation>
    </message>
    <message>
        <source>Permanent (until unbanned)</source>
        <translation>Dauerhaft (bis zur Aufhebung)</translation>
    </message>
    <message>
        <source>Duration of the ban</source>
        <translation>Dauer der Sperre</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>&amp;Dauer:</translation>
    </message>
</context>
<context>
    <name>chat::client::RemovalBanner</name>
    <message>
        <source>Re&amp;connect</source>
        <translation>Neu &amp;verbinden</translation>
    </message>
    <message>
        <source>Removed from the server</source>
        <translation>Vom Server entfernt</translation>
    </message>
    <message>
        <source>Reconnect to the server</source>
        <translation>Neu mit dem Server verbinden</translation>
    </message>
    <message>
        <source>%1. The client will not reconnect on its own.</source>
        <translation>%1. Das Programm verbindet sich nicht von selbst wieder.</translation>
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
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Moderator</source>
        <translation>Moderator</translation>
    </message>
    <message>
        <source>Registered name</source>
        <translation>Registrierter Name</translation>
    </message>
</context>
</TS>
