#include "clientconnection.h"

#include "codec.h"
#include "connectionlimiter.h"
#include "directtcpsocket.h"
#include "jsonbounds.h"
#include "logging.h"
#include "proxyheader.h"
#include "registry.h"
#include "roomscodec.h"
#include "serverconfig.h"
#include "tlstransport.h"
#include "wireframe.h"
#include "worker.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTimer>

#include <QWebSocket>

namespace chat::server {

namespace {
// The client's address: the socket's peer, unless a trusted proxy said whose it is.
QHostAddress clientAddress(const QTcpSocket *transport)
{
    const QVariant told = transport->property(proxyheader::clientAddressProperty);
    return told.isValid() ? told.value<QHostAddress>() : transport->peerAddress();
}
} // namespace

ClientConnection::ClientConnection(QWebSocket *socket, QTcpSocket *transport, quint64 id,
                                   Registry &registry, const ServerConfig &config, Worker *worker)
    : QObject(worker), m_socket(socket), m_transport(transport),
      m_direct(qobject_cast<DirectTcpSocket *>(transport)),
      m_tls(dynamic_cast<TlsTransport *>(transport)), m_peer(clientAddress(transport)), m_id(id),
      m_worker(*worker), m_registry(registry), m_limiter(worker->limiter()), m_config(config),
      m_messageRate(config.messageRate), m_budget(config), m_gatekeeper(worker->gatekeeper())
{
    // Every signal connection here is ~100 bytes on each of thousands of idle connections:
    // only what is needed (the join deadline is the worker's, not a timer per connection).
    socket->setParent(this);
    applyLimits();
    transport->setReadBufferSize(0); // the budgets count from here (Worker::adoptSocket)
    const auto gate = [this](const char *data, qint64 size) {
        return admitOwnWrite(data, size);
    };
    if (m_direct)
        m_direct->setOwnWriteGate(gate);
    else if (m_tls)
        m_tls->setOwnWriteGate(gate);
    connect(socket, &QWebSocket::textMessageReceived, this, &ClientConnection::onTextMessage);
    connect(socket, &QWebSocket::textFrameReceived, this,
            [this](const QString &, bool last) { onDataFrame(last); });
    // The first binary frame ends the connection: a binary message is never read whole.
    connect(socket, &QWebSocket::binaryFrameReceived, this, &ClientConnection::onBinaryFrame);
    connect(socket, &QWebSocket::disconnected, this, &ClientConnection::onDisconnected);
    connect(socket, &QWebSocket::pong, this, [this] {
        m_lastSeen = clock();
        onControlFrame();
    });
    // A close the client starts is seen in admitOwnWrite(), when QWebSocket answers it.
    restartJoinDeadline(m_config.joinTimeoutMs);
}

ClientConnection::~ClientConnection()
{
    if (m_user) {
        m_registry.leave(m_id, *m_user);
        forgetUser();
    }
    // The QWebSocket uses the transport but does not own it: it goes first, then the transport
    // (which frees the connection's slot in the limiter).
    // Deleting a connected QWebSocket closes it, which would call back into this half-destroyed
    // object: stop listening first.
    if (m_socket)
        m_socket->disconnect(this);
    if (m_transport)
        m_transport->disconnect(this);
    delete m_socket.data();
    delete m_transport.data();
}

void ClientConnection::reply(const QByteArray &json)
{
    const QByteArray frame = wire::textFrame(json);
    if (!isJoined()) {
        allowReply(frame.size());
        sendFrame(frame);
        return;
    }
    // Queued behind the broadcasts this request caused: a sender that waits for its ack cannot
    // outrun the fan-out, and replies keep the order of the requests.
    m_worker.postReply(m_id, frame);
}

void ClientConnection::applyLimits()
{
    if (m_socket) {
        m_socket->setMaxAllowedIncomingMessageSize(quint64(m_config.maxIncomingMessageBytes));
        m_socket->setMaxAllowedIncomingFrameSize(quint64(m_config.maxIncomingMessageBytes));
    }
    m_messageRate.refill(m_config.messageRate);
    m_budget.reset();
}

qint64 ClientConnection::queuedBytes() const
{
    if (!m_transport)
        return 0;
    // QSslSocket's bytesToWrite() counts only what is not encrypted yet; what it encrypted waits
    // in its plain socket's unbounded buffer: both are this reader's backlog.
    return m_transport->bytesToWrite() + (m_tls ? m_tls->encryptedBytesToWrite() : 0);
}

void ClientConnection::sendFrame(const QByteArray &frame)
{
    const WireChunk chunk{frame.constData(), frame.size()};
    writeChunks(&chunk, 1);
}

void ClientConnection::writeChunks(const WireChunk *chunks, size_t count)
{
    if (m_closing || !m_transport)
        return;
    if (m_direct)
        m_direct->writeChunks(chunks, count);
    else if (m_tls)
        m_tls->writeChunks(chunks, count); // the socket encrypts, so the bytes go through it
    if (queuedBytes() > sendCap())
        closeSlowReader(queuedBytes());
}

void ClientConnection::close(int closeCode, const QString &reason)
{
    if (m_closing || !m_socket)
        return;
    m_closing = true;
    m_socket->close(QWebSocketProtocol::CloseCode(closeCode), reason);
}

void ClientConnection::abort()
{
    if (m_transport && m_direct)
        m_direct->abortNow();
    else if (m_socket)
        m_socket->abort();
}

qint64 ClientConnection::clock()
{
    static const QElapsedTimer started = [] {
        QElapsedTimer timer;
        timer.start();
        return timer;
    }();
    return started.elapsed();
}

Limits ClientConnection::clientLimits() const
{
    Limits limits;
    limits.maxTextBytes = m_config.maxTextBytes;
    limits.maxMessageBytes = m_config.maxIncomingMessageBytes;
    limits.maxNameLength = m_config.maxNameCodePoints;
    limits.historySize = m_config.historySize;
    limits.historyBytes = m_config.maxHistoryBytes;
    if (m_speaksRooms) {
        limits.maxRooms = m_config.maxRoomsPerUser;
        limits.maxTopicLength = m_config.maxTopicCodePoints;
    }
    if (m_speaksAccounts)
        limits.maxReasonLength = m_config.maxReasonCodePoints;
    if (m_config.messageRate.enabled()) {
        limits.rateBurst = m_config.messageRate.burst;
        limits.ratePerSecond = m_config.messageRate.perSecond;
    }
    return limits;
}

void ClientConnection::ping()
{
    if (m_socket && !isClosing())
        m_socket->ping();
}

void ClientConnection::dropSilent()
{
    qCInfo(lcConnection) << "connection" << m_id << "silent for" << (clock() - m_lastSeen)
                         << "ms; dropping it";
    close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("No sign of life."));
    abort();
}

void ClientConnection::onTextMessage(const QString &text)
{
    m_lastSeen = clock();
    if (m_closing || m_muted)
        return; // being closed as abusive: what it already sent is not answered
    const QByteArray frame = text.toUtf8();
    switch (m_budget.admitMessage(frame.size())) {
    case ConnectionBudget::Verdict::Admit:
        break;
    case ConnectionBudget::Verdict::Refuse:
        m_worker.metrics().rateLimited.fetch_add(1, std::memory_order_relaxed);
        reply(refusal(frame));
        return;
    case ConnectionBudget::Verdict::Close:
        m_worker.metrics().rateLimited.fetch_add(1, std::memory_order_relaxed);
        // Answered at once, not behind what is queued for it: it is closed right after.
        sendFrame(wire::textFrame(refusal(frame)));
        closeAbusive(QStringLiteral("Too many requests."));
        return;
    }
    if (m_admitting) {
        // Its budget paid; answered once the join is. More than a burst of requests cannot
        // wait: the request budget refuses them first.
        m_deferred.append(frame);
        return;
    }
    processFrame(frame);
}

void ClientConnection::processFrame(const QByteArray &frame)
{
    if (!codec::withinJsonBounds(frame, m_config.maxJsonKeys, m_config.maxJsonDepth)) {
        fail(std::nullopt,
             Error{ErrorCode::BadRequest,
                   QStringLiteral("A frame holds at most %1 keys, nested at most %2 deep.")
                       .arg(m_config.maxJsonKeys)
                       .arg(m_config.maxJsonDepth)});
        return;
    }
    // Before a join the location requests are decoded (when offered) to be answered not_joined.
    const bool location = m_speaksLocation || (!m_user && m_config.locationEnabled);
    auto decoded = codec::decodeClientRequest(frame, m_speaksRooms, m_speaksAccounts, location);
    if (const auto *failure = std::get_if<RequestFailure>(&decoded)) {
        fail(failure->id, failure->error);
        return;
    }
    const auto &request = std::get<ClientRequest>(decoded);
    std::visit([&](const auto &event) { handle(request.id, event); }, request.event);
}

void ClientConnection::onBinaryFrame()
{
    closeThenAbort(QWebSocketProtocol::CloseCodeDatatypeNotSupported,
                   QStringLiteral("Binary frames are not supported; send JSON in text frames."));
}

void ClientConnection::onDisconnected()
{
    if (m_transport && m_direct)
        m_direct->dropWriteNotifier();
    if (m_user) {
        // Lost without a close handshake from the client (a network drop, a killed client, no
        // sign of life, too slow to read): a resumable session is held for its client.
        m_registry.leave(m_id, *m_user, !m_peerClosed);
        forgetUser();
    }
    emit finished(this);
}

void ClientConnection::forgetUser()
{
    m_user.reset();
    m_limiter.markUnjoined(m_peer); // the transport's release counts it as unjoined
}

void ClientConnection::closeTakenOver()
{
    if (m_user)
        forgetUser();
    closeThenAbort(protocol::closeCodeSessionResumed,
                   QStringLiteral("The session was resumed on another connection."));
}

void ClientConnection::restartJoinDeadline(int ms)
{
    m_joinDeadlineAt = clock() + ms;
    m_worker.watchJoinDeadline(m_id, m_joinDeadlineAt);
}

void ClientConnection::joinDeadlineReached()
{
    if (m_user || isClosing() || m_admitting || clock() < m_joinDeadlineAt)
        return;
    qCInfo(lcConnection) << "connection" << m_id << "did not join in time; closing";
    closeThenAbort(QWebSocketProtocol::CloseCodePolicyViolated,
                   QStringLiteral("No join within %1 s.").arg(m_config.joinTimeoutMs / 1000.0));
}

void ClientConnection::handle(std::optional<qint64> id, const TypingRequest &)
{
    if (!m_user) {
        fail(id, Error{ErrorCode::NotJoined, protocol::defaultErrorMessage(ErrorCode::NotJoined)});
        return;
    }
    // Relayed at most once per interval; the rest are answered and dropped (typing is a hint).
    const qint64 now = clock();
    if (now - m_lastTypingRelayed >= m_config.typingIntervalMs) {
        m_lastTypingRelayed = now;
        m_registry.typing(m_id, *m_user);
    }
    if (id)
        reply(codec::encodeAck(*id, {}));
}

void ClientConnection::handle(std::optional<qint64> id, const MessageRequest &request)
{
    if (!checkJoined(id) || !takeMessageToken(id))
        return;
    // Answered once the message is stored and relayed, possibly from the store's thread.
    m_registry.post(m_id, *m_user, request.room, request.text, countMessage(answer(id)));
}

QByteArray ClientConnection::refusal(const QByteArray &frame) const
{
    // Over the request budget: answered rate_limited, with its id when a small frame has a
    // valid one (a large one is not parsed for it).
    std::optional<qint64> id;
    if (frame.size() <= 1024 && codec::withinJsonBounds(frame, 16, 4)) {
        const auto decoded = codec::decodeClientRequest(frame);
        if (const auto *request = std::get_if<ClientRequest>(&decoded))
            id = request->id;
        else
            id = std::get<RequestFailure>(decoded).id;
    }
    return codec::encodeFailure(
        id, Error{ErrorCode::RateLimited,
                  QStringLiteral("Too many requests: slow down, or the connection is closed.")});
}

void ClientConnection::fail(std::optional<qint64> id, const Error &error)
{
    if (error.code == ErrorCode::RateLimited)
        m_worker.metrics().rateLimited.fetch_add(1, std::memory_order_relaxed);
    reply(codec::encodeFailure(id, error));
    const bool malformed =
        error.code == ErrorCode::BadRequest || error.code == ErrorCode::UnknownEvent;
    if (malformed && !m_budget.tolerateRefusal())
        closeAbusive(QStringLiteral("Too many malformed requests."));
}

} // namespace chat::server
