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
#include <utility>

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

Worker::Worker(Registry &registry, const ServerConfig &config, ConnectionLimiter &limiter,
               std::optional<QSslConfiguration> tls, QObject *parent)
    : QObject(parent), m_registry(registry), m_config(config), m_limiter(limiter),
      m_tls(std::move(tls)),
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
    // the registry and delete their sockets), then the handshaker and sockets never upgraded.
    m_routes.clear();
    m_routeByConnection.clear();
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
            new ClientConnection(socket, transport, nextConnectionId++, m_registry, m_config, this);
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
    const quint64 id = connection->id();
    m_routeByConnection.insert(id, m_routes.size());
    m_routes.push_back(Route{connection, m_backlogBase + m_backlog.size(), {}, 0, false});
    connect(connection->transport(), &QTcpSocket::bytesWritten, connection, [this, id] {
        if (Route *route = routeOf(id))
            pump(*route);
    });
}

void Worker::removeJoined(ClientConnection *connection)
{
    const auto it = m_routeByConnection.constFind(connection->id());
    if (it == m_routeByConnection.cend())
        return;
    const size_t index = it.value();
    m_routeByConnection.erase(it);
    if (index + 1 != m_routes.size()) {
        m_routes[index] = std::move(m_routes.back());
        m_routeByConnection[m_routes[index].connection->id()] = index;
    }
    m_routes.pop_back();
}

Worker::Route *Worker::routeOf(quint64 connectionId)
{
    const auto it = m_routeByConnection.constFind(connectionId);
    return it == m_routeByConnection.cend() ? nullptr : &m_routes[it.value()];
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
    m_backlogEnd += entry.frame.size();
    m_backlog.push_back(std::move(entry));
}

void Worker::deliver(const Broadcast &broadcast)
{
    if (broadcast.audience != Audience::Listed) {
        append({broadcast.seq, broadcast.originConnection, 0, broadcast.frame, broadcast.audience});
        m_pumpAll = true;
        schedulePump();
        return;
    }
    // The listed connections of this worker, in their lanes: the others are another worker's.
    for (const quint64 connectionId : broadcast.recipients) {
        Route *route = routeOf(connectionId);
        if (route && connectionId != broadcast.originConnection &&
            broadcast.seq > route->connection->joinSeq())
            addToLane(*route, broadcast.frame);
    }
}

void Worker::addToLane(Route &route, const QByteArray &frame)
{
    route.lane.append({m_backlogBase + m_backlog.size(), frame});
    route.laneBytes += frame.size();
    if (!route.pumpQueued) {
        route.pumpQueued = true;
        m_pumpList.push_back(route.connection->id());
    }
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
    Route *route = routeOf(connectionId);
    if (!route) {
        connection->sendFrame(frame);
        return;
    }
    addToLane(*route, frame);
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
            const std::vector<quint64> listed = std::exchange(m_pumpList, {});
            for (const quint64 connectionId : listed) {
                if (Route *route = routeOf(connectionId))
                    route->pumpQueued = false;
            }
            if (std::exchange(m_pumpAll, false)) {
                // Index loop: a write may close (not remove) a connection.
                for (size_t i = 0; i < m_routes.size(); ++i)
                    pump(m_routes[i]);
                trimBacklog();
                return;
            }
            // Only lanes have news: the cost is that of their connections.
            for (const quint64 connectionId : listed) {
                if (Route *route = routeOf(connectionId))
                    pump(*route);
            }
        },
        Qt::QueuedConnection);
}

bool Worker::isDue(const Outgoing &entry, const ClientConnection *connection)
{
    if (entry.origin == connection->id() || entry.seq <= connection->joinSeq())
        return false;
    switch (entry.audience) {
    case Audience::Everyone:
        return true;
    case Audience::TypingSubscribers:
        return connection->wantsTyping();
    case Audience::V1Clients:
        return !connection->speaksRooms();
    case Audience::Listed:
        break;
    }
    return false;
}

void Worker::closeTakenOver(quint64 connectionId)
{
    if (ClientConnection *connection = m_connections.value(connectionId))
        connection->closeTakenOver();
}

void Worker::pump(Route &route)
{
    ClientConnection *connection = route.connection;
    // Two streams in one order: the backlog from the cursor, and the lane, whose entries go
    // before the backlog entry at their position.
    const auto laneDue = [&route](quint64 position) {
        return !route.lane.isEmpty() && route.lane.front().position <= position;
    };
    const quint64 end = m_backlogBase + m_backlog.size();
    while ((route.cursor < end || !route.lane.isEmpty()) && !connection->isClosing()) {
        if (connection->queuedBytes() == 0) {
            // Nothing waits in Qt's buffer: hand the due frames to the kernel straight from
            // the backlog and the lane, in one writev(), without copying them.
            std::array<WireChunk, 64> chunks;
            size_t count = 0;
            qsizetype fromLane = 0;
            qint64 laneBytes = 0;
            qint64 bytes = 0;
            quint64 scan = route.cursor;
            while (count < chunks.size() && bytes < m_config.socketHighWaterBytes) {
                if (fromLane < route.lane.size() && route.lane[fromLane].position <= scan) {
                    const QByteArray &frame = route.lane[fromLane++].frame;
                    chunks[count++] = {frame.constData(), frame.size()};
                    bytes += frame.size();
                    laneBytes += frame.size();
                    continue;
                }
                if (scan >= end)
                    break;
                const Outgoing &entry = m_backlog[size_t(scan - m_backlogBase)];
                if (isDue(entry, connection)) {
                    chunks[count++] = {entry.frame.constData(), entry.frame.size()};
                    bytes += entry.frame.size();
                }
                ++scan;
            }
            route.cursor = scan;
            if (count > 0)
                connection->writeChunks(chunks.data(), count);
            // Only now: the chunks pointed into the lane's frames.
            route.lane.remove(0, fromLane);
            route.laneBytes -= laneBytes;
            if (route.lane.isEmpty())
                route.lane = {}; // no allocation held by an idle connection
            continue;
        }
        if (connection->queuedBytes() >= m_config.socketHighWaterBytes) {
            // Behind: how much of the backlog and lane it has not taken, plus what its socket
            // holds.
            qint64 lag = route.laneBytes + connection->queuedBytes();
            if (route.cursor < end)
                lag += m_backlogEnd - m_backlog[size_t(route.cursor - m_backlogBase)].offset;
            if (lag > m_config.maxSendBufferBytes)
                connection->closeSlowReader(lag);
            return;
        }
        // The kernel's buffer is full: queue in Qt's until the socket drains (bytesWritten).
        if (laneDue(route.cursor)) {
            const QByteArray frame = route.lane.takeFirst().frame;
            route.laneBytes -= frame.size();
            connection->sendFrame(frame);
            continue;
        }
        const Outgoing &entry = m_backlog[size_t(route.cursor - m_backlogBase)];
        ++route.cursor;
        if (isDue(entry, connection))
            connection->sendFrame(entry.frame);
    }
}

void Worker::trimBacklog()
{
    quint64 oldest = m_backlogBase + m_backlog.size();
    for (const Route &route : m_routes) {
        if (!route.connection->isClosing())
            oldest = qMin(oldest, route.cursor);
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
