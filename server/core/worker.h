#pragma once

#include "events.h"
#include "fanout.h"
#include "proxyheader.h"
#include "requestscreen.h"
#include "router.h"
#include "servermetrics.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include "serverconfig.h"

#include <memory>
#include <optional>
#include <vector>

class QTimer;
class QTcpSocket;
class QWebSocketServer;

namespace chat::server {

class ClientConnection;
class ConnectionLimiter;
class Registry;
class Gatekeeper;
class Moderation;
struct ServerConfig;

// An event loop of its own (one per core) that owns a share of the connections: it completes
// their WebSocket handshakes, runs their requests and delivers broadcasts to those that joined.
//
// Delivery to the joined connections is the Router's (router.h).
class Worker : public QObject
{
    Q_OBJECT
public:
    // `tls`: serve wss:// with it; empty for plain ws://.
    // `metrics`: the server's; `counters`: this worker's share of them.
    Worker(Registry &registry, const ServerConfig &config, ConnectionLimiter &limiter,
           Gatekeeper &gatekeeper, Moderation &moderation, std::optional<QSslConfiguration> tls,
           ServerMetrics &metrics, ServerMetrics::WorkerCounters &counters,
           QObject *parent = nullptr);
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
    // Closes connection `connectionId` if it is one of this worker's: a moderator removed its
    // user (kick, ban), and it is told so.
    void eject(quint64 connectionId, const Kicked &notice);

    // Join deadlines: one timer per worker for every connection that has not joined yet (a
    // QTimer per connection cost ~500 bytes each, kept for the connection's life). At `at`
    // (ClientConnection::clock()) the connection's joinDeadlineReached() is called, if it is
    // still there; it decides.
    void watchJoinDeadline(quint64 connectionId, qint64 at);

    int connectionCount() const { return m_connectionCount; }
    // On the worker's thread: the connection `connectionId`, if it is one of this worker's.
    ClientConnection *findConnection(quint64 connectionId) const
    {
        return m_connections.value(connectionId);
    }
    ConnectionLimiter &limiter() const { return m_limiter; }
    Gatekeeper &gatekeeper() const { return m_gatekeeper; }
    Moderation &moderation() const { return m_moderation; }
    ServerMetrics &metrics() const { return m_metrics; }

signals:
    void drained();
    void connectionCountChanged(int delta);

private:
    void onNewConnection();
    void onJoined(ClientConnection *connection);
    void onFinished(ClientConnection *connection);
    void deliverTo(quint64 connectionId, const QByteArray &frame);
    void finishDrain();
    void keepAlive();
    void expireJoinDeadlines();
    void armJoinTimer();
    // The server's own answers to plain HTTP requests: /healthz, /metrics, 503 to an upgrade
    // while draining, and the browser client's files (http/web_client).
    std::optional<HttpResponse> answerHttp(const HttpRequest &request) const;
    void adoptSocket(qintptr descriptor, const QHostAddress &peer, const QHostAddress &client);
    // `counted`: the address its slot in the limiter is held under (a proxy's client's, once
    // known).
    void screen(QTcpSocket *socket, std::shared_ptr<QHostAddress> counted);
    // Trusted proxies (workerproxy.cpp). A PROXY header was read (or not) off a descriptor.
    void proxyHeaderRead(qintptr descriptor, const QHostAddress &peer,
                         const proxyheader::Result &result);
    // Moves the connection's slot from the proxy's address to its client's; false (answered
    // 503 and closed) when the client's caps refuse it.
    bool countAsClient(qintptr descriptor, const QHostAddress &peer, const QHostAddress &client,
                       QHostAddress &counted);
    // X-Forwarded-For of a request from a trusted proxy whose client is not known yet: the
    // client is taken as the connection's; a 503 when its caps refuse it.
    std::optional<HttpResponse> takeForwardedClient(QTcpSocket *socket, const HttpRequest &request,
                                                    QHostAddress &counted);

    Registry &m_registry;
    ServerConfig m_config; // this thread's copy: connections read it, setLimits() updates it
    ConnectionLimiter &m_limiter;
    Gatekeeper &m_gatekeeper;
    Moderation &m_moderation;
    ServerMetrics &m_metrics;
    std::optional<QSslConfiguration> m_tls;
    QTimer *m_pinger = nullptr;
    struct JoinDeadline
    {
        qint64 at = 0; // ClientConnection::clock()
        quint64 connectionId = 0;
        bool operator>(const JoinDeadline &other) const { return at > other.at; }
    };
    std::vector<JoinDeadline> m_joinDeadlines; // a min-heap on `at`
    QTimer *m_joinTimer = nullptr;
    QWebSocketServer *m_handshaker;
    QHash<QString, QTcpSocket *> m_handshaking;       // by peer address/port, until upgraded
    QHash<quint64, ClientConnection *> m_connections; // by id
    Router m_router; // the delivery state of the joined connections
    int m_connectionCount = 0;
    bool m_draining = false;
    bool m_drained = false;
};

} // namespace chat::server
