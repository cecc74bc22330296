#include "worker.h"

#include "clientconnection.h"
#include "connectionlimiter.h"
#include "directtcpsocket.h"
#include "logging.h"
#include "requestscreen.h"
#include "serverconfig.h"
#include "tlstransport.h"

#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <array>
#include <atomic>
#include <functional>
#include <memory>

namespace chat::server {

namespace {
std::atomic<quint64> nextConnectionId{1};

// Runs an action when its parent is destroyed, whatever happened to the parent's signals.
class OnDestroy : public QObject
{
public:
    OnDestroy(QObject *parent, std::function<void()> action)
        : QObject(parent), m_action(std::move(action))
    {}
    ~OnDestroy() override { m_action(); }

private:
    std::function<void()> m_action;
};

QString peerKey(const QHostAddress &address, quint16 port)
{
    return address.toString() + QLatin1Char('/') + QString::number(port);
}

} // namespace

Worker::Worker(Room &room, const ServerConfig &config, ConnectionLimiter &limiter,
               std::optional<QSslConfiguration> tls, QObject *parent)
    : QObject(parent), m_room(room), m_config(config), m_limiter(limiter), m_tls(std::move(tls)),
      m_handshaker(new QWebSocketServer(QStringLiteral("chat-server"),
                                        QWebSocketServer::NonSecureMode, this))
{
    m_handshaker->setHandshakeTimeout(config.handshakeTimeoutMs);
    m_handshaker->setMaxPendingConnections(std::numeric_limits<int>::max());
    connect(m_handshaker, &QWebSocketServer::newConnection, this, &Worker::onNewConnection);
    connect(m_handshaker, &QWebSocketServer::serverError, this,
            [this](QWebSocketProtocol::CloseCode code) {
                qCInfo(lcConnection)
                    << "a WebSocket handshake failed:" << code << m_handshaker->errorString();
            });
    m_pinger = new QTimer(this);
    connect(m_pinger, &QTimer::timeout, this, &Worker::keepAlive);
    if (config.pingIntervalMs > 0)
        m_pinger->start(config.pingIntervalMs);
}

void Worker::setLimits(const ServerConfig &config)
{
    m_config = config;
    m_handshaker->setHandshakeTimeout(config.handshakeTimeoutMs);
    if (config.pingIntervalMs > 0)
        m_pinger->start(config.pingIntervalMs);
    else
        m_pinger->stop();
    for (ClientConnection *connection : std::as_const(m_connections))
        connection->applyLimits();
}

void Worker::setTls(const QSslConfiguration &tls)
{
    m_tls = tls;
}

void Worker::keepAlive()
{
    // Ping everyone; drop whoever has been silent (no frame, no pong) for too long.
    // Dropping may finish a connection at once (and remove it from m_connections): collect
    // the silent ones first.
    const qint64 now = ClientConnection::clock();
    QList<QPointer<ClientConnection>> silent;
    for (ClientConnection *connection : std::as_const(m_connections)) {
        if (now - connection->lastSeen() > m_config.idleTimeoutMs)
            silent.append(connection);
        else
            connection->ping();
    }
    for (const QPointer<ClientConnection> &connection : std::as_const(silent)) {
        if (connection)
            connection->dropSilent();
    }
}

Worker::~Worker()
{
    // Children go while the members they use are still alive: connections first (they leave
    // the room and delete their sockets), then the handshaker and sockets never upgraded.
    m_joined.clear();
    qDeleteAll(findChildren<ClientConnection *>(Qt::FindDirectChildrenOnly));
    m_connections.clear();
    delete m_handshaker;
    qDeleteAll(findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly));
}

void Worker::adoptSocket(qintptr descriptor, const QHostAddress &peer)
{
    QTcpSocket *socket =
        m_tls ? static_cast<QTcpSocket *>(new TlsTransport(this)) : new DirectTcpSocket(this);
    // Whatever becomes of it (a failed handshake, a closed connection), its slot is freed with
    // it. (A child rather than a destroyed() connection: QtWebSockets disconnects the socket's
    // signals when it takes it over.)
    new OnDestroy(socket, [limiter = &m_limiter, peer] { limiter->release(peer); });
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcServer) << "cannot adopt socket:" << socket->errorString();
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // Remember the transport: broadcasts are framed once and written to it directly.
    const QString key = peerKey(socket->peerAddress(), socket->peerPort());
    m_handshaking.insert(key, socket);
    new OnDestroy(socket, [this, key, socket] {
        const auto it = m_handshaking.constFind(key);
        if (it != m_handshaking.cend() && it.value() == socket)
            m_handshaking.erase(it);
    });
    // The handshaker takes ownership and completes the HTTP upgrade. Its own timeout does not
    // fire for every kind of garbage, so a deadline of ours cuts off whatever is still not
    // upgraded by then (a slow-loris client never holds a slot for long).
    QTimer::singleShot(m_config.handshakeTimeoutMs, socket, [this, key, socket] {
        const auto it = m_handshaking.constFind(key);
        if (it == m_handshaking.cend() || it.value() != socket)
            return; // upgraded meanwhile
        qCInfo(lcConnection) << "no WebSocket handshake from" << key << "in time; closing";
        m_handshaking.erase(it);
        if (auto *direct = qobject_cast<DirectTcpSocket *>(socket))
            direct->abortNow();
        else
            socket->abort();
        socket->deleteLater();
    });
    auto *tls = qobject_cast<QSslSocket *>(socket);
    if (!tls) {
        screenRequest(socket, [this, socket] { m_handshaker->handleConnection(socket); });
        return;
    }
    // wss: TLS first, then the WebSocket handshake over it. A client that does not speak TLS
    // (a plain ws:// one) fails here and is closed.
    tls->setSslConfiguration(*m_tls);
    const auto failed = connect(tls, &QAbstractSocket::errorOccurred, tls, [tls] {
        qCInfo(lcConnection) << "TLS handshake with" << tls->peerAddress()
                             << "failed:" << tls->errorString();
        tls->abort();
        tls->deleteLater();
    });
    connect(tls, &QSslSocket::encrypted, this, [this, tls, failed] {
        disconnect(failed);
        screenRequest(tls, [this, tls] { m_handshaker->handleConnection(tls); });
    });
    tls->startServerEncryption();
}

void Worker::onNewConnection()
{
    while (QWebSocket *socket = m_handshaker->nextPendingConnection()) {
        QTcpSocket *transport =
            m_handshaking.take(peerKey(socket->peerAddress(), socket->peerPort()));
        if (!transport) {
            qCWarning(lcServer) << "no transport for" << socket->peerAddress() << "; dropping";
            socket->abort();
            socket->deleteLater();
            continue;
        }
        auto *connection =
            new ClientConnection(socket, transport, nextConnectionId++, m_room, m_config, this);
        m_connections.insert(connection->id(), connection);
        connect(connection, &ClientConnection::joined, this, &Worker::onJoined);
        connect(connection, &ClientConnection::finished, this, &Worker::onFinished);
        ++m_connectionCount;
        emit connectionCountChanged(+1);
        if (m_draining)
            connection->close(QWebSocketProtocol::CloseCodeGoingAway,
                              QStringLiteral("The server is shutting down."));
    }
}

void Worker::onJoined(ClientConnection *connection)
{
    connection->joinedIndex = int(m_joined.size());
    connection->cursor = m_backlogBase + m_backlog.size(); // what follows its join
    m_joined.push_back(connection);
    connect(connection->transport(), &QTcpSocket::bytesWritten, connection,
            [this, connection] { pump(connection); });
}

void Worker::removeJoined(ClientConnection *connection)
{
    const int index = connection->joinedIndex;
    if (index < 0)
        return;
    ClientConnection *last = m_joined.back();
    m_joined[size_t(index)] = last;
    last->joinedIndex = index;
    m_joined.pop_back();
    connection->joinedIndex = -1;
}

void Worker::onFinished(ClientConnection *connection)
{
    removeJoined(connection);
    m_connections.remove(connection->id());
    connection->deleteLater();
    --m_connectionCount;
    emit connectionCountChanged(-1);
    if (m_draining && m_connectionCount == 0)
        finishDrain();
}

void Worker::finishDrain()
{
    if (m_drained)
        return;
    m_drained = true;
    emit drained();
}

void Worker::append(Outgoing entry)
{
    entry.offset = m_backlogEnd;
    if (!entry.target) // the lag of a connection counts what everyone is due, not others' replies
        m_backlogEnd += entry.frame.size();
    m_backlog.push_back(std::move(entry));
}

void Worker::deliver(const Broadcast &broadcast)
{
    append({broadcast.seq, broadcast.originConnection, 0, 0, broadcast.frame, broadcast.audience});
    schedulePump();
}

void Worker::postReply(quint64 connectionId, const QByteArray &frame)
{
    QMetaObject::invokeMethod(
        this, [this, connectionId, frame] { deliverTo(connectionId, frame); },
        Qt::QueuedConnection);
}

void Worker::deliverTo(quint64 connectionId, const QByteArray &frame)
{
    ClientConnection *connection = m_connections.value(connectionId);
    if (!connection)
        return; // gone meanwhile
    if (connection->joinedIndex < 0) {
        connection->sendFrame(frame);
        return;
    }
    append({0, 0, connection->id(), 0, frame, Audience::Everyone});
    schedulePump();
}

void Worker::schedulePump()
{
    // One pass per event-loop turn: every broadcast queued meanwhile leaves in one write.
    if (m_pumpScheduled)
        return;
    m_pumpScheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_pumpScheduled = false;
            // Index loop: a write may close (not remove) a connection.
            for (size_t i = 0; i < m_joined.size(); ++i)
                pump(m_joined[i]);
            trimBacklog();
        },
        Qt::QueuedConnection);
}

bool Worker::isDue(const Outgoing &entry, const ClientConnection *connection)
{
    if (entry.target)
        return entry.target == connection->id();
    return entry.origin != connection->id() && entry.seq > connection->joinSeq() &&
           (entry.audience == Audience::Everyone || connection->wantsTyping());
}

void Worker::closeTakenOver(quint64 connectionId)
{
    if (ClientConnection *connection = m_connections.value(connectionId))
        connection->closeTakenOver();
}

void Worker::pump(ClientConnection *connection)
{
    const quint64 end = m_backlogBase + m_backlog.size();
    while (connection->cursor < end && !connection->isClosing()) {
        if (connection->queuedBytes() == 0) {
            // Nothing waits in Qt's buffer: hand the due frames to the kernel straight from
            // the backlog, in one writev(), without copying them.
            std::array<WireChunk, 64> chunks;
            size_t count = 0;
            qint64 bytes = 0;
            quint64 scan = connection->cursor;
            for (; scan < end && count < chunks.size() && bytes < m_config.socketHighWaterBytes;
                 ++scan) {
                const Outgoing &entry = m_backlog[size_t(scan - m_backlogBase)];
                if (isDue(entry, connection)) {
                    chunks[count++] = {entry.frame.constData(), entry.frame.size()};
                    bytes += entry.frame.size();
                }
            }
            connection->cursor = scan;
            if (count > 0)
                connection->writeChunks(chunks.data(), count);
            continue;
        }
        if (connection->queuedBytes() >= m_config.socketHighWaterBytes) {
            // Behind: how much of the backlog it has not taken, plus what its socket holds.
            const Outgoing &next = m_backlog[size_t(connection->cursor - m_backlogBase)];
            const qint64 lag = m_backlogEnd - next.offset + connection->queuedBytes();
            if (lag > m_config.maxSendBufferBytes)
                connection->closeSlowReader(lag);
            return;
        }
        // The kernel's buffer is full: queue in Qt's until the socket drains (bytesWritten).
        const Outgoing &entry = m_backlog[size_t(connection->cursor - m_backlogBase)];
        ++connection->cursor;
        if (isDue(entry, connection))
            connection->sendFrame(entry.frame);
    }
}

void Worker::trimBacklog()
{
    quint64 oldest = m_backlogBase + m_backlog.size();
    for (const ClientConnection *connection : m_joined) {
        if (!connection->isClosing())
            oldest = qMin(oldest, connection->cursor);
    }
    while (m_backlogBase < oldest) {
        m_backlog.pop_front();
        ++m_backlogBase;
    }
}

void Worker::closeAll(int closeCode, const QString &reason, int graceMs)
{
    m_draining = true;
    const auto connections = findChildren<ClientConnection *>(Qt::FindDirectChildrenOnly);
    for (ClientConnection *connection : connections)
        connection->close(closeCode, reason);
    if (m_connectionCount == 0) {
        finishDrain();
        return;
    }
    QTimer::singleShot(graceMs, this, [this] {
        if (m_connectionCount == 0)
            return;
        const auto remaining = findChildren<ClientConnection *>(Qt::FindDirectChildrenOnly);
        for (ClientConnection *connection : remaining)
            connection->abort();
        finishDrain();
    });
}

} // namespace chat::server
