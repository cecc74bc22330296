#pragma once

#include "fanout.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include "serverconfig.h"

#include <deque>
#include <optional>
#include <vector>

class QTimer;
class QTcpSocket;
class QWebSocketServer;

namespace chat::server {

class ClientConnection;
class ConnectionLimiter;
class Room;
struct ServerConfig;

// An event loop of its own (one per core) that owns a share of the connections: it completes
// their WebSocket handshakes, runs their requests and delivers broadcasts to those that joined.
//
// Delivery: broadcasts (and the replies to joined connections) go into one backlog per worker;
// each connection has a cursor into it and is written to only while its socket holds less than
// a high-water mark, resuming when the socket drains. A slow reader therefore costs no copies,
// only a position in the shared backlog, and is closed once it lags more than the send cap.
class Worker : public QObject
{
    Q_OBJECT
public:
    // `tls`: serve wss:// with it; empty for plain ws://.
    Worker(Room &room, const ServerConfig &config, ConnectionLimiter &limiter,
           std::optional<QSslConfiguration> tls, QObject *parent = nullptr);
    ~Worker() override;

    // All of these run on the worker's thread (queued from elsewhere).
    // Takes over an accepted descriptor; its slot in the limiter is released when it closes.
    void adoptSocket(qintptr descriptor, const QHostAddress &peer);
    void deliver(const Broadcast &broadcast);
    // A frame for one connection, ordered after the broadcasts queued before this call. Thread
    // safe: the frame is queued to the worker's thread (and dropped if the connection is gone).
    void postReply(quint64 connectionId, const QByteArray &frame);
    // Sends every connection a close frame with `closeCode`; emits drained() once all are gone
    // or after `graceMs`.
    void closeAll(int closeCode, const QString &reason, int graceMs);

    // Reload (SIGHUP), on the worker's thread: new limits apply to every connection at once,
    // a new certificate to the connections that follow.
    void setLimits(const ServerConfig &config);
    void setTls(const QSslConfiguration &tls);
    // Closes connection `connectionId` if it is one of this worker's: its session was resumed on
    // another connection.
    void closeTakenOver(quint64 connectionId);

    int connectionCount() const { return m_connectionCount; }
    ConnectionLimiter &limiter() const { return m_limiter; }

signals:
    void drained();
    void connectionCountChanged(int delta);

private:
    struct Outgoing
    {
        quint64 seq = 0;    // room order, for broadcasts
        quint64 origin = 0; // connection that caused a broadcast
        quint64 target = 0; // the only recipient, for a reply; 0 for a broadcast
        qint64 offset = 0;  // broadcast bytes in the backlog before this entry
        QByteArray frame;
        Audience audience = Audience::Everyone;
    };

    void onNewConnection();
    void onJoined(ClientConnection *connection);
    void onFinished(ClientConnection *connection);
    void removeJoined(ClientConnection *connection);
    void deliverTo(quint64 connectionId, const QByteArray &frame);
    void append(Outgoing entry);
    // Writes what `connection` is due, up to the high-water mark.
    void pump(ClientConnection *connection);
    void schedulePump();
    static bool isDue(const Outgoing &entry, const ClientConnection *connection);
    void trimBacklog();
    void finishDrain();
    void keepAlive();

    Room &m_room;
    ServerConfig m_config; // this thread's copy: connections read it, setLimits() updates it
    ConnectionLimiter &m_limiter;
    std::optional<QSslConfiguration> m_tls;
    QTimer *m_pinger = nullptr;
    QWebSocketServer *m_handshaker;
    QHash<QString, QTcpSocket *> m_handshaking;       // by peer address/port, until upgraded
    QHash<quint64, ClientConnection *> m_connections; // by id
    std::vector<ClientConnection *> m_joined;
    std::deque<Outgoing> m_backlog;
    quint64 m_backlogBase = 0; // absolute index of m_backlog.front()
    qint64 m_backlogEnd = 0;   // broadcast bytes ever appended
    int m_connectionCount = 0;
    bool m_pumpScheduled = false;
    bool m_draining = false;
    bool m_drained = false;
};

} // namespace chat::server
