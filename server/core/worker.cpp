#include "worker.h"

#include "clientconnection.h"
#include "connectionlimiter.h"
#include "directtcpsocket.h"
#include "logging.h"
#include "proxyheaderreader.h"
#include "requestscreen.h"
#include "serverconfig.h"
#include "staticsite.h"
#include "tlstransport.h"

#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <utility>

namespace chat::server {

namespace {
constexpr qint64 preHandshakeReadBytes = 20 * 1024; // a request head (16 KiB at most) and some

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
               Gatekeeper &gatekeeper, Moderation &moderation, std::optional<QSslConfiguration> tls,
               ServerMetrics &metrics, ServerMetrics::WorkerCounters &counters, QObject *parent)
    : QObject(parent), m_registry(registry), m_config(config), m_limiter(limiter),
      m_gatekeeper(gatekeeper), m_moderation(moderation), m_metrics(metrics), m_tls(std::move(tls)),
      m_handshaker(new QWebSocketServer(QStringLiteral("chat-server"),
                                        QWebSocketServer::NonSecureMode, this)),
      m_router(this, m_config, counters)
{
    m_handshaker->setHandshakeTimeout(config.handshakeTimeoutMs);
    m_handshaker->setMaxPendingConnections(std::numeric_limits<int>::max());
    connect(m_handshaker, &QWebSocketServer::newConnection, this, &Worker::onNewConnection);
    connect(m_handshaker, &QWebSocketServer::serverError, this,
            [this](QWebSocketProtocol::CloseCode code) {
                m_metrics.handshakeFailures.fetch_add(1, std::memory_order_relaxed);
                qCInfo(lcConnection)
                    << "a WebSocket handshake failed:" << code << m_handshaker->errorString();
            });
    m_pinger = new QTimer(this);
    connect(m_pinger, &QTimer::timeout, this, &Worker::keepAlive);
    if (config.pingIntervalMs > 0)
        m_pinger->start(config.pingIntervalMs);
    m_joinTimer = new QTimer(this);
    m_joinTimer->setSingleShot(true);
    connect(m_joinTimer, &QTimer::timeout, this, &Worker::expireJoinDeadlines);
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
    m_router.clear();
    qDeleteAll(findChildren<ClientConnection *>(Qt::FindDirectChildrenOnly));
    m_connections.clear();
    delete m_handshaker;
    qDeleteAll(findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly));
}

void Worker::adoptSocket(qintptr descriptor, const QHostAddress &peer)
{
    if (!proxyheader::inSubnets(peer, m_config.trustedProxies)) {
        adoptSocket(descriptor, peer, QHostAddress());
        return;
    }
    // A trusted proxy may say whose connection this is before anything else (workerproxy.cpp).
    new ProxyHeaderReader(descriptor, m_config.handshakeTimeoutMs, this,
                          [this, descriptor, peer](const proxyheader::Result &result) {
                              proxyHeaderRead(descriptor, peer, result);
                          });
}

void Worker::adoptSocket(qintptr descriptor, const QHostAddress &peer, const QHostAddress &client)
{
    // Counted under the client's address when a trusted proxy said it (on refusal the
    // connection was answered 503 and closed, and its slot given back).
    auto counted = std::make_shared<QHostAddress>(peer);
    if (!client.isNull() && !countAsClient(descriptor, peer, client, *counted))
        return;
    QTcpSocket *socket =
        m_tls ? static_cast<QTcpSocket *>(new TlsTransport(this)) : new DirectTcpSocket(this);
    // Whatever becomes of it (a failed handshake, a closed connection), its slot is freed with
    // it. (A child rather than a destroyed() connection: QtWebSockets disconnects the socket's
    // signals when it takes it over.)
    new OnDestroy(socket, [limiter = &m_limiter, counted] { limiter->release(*counted); });
    if (!client.isNull())
        socket->setProperty(proxyheader::clientAddressProperty, QVariant::fromValue(client));
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcServer) << "cannot adopt socket:" << socket->errorString();
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // Until the connection's budgets are in place (ClientConnection lifts this), read no more
    // than a request head and a little: frames sent along with the upgrade are processed by
    // QWebSocket before any budget could count them.
    socket->setReadBufferSize(preHandshakeReadBytes);
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
        m_metrics.handshakeFailures.fetch_add(1, std::memory_order_relaxed);
        m_handshaking.erase(it);
        if (auto *direct = qobject_cast<DirectTcpSocket *>(socket))
            direct->abortNow();
        else
            socket->abort();
        socket->deleteLater();
    });
    auto *tls = qobject_cast<QSslSocket *>(socket);
    if (!tls) {
        screen(socket, counted);
        return;
    }
    // wss: TLS first, then the WebSocket handshake over it. A client that does not speak TLS
    // (a plain ws:// one) fails here and is closed.
    tls->setSslConfiguration(*m_tls);
    const auto failed = connect(tls, &QAbstractSocket::errorOccurred, tls, [this, tls] {
        m_metrics.handshakeFailures.fetch_add(1, std::memory_order_relaxed);
        qCInfo(lcConnection) << "TLS handshake with" << tls->peerAddress()
                             << "failed:" << tls->errorString();
        tls->abort();
        tls->deleteLater();
    });
    connect(tls, &QSslSocket::encrypted, this, [this, tls, failed, counted] {
        disconnect(failed);
        screen(tls, counted);
    });
    tls->startServerEncryption();
}

void Worker::screen(QTcpSocket *socket, std::shared_ptr<QHostAddress> counted)
{
    screenRequest(
        socket,
        [this, socket, counted](const HttpRequest &request) -> std::optional<HttpResponse> {
            if (auto refused = takeForwardedClient(socket, request, *counted))
                return refused;
            return answerHttp(request);
        },
        [this, socket] { m_handshaker->handleConnection(socket); },
        [this] { m_metrics.handshakeFailures.fetch_add(1, std::memory_order_relaxed); });
}

std::optional<HttpResponse> Worker::answerHttp(const HttpRequest &request) const
{
    const bool read = request.method == "GET" || request.method == "HEAD";
    if (request.upgrade) {
        if (m_metrics.serving.load(std::memory_order_relaxed))
            return std::nullopt;
        return HttpResponse{"503 Service Unavailable",
                            {},
                            "The server is shutting down.\r\n",
                            "Retry-After: 5\r\n"};
    }
    if (read && request.path == "/healthz") {
        QByteArray why;
        const bool healthy = m_metrics.healthy(&why);
        return HttpResponse{healthy ? "200 OK" : "503 Service Unavailable", {}, why + "\n", {}};
    }
    if (read && request.path == "/metrics" && m_config.httpMetrics)
        return HttpResponse{
            "200 OK", "text/plain; version=0.0.4; charset=utf-8", m_metrics.render(), {}};
    if (m_config.webClient)
        return StaticSite::webClient().answer(request); // everything else: its files, or 404
    return std::nullopt;
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

void Worker::watchJoinDeadline(quint64 connectionId, qint64 at)
{
    // Joined, gone or given more time by then, its entry is dropped when its time comes.
    m_joinDeadlines.push_back({at, connectionId});
    std::push_heap(m_joinDeadlines.begin(), m_joinDeadlines.end(), std::greater<>());
    if (m_joinDeadlines.front().connectionId == connectionId)
        armJoinTimer(); // the earliest (the first, or the timeout was shortened by a reload)
}

void Worker::expireJoinDeadlines()
{
    const qint64 now = ClientConnection::clock();
    while (!m_joinDeadlines.empty() && m_joinDeadlines.front().at <= now) {
        const quint64 connectionId = m_joinDeadlines.front().connectionId;
        std::pop_heap(m_joinDeadlines.begin(), m_joinDeadlines.end(), std::greater<>());
        m_joinDeadlines.pop_back();
        if (ClientConnection *connection = m_connections.value(connectionId))
            connection->joinDeadlineReached();
    }
    if (m_joinDeadlines.empty())
        m_joinDeadlines = {}; // a join storm's worth of capacity is not kept
    armJoinTimer();
}

void Worker::armJoinTimer()
{
    if (m_joinDeadlines.empty()) {
        m_joinTimer->stop();
        return;
    }
    m_joinTimer->start(
        int(qMax<qint64>(0, m_joinDeadlines.front().at - ClientConnection::clock())));
}

void Worker::onJoined(ClientConnection *connection)
{
    m_router.add(connection);
    connect(connection->transport(), &QTcpSocket::bytesWritten, connection,
            [this, id = connection->id()] { m_router.pump(id); });
    // Over TLS, bytesWritten means "encrypted"; what drains the backlog is the encrypted bytes
    // reaching the network.
    if (auto *tls = qobject_cast<QSslSocket *>(connection->transport()))
        connect(tls, &QSslSocket::encryptedBytesWritten, connection,
                [this, id = connection->id()] { m_router.pump(id); });
}

void Worker::deliver(const Broadcast &broadcast)
{
    m_router.deliver(broadcast);
}

void Worker::deliverTo(quint64 connectionId, const QByteArray &frame)
{
    ClientConnection *connection = m_connections.value(connectionId);
    if (!connection)
        return;                           // gone meanwhile
    connection->allowReply(frame.size()); // it asked for it: a large one is not slowness
    if (!m_router.deliverTo(connectionId, frame))
        connection->sendFrame(frame); // not joined: nothing to be ordered with
}

void Worker::onFinished(ClientConnection *connection)
{
    m_router.remove(connection->id());
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

void Worker::postReply(quint64 connectionId, const QByteArray &frame)
{
    QMetaObject::invokeMethod(
        this, [this, connectionId, frame] { deliverTo(connectionId, frame); },
        Qt::QueuedConnection);
}

void Worker::closeTakenOver(quint64 connectionId)
{
    if (ClientConnection *connection = m_connections.value(connectionId))
        connection->closeTakenOver();
}

void Worker::eject(quint64 connectionId, const Kicked &notice)
{
    if (ClientConnection *connection = m_connections.value(connectionId))
        connection->eject(notice);
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
