#pragma once

#include "events.h"
#include "messagelistmodel.h"
#include "userlistmodel.h"

#include <QHash>
#include <QObject>
#include <QUrl>

class QWebSocket;

namespace chat::client {

// One connection to a chat server: owns the QWebSocket, speaks the codec, keeps the user and
// message models current. Widgets connect to its signals; they never see the socket.
class ChatSession : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
public:
    enum class State
    {
        Disconnected,
        Connecting,
        Joining,
        NameRefused,
        Joined
    };
    Q_ENUM(State)

    explicit ChatSession(QObject *parent = nullptr);
    ~ChatSession() override;

    // Connects to `url` and joins as `name` as soon as the connection is up.
    void open(const QUrl &url, const QString &name);
    // Tries another name on the open connection (after joinRefused).
    void join(const QString &name);
    // Sends `text` as a message: it appears at once as pending, then delivered or failed.
    // Returns false (and sends nothing) for blank text or when not joined.
    bool sendMessage(const QString &text);
    // Closes the connection with a close handshake.
    void close();

    State state() const { return m_state; }
    QUrl url() const { return m_url; }
    // The name joined with, or the one asked for while not joined.
    QString name() const { return m_requestedName; }
    QString key() const { return m_self.key; }
    UserListModel *users() { return &m_users; }
    MessageListModel *messages() { return &m_messages; }

signals:
    void stateChanged(chat::client::ChatSession::State state);
    void joined();
    void joinRefused(const QString &reason);
    void connectionLost(const QString &reason);
    // An error the server reported that belongs to no request of ours.
    void serverError(const QString &message);

private:
    enum class RequestKind
    {
        Join,
        Message
    };
    struct PendingRequest
    {
        RequestKind kind = RequestKind::Message;
        int row = -1; // the message's row, for Message
    };

    void setState(State state);
    qint64 send(const ClientEvent &event, PendingRequest pending);
    void onConnected();
    void onDisconnected();
    void onTextMessage(const QString &frame);
    void onAck(const Ack &ack);
    void onJoinAck(const Ack &ack);
    void notice(const QString &text);

    QWebSocket *m_socket;
    QUrl m_url;
    QString m_requestedName;
    User m_self;
    State m_state = State::Disconnected;
    qint64 m_nextRequestId = 1;
    QHash<qint64, PendingRequest> m_pending;
    UserListModel m_users;
    MessageListModel m_messages;
};

} // namespace chat::client
