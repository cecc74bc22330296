#include "worker.h"

#include "clientconnection.h"
#include "logging.h"
#include "serverconfig.h"

#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <atomic>

namespace chat::server {

namespace {
std::atomic<quint64> nextConnectionId{1};
}

Worker::Worker(Room &room, const ServerConfig &config, QObject *parent)
    : QObject(parent), m_room(room), m_config(config),
      m_handshaker(new QWebSocketServer(QStringLiteral("chat-server"),
                                        QWebSocketServer::NonSecureMode, this))
{
    m_handshaker->setHandshakeTimeout(config.handshakeTimeoutMs);
    m_handshaker->setMaxPendingConnections(std::numeric_limits<int>::max());
    connect(m_handshaker, &QWebSocketServer::newConnection, this, &Worker::onNewConnection);
}

Worker::~Worker()
{
    // Connections are children: they leave the room as they are destroyed.
    m_joined.clear();
}

void Worker::adoptSocket(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcServer) << "cannot adopt socket:" << socket->errorString();
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // The handshaker takes ownership; it completes (or times out) the HTTP upgrade.
    m_handshaker->handleConnection(socket);
}

void Worker::onNewConnection()
{
    while (QWebSocket *socket = m_handshaker->nextPendingConnection()) {
        auto *connection = new ClientConnection(socket, nextConnectionId++, m_room, m_config, this);
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
    m_joined.push_back(connection);
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

void Worker::deliver(const Broadcast &broadcast)
{
    // Index loop: a send may close (not remove) a connection; removal happens on disconnect.
    for (size_t i = 0; i < m_joined.size(); ++i) {
        ClientConnection *connection = m_joined[i];
        if (connection->id() != broadcast.originConnection && connection->joinSeq() < broadcast.seq)
            connection->sendFrame(broadcast.frame);
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
