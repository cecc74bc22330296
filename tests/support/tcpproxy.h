#pragma once

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <vector>

// A TCP relay between clients and a server, for simulating a network that fails: dropAll()
// cuts every connection at once, without a WebSocket close handshake on either side, as a
// lost Wi-Fi or a sleeping laptop would.
class TcpProxy : public QObject
{
    Q_OBJECT
public:
    explicit TcpProxy(quint16 targetPort, QObject *parent = nullptr)
        : QObject(parent), m_targetPort(targetPort)
    {
        connect(&m_server, &QTcpServer::newConnection, this, &TcpProxy::onNewConnection);
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(m_server.serverPort()));
    }
    int connectionCount() const { return int(m_pairs.size()); }

    // Cuts every relayed connection (a reset on both sides).
    void dropAll()
    {
        for (auto &[client, upstream] : m_pairs) {
            if (client)
                client->abort();
            if (upstream)
                upstream->abort();
        }
        m_pairs.clear();
    }

private:
    void onNewConnection()
    {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            auto *upstream = new QTcpSocket(client);
            m_pairs.push_back({client, upstream});
            connect(client, &QTcpSocket::readyRead, upstream,
                    [client, upstream] { upstream->write(client->readAll()); });
            connect(upstream, &QTcpSocket::readyRead, client,
                    [client, upstream] { client->write(upstream->readAll()); });
            connect(upstream, &QTcpSocket::connected, client, [client, upstream] {
                upstream->write(client->readAll()); // what arrived before the upstream was up
            });
            connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
            connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
            connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);
        }
    }

    QTcpServer m_server;
    quint16 m_targetPort;
    std::vector<std::pair<QPointer<QTcpSocket>, QPointer<QTcpSocket>>> m_pairs;
};
