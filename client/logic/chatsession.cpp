#include "chatsession.h"

#include "clientsettings.h"
#include "codec.h"
#include "textrules.h"
#include "validation.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSession, "chat.client.session")

namespace chat::client {

namespace {
constexpr int typingIntervalMs = 3000;   // how often "typing" goes out while the user types
constexpr int rateLimitedRetryMs = 1000; // a message the server found too fast goes again

// Whether two spellings are the same name for its password (the server's uniqueness is wider:
// a look-alike is one account too; then the server asks again).
bool sameName(const QString &a, const QString &b)
{
    return a.trimmed().toCaseFolded() == b.trimmed().toCaseFolded();
}

// A reason as the middle of a sentence: "The server is shutting down." loses its full stop.
QString clause(QString reason)
{
    while (reason.endsWith(QLatin1Char('.')))
        reason.chop(1);
    return reason;
}
} // namespace

ChatSession::ChatSession(QObject *parent)
    : QObject(parent),
      m_moderation(&m_conversations, [this](const ClientEvent &event,
                                            Reply reply) { sendRequest(event, std::move(reply)); }),
      m_location([this](const ClientEvent &event, LocationSharing::Reply reply) {
          sendRequest(event, std::move(reply));
      })
{
    connect(&m_connection, &ServerConnection::connected, this, &ChatSession::onConnected);
    connect(&m_connection, &ServerConnection::disconnected, this, &ChatSession::onDisconnected);
    connect(&m_connection, &ServerConnection::textReceived, this, &ChatSession::onTextMessage);
    connect(&m_connection, &ServerConnection::reconnectScheduled, this,
            &ChatSession::reconnectScheduled);
    connect(&m_connection, &ServerConnection::untrustedCertificate, this,
            &ChatSession::untrustedCertificate);
    connect(&m_connection, &ServerConnection::stateChanged, this,
            [this](ServerConnection::State state) {
                if (state == ServerConnection::State::Connecting)
                    setState(State::Connecting);
            });
    // Removed by a moderator (`kicked` comes before the close): the close that follows is final.
    connect(&m_moderation, &Moderation::removed, &m_connection,
            &ServerConnection::stopReconnecting);
    m_paceTimer.setSingleShot(true);
    connect(&m_paceTimer, &QTimer::timeout, this, &ChatSession::flushOutbox);
}

ChatSession::~ChatSession() = default;

void ChatSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void ChatSession::open(const QUrl &url, const QString &name)
{
    const QUrl previous = m_connection.url();
    if (url != previous && !previous.isEmpty()) { // another server: another conversation
        failOutbox();
        m_conversations.clear();
        m_users.clear();
        m_typing.clear();
    }
    // A password is the name's, a server password the server's: set before the first open(),
    // they are for it.
    if (!previous.isEmpty() && url != previous)
        m_serverPassword = QString();
    if (!previous.isEmpty() && (url != previous || !sameName(name, m_requestedName)))
        m_password = QString();
    if (url != previous || name.trimmed() != m_self.name) { // another server or name: start over
        m_token.clear();
        m_lastSeenId = 0;
        m_everJoined = false;
        m_outage = false;
        m_self = {};
        m_rememberedRooms = ClientSettings().rooms(url, name.trimmed());
        m_location.clear();
    }
    m_requestedName = name;
    m_moderation.clearRemoval(); // a new start, chosen by the user
    m_connection.open(url);
}

void ChatSession::close()
{
    if (m_state == State::LoginRefused)
        setState(State::Disconnected); // what the user was asked no longer matters
    if (m_connection.state() == ServerConnection::State::Disconnected ||
        m_connection.state() == ServerConnection::State::WaitingToReconnect) {
        m_connection.close();
        failOutbox();
        setState(State::Disconnected);
        return;
    }
    m_connection.close(); // onDisconnected follows
}

void ChatSession::onConnected()
{
    m_users.setStale(false);
    join(m_requestedName);
}

void ChatSession::join(const QString &name)
{
    if (m_state != State::Connecting && m_state != State::NameRefused &&
        m_state != State::LoginRefused)
        return;
    if (!sameName(name, m_requestedName))
        m_password = QString(); // it was the other name's
    m_requestedName = name;
    setState(State::Joining);
    JoinRequest request{name,
                        {protocol::features::resume, protocol::features::typing,
                         protocol::features::rooms, protocol::features::accounts,
                         protocol::features::location},
                        m_token,
                        std::nullopt};
    if (!m_password.isEmpty())
        request.password = m_password;
    if (!m_serverPassword.isEmpty())
        request.serverPassword = m_serverPassword;
    m_sentServerPassword = request.serverPassword.has_value();
    // The server sends what follows lastSeenId. A message sent but never acknowledged got its id
    // after what had been seen when it was sent: ask from there, so that it shows up if the
    // server has it (and is not sent twice).
    if (m_everJoined)
        request.lastSeenId = m_outbox.historyFrom(m_lastSeenId);
    request.rooms = roomsToEnter();
    m_askedForRooms = request.rooms.has_value();
    m_joinRequestId = sendRequest(request);
}

qint64 ChatSession::sendRequest(const ClientEvent &event, Reply reply)
{
    const qint64 id = m_nextRequestId++;
    if (!m_connection.send(codec::encode(ClientRequest{id, event}))) {
        if (reply)
            reply(nullptr);
        return id;
    }
    if (reply)
        m_replies.insert(id, std::move(reply));
    return id;
}

std::optional<Outbox::Destination> ChatSession::currentDestination() const
{
    const auto current = m_conversations.current();
    if (!current)
        return std::nullopt;
    return Outbox::Destination{current->kind == Kind::Private, current->id};
}

MessageListModel *ChatSession::modelFor(const Outbox::Destination &to) const
{
    return m_conversations.messages(to.privately ? Kind::Private : Kind::Room, to.id);
}

bool ChatSession::sendMessage(const QString &text)
{
    const auto to = currentDestination();
    if (url().isEmpty() || !to || validation::checkMessageText(text, m_limits.maxTextBytes))
        return false;
    const QString sender = m_self.name.isEmpty() ? m_requestedName.trimmed() : m_self.name;
    m_outbox.add(modelFor(*to)->appendOwn(m_self.key, sender, text), text, *to);
    flushOutbox();
    m_sinceTyping.invalidate(); // typing again after sending is news at once
    return true;
}

bool ChatSession::retry(quint64 serial)
{
    const auto to = currentDestination();
    MessageListModel *model = to ? modelFor(*to) : nullptr;
    const int row = model ? model->rowOfSerial(serial) : -1;
    if (row < 0 || url().isEmpty())
        return false;
    const MessageListModel::Entry &entry = model->entry(row);
    if (entry.kind != MessageListModel::Kind::Own ||
        entry.delivery != MessageListModel::Delivery::Failed)
        return false;
    m_outbox.add(serial, entry.text, *to);
    model->markPending(serial);
    if (m_state == State::Disconnected)
        reconnectNow();
    flushOutbox();
    return true;
}

void ChatSession::flushOutbox()
{
    if (m_state != State::Joined)
        return;
    const int waitMs = m_outbox.send(
        [this](const Outbox::Message &message) {
            if (message.to.privately)
                return sendRequest(PrivateRequest{message.to.id, message.text});
            // A v1 server knows one room and no `room` field.
            return sendRequest(
                MessageRequest{message.text, hasRooms() ? message.to.id : QString()});
        },
        m_lastSeenId);
    if (waitMs > 0)
        m_paceTimer.start(waitMs);
}

void ChatSession::notifyTyping()
{
    if (m_state != State::Joined || !m_serverFeatures.contains(protocol::features::typing))
        return;
    if (m_sinceTyping.isValid() && m_sinceTyping.elapsed() < typingIntervalMs)
        return;
    m_sinceTyping.start();
    m_connection.send(codec::encode(ClientRequest{std::nullopt, TypingRequest{}}));
}

void ChatSession::onDisconnected(const QString &reason, int closeCode,
                                 const QString &refusedCertificate, bool willReconnect)
{
    m_outbox.connectionLost();
    m_joinRequestId = 0;
    m_paceTimer.stop();
    m_typing.clear();
    m_users.setStale(true);
    m_location.disconnected();
    for (const Reply &reply : std::exchange(m_replies, {}))
        reply(nullptr);

    if (takeRemoval(closeCode)) {
        willReconnect = false;
    } else if (closeCode == protocol::closeCodeSessionResumed) {
        m_connection.stopReconnecting();
        willReconnect = false;
        notice(tr("This session continued in another window."));
    }
    if (!refusedCertificate.isEmpty())
        notice(tr("Not connected: the server's certificate is not trusted (SHA-256 %1).")
                   .arg(refusedCertificate));
    if (!willReconnect && m_state == State::LoginRefused) {
        // The user is being asked: retryLogin() connects again; what waits in the outbox
        // waits for it.
        emit connectionLost(reason);
        return;
    }
    if (!willReconnect) {
        failOutbox();
        setState(State::Disconnected);
        emit connectionLost(reason);
        return;
    }
    if (!m_outage && m_everJoined)
        notice(tr("Connection lost: %1. Reconnecting…").arg(textrules::isolate(clause(reason))));
    m_outage = true;
    setState(State::WaitingToReconnect);
    emit connectionLost(reason);
}

void ChatSession::failOutbox()
{
    for (const Outbox::Message &message : m_outbox.takeAll()) {
        if (MessageListModel *model = modelFor(message.to))
            model->markFailed(message.serial, tr("not sent: disconnected"));
    }
}

void ChatSession::onTextMessage(const QString &frame)
{
    const QByteArray json = frame.toUtf8();
    if (hasRooms()) {
        if (const auto event = codec::rooms::decodeRoomsEvent(json)) {
            onRoomsEvent(*event);
            return;
        }
    }
    const auto event = codec::decodeServerEvent(json);
    if (!event) {
        if (m_moderation.handleFrame(json) || m_location.handleFrame(json))
            return;
        qCWarning(lcSession) << "ignoring a frame that is not understood:" << frame.left(200);
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
                if (!hasRooms()) // a v1 server: everyone is in general
                    m_conversations.apply(codec::rooms::UserEntered{protocol::generalRoom, e.user});
            } else if constexpr (std::is_same_v<T, UserDisconnected>) {
                m_users.remove(e.user.key);
                m_typing.stopped(e.user.key);
                m_conversations.userDisconnected(e.user);
                m_location.userLeft(e.user.key);
            } else if constexpr (std::is_same_v<T, Typing>) {
                if (e.user.key != m_self.key)
                    m_typing.typing(e.user);
            } else {
                onChatMessage(e.msg);
            }
        },
        *event);
}

void ChatSession::onChatMessage(const ChatMsg &msg)
{
    // A v1 server's message (a rooms server sends its messages with a room).
    if (msg.id <= m_lastSeenId)
        return; // already shown
    onRoomsEvent(codec::rooms::RoomChatMsg{msg, protocol::generalRoom});
}

void ChatSession::onAck(const Ack &ack)
{
    if (ack.id == m_joinRequestId && m_state == State::Joining) {
        m_joinRequestId = 0;
        onJoinAck(ack);
        return;
    }
    if (auto message = m_outbox.takeAnswered(ack.id)) {
        onMessageAck(*message, ack);
        return;
    }
    if (const Reply reply = m_replies.take(ack.id))
        reply(&ack);
    // else: not an answer to anything we are waiting for
}

void ChatSession::onMessageAck(const Outbox::Message &message, const Ack &ack)
{
    if (ack.error && ack.error->code == protocol::ErrorCode::RateLimited) {
        // Faster than the server allows after all (clocks differ): it goes again, in its turn.
        m_outbox.sendAgain(message);
        m_paceTimer.start(rateLimitedRetryMs);
        return;
    }
    MessageListModel *model = modelFor(message.to);
    if (!model)
        return; // its conversation was left meanwhile
    if (ack.error) {
        model->markFailed(message.serial, ack.error->message);
        return;
    }
    const auto data = codec::messageAckFromJson(ack.data);
    if (!data) {
        model->markFailed(message.serial, tr("the server's answer was not understood"));
        return;
    }
    model->markDelivered(message.serial, data->id, data->ts);
    // Everything before it has reached us already: the ack follows its message's fan-out.
    m_lastSeenId = qMax(m_lastSeenId, data->id);
}

} // namespace chat::client
