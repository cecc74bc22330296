#pragma once

#include "backoff.h"
#include "events.h"
#include "messagelistmodel.h"
#include "outbox.h"
#include "typingtracker.h"
#include "userlistmodel.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>

class QSslError;
class QWebSocket;

namespace chat::client {

// One conversation with a chat server: owns the QWebSocket, speaks the codec, keeps the user and
// message models current. Widgets connect to its signals; they never see the socket.
//
// It heals itself: a connection lost for any reason but the user's own close is retried with
// exponential backoff and jitter, and the session is resumed (same key, only the messages missed
// since the last one seen; docs/protocol.md). Messages written meanwhile wait, visibly pending,
// and are sent once joined again; none shows twice.
class ChatSession : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
public:
    enum class State
    {
        Disconnected,       // not connected and not trying (never opened, closed, or refused)
        Connecting,         // opening the WebSocket
        Joining,            // join sent, waiting for its ack
        NameRefused,        // connected; the name was refused, join() tries another
        Joined,             // in the room
        WaitingToReconnect, // the connection was lost; the next attempt is scheduled
    };
    Q_ENUM(State)

    explicit ChatSession(QObject *parent = nullptr);
    ~ChatSession() override;

    // Connects to `url` and joins as `name` as soon as the connection is up.
    void open(const QUrl &url, const QString &name);
    // Tries another name on the open connection (after joinRefused).
    void join(const QString &name);
    // Queues `text` as a message: it appears at once as pending and is sent now, or after the
    // next join if the connection is down, paced to the server's announced rate. False (nothing
    // queued) for blank or oversized text, or before open().
    bool sendMessage(const QString &text);
    // Sends a message that was not delivered again (the line with this serial). False if it
    // is not one.
    bool retry(quint64 serial);
    // The user is typing: tells the others, at most every few seconds.
    void notifyTyping();
    // Leaves with a close handshake; no reconnection follows.
    void close();
    // Skips the wait before the next reconnection attempt.
    void reconnectNow();
    // Accepts a server certificate that the system does not trust, by SHA-256 fingerprint:
    // for this session, or remembered for the current server (ClientSettings) so that the next
    // start trusts it too. open() trusts what is remembered for its server. The one place that
    // decides which certificates are trusted.
    enum class Trust
    {
        ThisSession,
        Remember
    };
    void trustCertificate(const QString &fingerprint, Trust trust = Trust::ThisSession);
    // Reconnection delays (tests use short ones).
    void setReconnectDelays(int firstMs, int maxMs);
    // How long opening a connection may take before it counts as failed (timed out).
    void setConnectTimeout(int ms) { m_connectTimer.setInterval(ms); }

    State state() const { return m_state; }
    QUrl url() const { return m_url; }
    // The name joined with, or the one asked for while not joined.
    QString name() const { return m_requestedName; }
    QString key() const { return m_self.key; }
    qint64 lastSeenId() const { return m_lastSeenId; }
    // The server's limit on a message's text in UTF-8 bytes (its join ack, else the default).
    int maxTextBytes() const { return m_limits.maxTextBytes; }
    // Own messages not yet acknowledged by the server.
    int pendingCount() const { return int(m_outbox.size()); }
    // Milliseconds until the next reconnection attempt (WaitingToReconnect), else -1.
    qint64 msUntilReconnect() const;
    // Whether this session has joined on the current server since open(): false while a
    // mistyped address fails again and again.
    bool hasJoined() const { return m_everJoined; }
    // Why the last connection attempt failed or the connection was lost ("connection refused",
    // "server not found", …); empty while connected.
    QString lastError() const { return m_lastError; }
    UserListModel *users() { return &m_users; }
    MessageListModel *messages() { return &m_messages; }
    TypingTracker *typing() { return &m_typing; }

signals:
    void stateChanged(chat::client::ChatSession::State state);
    void joined(bool resumed);
    void joinRefused(const QString &reason);
    void connectionLost(const QString &reason);
    void reconnectScheduled(int delayMs);
    // A chat message from someone else arrived (live, not from history).
    void messageReceived(const chat::ChatMsg &msg, bool mentionsMe);
    // An error the server reported that belongs to no request of ours.
    void serverError(const QString &message);
    // The server's certificate is not trusted by the system; trustCertificate() and
    // reconnectNow() accept it.
    void untrustedCertificate(const QString &fingerprint, const QString &problems);

private:
    void setState(State state);
    qint64 sendRequest(const ClientEvent &event);
    // Sends what waits in the outbox, in order, as fast as the server's rate allows.
    void flushOutbox();
    void onConnected();
    void onDisconnected();
    void onSslErrors(const QList<QSslError> &errors);
    void onTextMessage(const QString &frame);
    void onAck(const Ack &ack);
    void onJoinAck(const Ack &ack);
    void onMessageAck(const Outbox::Message &message, const Ack &ack);
    void takeHistory(const QList<ChatMsg> &history, const QStringList &ownKeys);
    void onChatMessage(const ChatMsg &msg);
    void scheduleReconnect();
    // No reconnection will follow: what waits is marked not sent.
    void failOutbox();
    void connectNow();
    void notice(const QString &text);

    QWebSocket *m_socket;
    QUrl m_url;
    QString m_requestedName;
    User m_self;
    QString m_token;
    QStringList m_serverFeatures;
    Limits m_limits;
    qint64 m_lastSeenId = 0;
    State m_state = State::Disconnected;
    bool m_wantConnected = false; // open() until close()
    bool m_outage = false;        // a connection was lost and is not back yet
    bool m_everJoined = false;
    QString m_refusedCertificate;
    QSet<QString> m_trustedCertificates;

    qint64 m_nextRequestId = 1;
    qint64 m_joinRequestId = 0;
    Outbox m_outbox;
    QElapsedTimer m_sinceTyping;
    Backoff m_backoff;
    QTimer m_reconnectTimer;
    QTimer m_connectTimer; // an attempt that takes longer has failed
    QTimer m_paceTimer;    // the next queued message may go
    bool m_timedOut = false;
    QString m_lastError;
    UserListModel m_users;
    MessageListModel m_messages;
    TypingTracker m_typing;
};

} // namespace chat::client
