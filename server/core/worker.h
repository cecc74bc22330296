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
class Registry;
struct ServerConfig;

// An event loop of its own (one per core) that owns a share of the connections: it completes
// their WebSocket handshakes, runs their requests and delivers broadcasts to those that joined.
//
// Delivery: broadcasts to a broad audience (everyone, typing subscribers, v1 clients) go into one
// backlog per worker; each joined connection has a cursor into it. What only some connections
// get (a room's events, a private message, a reply) goes into those connections' own lanes,
// each entry placed at the backlog position of its arrival, so that a connection sees one
// order: a room's event costs work for the room's members on this worker, not for every
// connection. A connection is written to only while its socket holds less than a high-water
// mark, resuming when the socket drains. A slow reader therefore costs no copies of broadcasts,
// only a position in the shared backlog (and references in its lane), and is closed once it
// lags more than the send cap.
class Worker : public QObject
{
    Q_OBJECT
public:
    // `tls`: serve wss:// with it; empty for plain ws://.
    Worker(Registry &registry, const ServerConfig &config, ConnectionLimiter &limiter,
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
        quint64 seq = 0;    // the registry's order
        quint64 origin = 0; // connection that caused it
        qint64 offset = 0;  // bytes in the backlog before this entry
        QByteArray frame;
        Audience audience = Audience::Everyone;
    };
    struct LaneEntry
    {
        quint64 position = 0; // sent before the backlog entry with this absolute index
        QByteArray frame;
    };
    // The delivery state of a joined connection; only the worker touches it.
    struct Route
    {
        ClientConnection *connection = nullptr;
        quint64 cursor = 0;    // the next entry of the backlog for this connection
        QList<LaneEntry> lane; // frames for it alone, in order (no allocation while empty)
        qint64 laneBytes = 0;
        bool pumpQueued = false; // in m_pumpList
    };

    void onNewConnection();
    void onJoined(ClientConnection *connection);
    void onFinished(ClientConnection *connection);
    void removeJoined(ClientConnection *connection);
    void deliverTo(quint64 connectionId, const QByteArray &frame);
    void append(Outgoing entry);
    Route *routeOf(quint64 connectionId);
    void addToLane(Route &route, const QByteArray &frame);
    // Writes what the route's connection is due, up to the high-water mark.
    void pump(Route &route);
    // Pumps every joined connection (after a backlog entry) or the listed ones (lane entries)
    // once, at the next turn of the event loop.
    void schedulePump();
    static bool isDue(const Outgoing &entry, const ClientConnection *connection);
    void trimBacklog();
    void finishDrain();
    void keepAlive();

    Registry &m_registry;
    ServerConfig m_config; // this thread's copy: connections read it, setLimits() updates it
    ConnectionLimiter &m_limiter;
    std::optional<QSslConfiguration> m_tls;
    QTimer *m_pinger = nullptr;
    QWebSocketServer *m_handshaker;
    QHash<QString, QTcpSocket *> m_handshaking;       // by peer address/port, until upgraded
    QHash<quint64, ClientConnection *> m_connections; // by id
    std::vector<Route> m_routes;                      // the joined connections
    QHash<quint64, size_t> m_routeByConnection;       // into m_routes
    std::vector<quint64> m_pumpList;                  // connections with new lane entries, to pump
    bool m_pumpAll = false;                           // a backlog entry arrived: pump everyone
    std::deque<Outgoing> m_backlog;
    quint64 m_backlogBase = 0; // absolute index of m_backlog.front()
    qint64 m_backlogEnd = 0;   // broadcast bytes ever appended
    int m_connectionCount = 0;
    bool m_pumpScheduled = false;
    bool m_draining = false;
    bool m_drained = false;
};

} // namespace chat::server
