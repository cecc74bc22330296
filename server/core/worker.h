#pragma once

#include "fanout.h"

#include <QObject>

#include <vector>

class QWebSocketServer;

namespace chat::server {

class ClientConnection;
class Room;
struct ServerConfig;

// An event loop of its own (one per core) that owns a share of the connections: it completes
// their WebSocket handshakes, runs their requests and delivers broadcasts to those that joined.
class Worker : public QObject
{
    Q_OBJECT
public:
    Worker(Room &room, const ServerConfig &config, QObject *parent = nullptr);
    ~Worker() override;

    // All of these run on the worker's thread (queued from elsewhere).
    void adoptSocket(qintptr descriptor);
    void deliver(const Broadcast &broadcast);
    // Sends every connection a close frame with `closeCode`; emits drained() once all are gone
    // or after `graceMs`.
    void closeAll(int closeCode, const QString &reason, int graceMs);

    int connectionCount() const { return m_connectionCount; }

signals:
    void drained();
    void connectionCountChanged(int delta);

private:
    void onNewConnection();
    void onJoined(ClientConnection *connection);
    void onFinished(ClientConnection *connection);
    void removeJoined(ClientConnection *connection);
    void finishDrain();

    Room &m_room;
    const ServerConfig &m_config;
    QWebSocketServer *m_handshaker;
    std::vector<ClientConnection *> m_joined;
    int m_connectionCount = 0;
    bool m_draining = false;
    bool m_drained = false;
};

} // namespace chat::server
