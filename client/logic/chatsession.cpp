#include "chatsession.h"

#include "clientsettings.h"
#include "codec.h"
#include "connectionfailure.h"
#include "textrules.h"
#include "validation.h"

#include <QLoggingCategory>
#include <QSslError>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcSession, "chat.client.session")

namespace chat::client {

namespace {
constexpr int typingIntervalMs = 3000; // how often "typing" goes out while the user types
constexpr int connectTimeoutMs = 15'000;
constexpr int rateLimitedRetryMs = 1000; // a message the server found too fast goes again

// A reason as the middle of a sentence: "The server is shutting down." loses its full stop.
QString clause(QString reason)
{
    while (reason.endsWith(QLatin1Char('.')))
        reason.chop(1);
    return reason;
}
} // namespace

ChatSession::ChatSession(QObject *parent) : QObject(parent), m_socket(new QWebSocket)
{
    m_socket->setParent(this);
    // The server's frames are small; refuse anything absurd rather than buffer it.
    m_socket->setMaxAllowedIncomingMessageSize(16 * 1024 * 1024);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ChatSession::connectNow);
    m_connectTimer.setSingleShot(true);
    m_connectTimer.setInterval(connectTimeoutMs);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        if (m_socket->state() == QAbstractSocket::ConnectedState)
            return; // connected; the join is under way
        m_timedOut = true;
        m_socket->abort();
    });
    m_paceTimer.setSingleShot(true);
    connect(&m_paceTimer, &QTimer::timeout, this, &ChatSession::flushOutbox);
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

void ChatSession::setReconnectDelays(int firstMs, int maxMs)
{
    m_backoff = Backoff(firstMs, maxMs);
}

qint64 ChatSession::msUntilReconnect() const
{
    return m_state == State::WaitingToReconnect ? m_reconnectTimer.remainingTime() : -1;
}

void ChatSession::open(const QUrl &url, const QString &name)
{
    if (m_socket->state() != QAbstractSocket::UnconnectedState) {
        // Leave the old conversation properly: the others see it at once.
        m_socket->disconnect(this);
        m_socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("Bye"));
        m_socket->flush();
    }
    if (url != m_url && !m_url.isEmpty()) { // another server: another conversation
        failOutbox();
        m_messages.clear();
        m_users.clear();
        m_typing.clear();
    }
    if (url != m_url || name.trimmed() != m_self.name) { // another server or name: start over
        m_token.clear();
        m_lastSeenId = 0;
        m_everJoined = false;
        m_outage = false;
        m_self = {};
    }
    m_url = url;
    m_requestedName = name;
    for (const QString &fingerprint : ClientSettings().trustedCertificates(url))
        m_trustedCertificates.insert(fingerprint.toUpper());
    m_wantConnected = true;
    m_backoff.reset();
    connectNow();
}

void ChatSession::connectNow()
{
    if (!m_wantConnected || m_url.isEmpty())
        return;
    m_reconnectTimer.stop();
    m_refusedCertificate.clear();
    m_timedOut = false;
    setState(State::Connecting);
    // The old connection's last signals (its disconnected, say) are not about this attempt:
    // listen again only once it is gone.
    m_socket->disconnect(this);
    m_socket->abort();
    connect(m_socket, &QWebSocket::connected, this, &ChatSession::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &ChatSession::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &ChatSession::onTextMessage);
    connect(m_socket, &QWebSocket::sslErrors, this, &ChatSession::onSslErrors);
    m_socket->open(m_url);
    m_connectTimer.start();
}

void ChatSession::reconnectNow()
{
    if (m_url.isEmpty())
        return;
    m_wantConnected = true;
    if (m_state == State::WaitingToReconnect || m_state == State::Disconnected)
        connectNow();
}

void ChatSession::close()
{
    m_wantConnected = false;
    m_reconnectTimer.stop();
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        failOutbox();
        setState(State::Disconnected);
        return;
    }
    m_socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("Bye"));
    m_socket->flush(); // the close frame leaves even if the application quits right after
}

void ChatSession::trustCertificate(const QString &fingerprint, Trust trust)
{
    m_trustedCertificates.insert(fingerprint.toUpper());
    if (trust == Trust::Remember && !m_url.isEmpty())
        ClientSettings().addTrustedCertificate(m_url, fingerprint.toUpper());
}

void ChatSession::onSslErrors(const QList<QSslError> &errors)
{
    QSslCertificate certificate = m_socket->sslConfiguration().peerCertificate();
    QStringList problems;
    for (const QSslError &error : errors) {
        problems << error.errorString();
        if (certificate.isNull())
            certificate = error.certificate();
    }
    const QString fingerprint =
        QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':')).toUpper();
    if (!certificate.isNull() && m_trustedCertificates.contains(fingerprint)) {
        m_socket->ignoreSslErrors();
        return;
    }
    m_refusedCertificate = fingerprint;
    emit untrustedCertificate(fingerprint, problems.join(QLatin1Char('\n')));
}

void ChatSession::onConnected()
{
    qCInfo(lcSession) << "connected to" << m_url.toString();
    m_connectTimer.stop();
    m_lastError.clear();
    m_users.setStale(false);
    join(m_requestedName);
}

void ChatSession::join(const QString &name)
{
    if (m_state != State::Connecting && m_state != State::NameRefused)
        return;
    m_requestedName = name;
    setState(State::Joining);
    JoinRequest request{
        name, {protocol::features::resume, protocol::features::typing}, m_token, std::nullopt};
    // The server sends what follows lastSeenId. A message sent but never acknowledged got its id
    // after what had been seen when it was sent: ask from there, so that it shows up if the
    // server has it (and is not sent twice).
    if (m_everJoined)
        request.lastSeenId = m_outbox.historyFrom(m_lastSeenId);
    m_joinRequestId = sendRequest(request);
}

qint64 ChatSession::sendRequest(const ClientEvent &event)
{
    const qint64 id = m_nextRequestId++;
    m_socket->sendTextMessage(QString::fromUtf8(codec::encode(ClientRequest{id, event})));
    return id;
}

bool ChatSession::sendMessage(const QString &text)
{
    if (m_url.isEmpty() || validation::checkMessageText(text, m_limits.maxTextBytes))
        return false;
    m_outbox.add(
        m_messages.appendOwn(m_self.key,
                             m_self.name.isEmpty() ? m_requestedName.trimmed() : m_self.name, text),
        text);
    flushOutbox();
    m_sinceTyping.invalidate(); // typing again after sending is news at once
    return true;
}

bool ChatSession::retry(quint64 serial)
{
    const int row = m_messages.rowOfSerial(serial);
    if (row < 0 || m_url.isEmpty())
        return false;
    const MessageListModel::Entry &entry = m_messages.entry(row);
    if (entry.kind != MessageListModel::Kind::Own ||
        entry.delivery != MessageListModel::Delivery::Failed)
        return false;
    m_outbox.add(serial, entry.text);
    m_messages.markPending(serial);
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
        [this](const QString &text) { return sendRequest(MessageRequest{text}); }, m_lastSeenId);
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
    m_socket->sendTextMessage(
        QString::fromUtf8(codec::encode(ClientRequest{std::nullopt, TypingRequest{}})));
}

void ChatSession::onDisconnected()
{
    m_outbox.connectionLost();
    m_joinRequestId = 0;
    m_connectTimer.stop();
    m_paceTimer.stop();
    m_typing.clear();
    m_users.setStale(true);

    const QString reason = describeFailure(*m_socket, m_timedOut);
    m_lastError = reason;
    const int code = m_socket->closeCode();
    qCInfo(lcSession) << "disconnected:" << reason << code;
    if (code == protocol::closeCodeSessionResumed) {
        m_wantConnected = false;
        notice(tr("This session continued in another window."));
    }
    if (!m_refusedCertificate.isEmpty()) {
        m_wantConnected = false; // until the user decides about the certificate
        notice(tr("Not connected: the server's certificate is not trusted (SHA-256 %1).")
                   .arg(m_refusedCertificate));
    }
    if (!m_wantConnected) {
        failOutbox();
        setState(State::Disconnected);
        emit connectionLost(reason);
        return;
    }
    if (!m_outage && m_everJoined)
        notice(tr("Connection lost: %1. Reconnecting…").arg(textrules::isolate(clause(reason))));
    m_outage = true;
    emit connectionLost(reason);
    scheduleReconnect();
}

void ChatSession::failOutbox()
{
    for (const Outbox::Message &message : m_outbox.takeAll())
        m_messages.markFailed(message.serial, tr("not sent: disconnected"));
}

void ChatSession::scheduleReconnect()
{
    const int delay = m_backoff.nextDelayMs();
    qCInfo(lcSession) << "next attempt in" << delay << "ms";
    m_reconnectTimer.start(delay);
    setState(State::WaitingToReconnect);
    emit reconnectScheduled(delay);
}

void ChatSession::notice(const QString &text)
{
    m_messages.appendNotice(text);
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
                m_messages.addPresence(e.user.name, true);
            } else if constexpr (std::is_same_v<T, UserDisconnected>) {
                m_users.remove(e.user.key);
                m_typing.stopped(e.user.key);
                m_messages.addPresence(e.user.name, false);
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
    if (msg.id <= m_lastSeenId)
        return; // already shown
    m_lastSeenId = msg.id;
    m_typing.stopped(msg.key);
    const bool own = msg.key == m_self.key;
    const bool mention = !own && textrules::mentions(msg.message, m_self.name);
    m_messages.queueChat(msg, own, mention);
    if (!own)
        emit messageReceived(msg, mention);
}

void ChatSession::onAck(const Ack &ack)
{
    if (ack.id == m_joinRequestId && m_state == State::Joining) {
        m_joinRequestId = 0;
        onJoinAck(ack);
        return;
    }
    if (auto message = m_outbox.takeAnswered(ack.id))
        onMessageAck(*message, ack);
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
    if (ack.error) {
        m_messages.markFailed(message.serial, ack.error->message);
        return;
    }
    const auto data = codec::messageAckFromJson(ack.data);
    if (!data) {
        m_messages.markFailed(message.serial, tr("the server's answer was not understood"));
        return;
    }
    m_messages.markDelivered(message.serial, data->id, data->ts);
    // Everything before it has reached us already: the ack follows its message's fan-out.
    m_lastSeenId = qMax(m_lastSeenId, data->id);
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
        m_wantConnected = false;
        m_socket->close(QWebSocketProtocol::CloseCodeProtocolError);
        return;
    }
    const QStringList ownKeys{m_self.key, data->key};
    const bool resumed = data->resumed && data->key == m_self.key;
    m_self = User{data->key, m_requestedName.trimmed()};
    for (const User &user : data->users) {
        if (user.key == data->key)
            m_self = user;
    }
    m_requestedName = m_self.name;
    m_token = data->token;
    m_serverFeatures = data->features;
    m_limits = data->limits.value_or(Limits{});
    m_outbox.setRate(m_limits.rateBurst, m_limits.ratePerSecond);
    m_users.reset(data->users, m_self.key);
    takeHistory(data->history, ownKeys);
    if (m_outage) {
        notice(resumed ? tr("Reconnected.") : tr("Reconnected as a new session."));
        if (data->historyGap)
            notice(tr("Some messages from while you were away are no longer on the server; "
                      "only the most recent are shown."));
    }
    m_outage = false;
    m_everJoined = true;
    m_backoff.reset();
    setState(State::Joined);
    flushOutbox(); // what waited, in order
    emit joined(resumed);
}

void ChatSession::takeHistory(const QList<ChatMsg> &history, const QStringList &ownKeys)
{
    if (!m_everJoined) {
        for (const ChatMsg &msg : history) {
            const bool own = msg.key == m_self.key;
            m_messages.queueChat(msg, own, !own && textrules::mentions(msg.message, m_self.name));
            m_lastSeenId = qMax(m_lastSeenId, msg.id);
        }
        m_messages.flushQueued(); // the history in one insertion, shown with the join
        return;
    }
    for (const ChatMsg &msg : history) {
        // An own message whose ack was lost with the connection: the server has it.
        if (ownKeys.contains(msg.key)) {
            if (const auto sent = m_outbox.takeSentAs(msg.message)) {
                m_messages.markDelivered(sent->serial, msg.id, msg.ts);
                m_lastSeenId = qMax(m_lastSeenId, msg.id);
                continue;
            }
        }
        if (msg.id <= m_lastSeenId)
            continue; // shown before the connection was lost
        m_lastSeenId = msg.id;
        const bool own = ownKeys.contains(msg.key);
        m_messages.addChat(msg, own, !own && textrules::mentions(msg.message, m_self.name));
    }
}

} // namespace chat::client
