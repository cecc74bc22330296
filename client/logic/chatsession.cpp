#include "chatsession.h"

#include "codec.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcSession, "chat.client.session")

namespace chat::client {

namespace {
qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

ChatSession::ChatSession(QObject *parent) : QObject(parent), m_socket(new QWebSocket)
{
    m_socket->setParent(this);
    // The server's frames are small; refuse anything absurd rather than buffer it.
    m_socket->setMaxAllowedIncomingMessageSize(16 * 1024 * 1024);
    connect(m_socket, &QWebSocket::connected, this, &ChatSession::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &ChatSession::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &ChatSession::onTextMessage);
}

ChatSession::~ChatSession()
{
    m_socket->disconnect(this);
}

void ChatSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void ChatSession::open(const QUrl &url, const QString &name)
{
    m_url = url;
    m_requestedName = name;
    m_pending.clear();
    setState(State::Connecting);
    m_socket->abort();
    m_socket->open(url);
}

void ChatSession::close()
{
    m_socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("Bye"));
}

void ChatSession::onConnected()
{
    qCInfo(lcSession) << "connected to" << m_url.toString();
    join(m_requestedName);
}

void ChatSession::join(const QString &name)
{
    if (m_state != State::Connecting && m_state != State::NameRefused)
        return;
    m_requestedName = name;
    setState(State::Joining);
    send(JoinRequest{name, {}, {}, {}}, {RequestKind::Join});
}

qint64 ChatSession::send(const ClientEvent &event, PendingRequest pending)
{
    const qint64 id = m_nextRequestId++;
    m_pending.insert(id, pending);
    m_socket->sendTextMessage(QString::fromUtf8(codec::encode(ClientRequest{id, event})));
    return id;
}

bool ChatSession::sendMessage(const QString &text)
{
    if (m_state != State::Joined || text.trimmed().isEmpty())
        return false;
    const int row = m_messages.append({MessageListModel::Kind::Own,
                                       m_self.name,
                                       text,
                                       now(),
                                       0,
                                       MessageListModel::Delivery::Pending,
                                       {}});
    send(MessageRequest{text}, {RequestKind::Message, row});
    return true;
}

void ChatSession::onDisconnected()
{
    const bool wasJoined = m_state == State::Joined;
    for (const PendingRequest &pending : std::as_const(m_pending)) {
        if (pending.kind == RequestKind::Message)
            m_messages.markFailed(pending.row, tr("the connection was lost"));
    }
    m_pending.clear();
    QString reason = m_socket->closeReason();
    if (reason.isEmpty())
        reason = m_socket->error() != QAbstractSocket::UnknownSocketError
                     ? m_socket->errorString()
                     : tr("the connection was closed");
    qCInfo(lcSession) << "disconnected:" << reason << m_socket->closeCode();
    m_users.clear();
    setState(State::Disconnected);
    if (wasJoined)
        notice(tr("Disconnected: %1").arg(reason));
    emit connectionLost(reason);
}

void ChatSession::notice(const QString &text)
{
    m_messages.append({MessageListModel::Kind::Notice,
                       {},
                       text,
                       now(),
                       0,
                       MessageListModel::Delivery::Delivered,
                       {}});
}

void ChatSession::onTextMessage(const QString &frame)
{
    const auto event = codec::decodeServerEvent(frame.toUtf8());
    if (!event) {
        qCWarning(lcSession) << "ignoring a frame that is not protocol v1:" << frame.left(200);
        return;
    }
    std::visit(
        [this](const auto &e) {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, Ack>) {
                onAck(e);
            } else if constexpr (std::is_same_v<T, ErrorEvent>) {
                qCWarning(lcSession) << "server error:" << e.error.message;
                emit serverError(e.error.message);
            } else if constexpr (std::is_same_v<T, UserConnected>) {
                m_users.add(e.user);
                m_messages.append({MessageListModel::Kind::Joined,
                                   e.user.name,
                                   {},
                                   now(),
                                   0,
                                   MessageListModel::Delivery::Delivered,
                                   {}});
            } else if constexpr (std::is_same_v<T, UserDisconnected>) {
                m_users.remove(e.user.key);
                m_messages.append({MessageListModel::Kind::Left,
                                   e.user.name,
                                   {},
                                   now(),
                                   0,
                                   MessageListModel::Delivery::Delivered,
                                   {}});
            } else if constexpr (std::is_same_v<T, Typing>) {
            } else {
                m_messages.append({MessageListModel::Kind::Chat,
                                   e.msg.sender,
                                   e.msg.message,
                                   e.msg.ts,
                                   e.msg.id,
                                   MessageListModel::Delivery::Delivered,
                                   {}});
            }
        },
        *event);
}

void ChatSession::onAck(const Ack &ack)
{
    const auto it = m_pending.constFind(ack.id);
    if (it == m_pending.cend())
        return; // not an answer to anything we asked
    const PendingRequest pending = *it;
    m_pending.erase(it);
    if (pending.kind == RequestKind::Join && m_state == State::Joining) {
        onJoinAck(ack);
        return;
    }
    if (pending.kind != RequestKind::Message || pending.row < 0)
        return;
    if (ack.error) {
        m_messages.markFailed(pending.row, ack.error->message);
        return;
    }
    const auto data = codec::messageAckFromJson(ack.data);
    if (data)
        m_messages.markDelivered(pending.row, data->id, data->ts);
    else
        m_messages.markFailed(pending.row, tr("the server's answer was not understood"));
}

void ChatSession::onJoinAck(const Ack &ack)
{
    if (ack.error) {
        setState(State::NameRefused);
        emit joinRefused(ack.error->message);
        return;
    }
    const auto data = codec::joinAckFromJson(ack.data);
    if (!data) {
        qCWarning(lcSession) << "join ack not understood; closing";
        m_socket->close(QWebSocketProtocol::CloseCodeProtocolError);
        return;
    }
    m_self = User{data->key, m_requestedName.trimmed()};
    for (const User &user : data->users) {
        if (user.key == data->key)
            m_self = user;
    }
    m_requestedName = m_self.name;
    m_users.reset(data->users, m_self.key);
    m_messages.appendHistory(data->history, m_self.key);
    setState(State::Joined);
    emit joined();
}

} // namespace chat::client
