#pragma once

#include "connectionlimiter.h"
#include "localfanout.h"
#include "registry.h"
#include "serverconfig.h"
#include "servermetrics.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>

#include <memory>
#include <optional>
#include <vector>

namespace chat::server {
namespace redis {
struct RedisStats;
}

class Cluster;
class EventLoopThread;
class Gatekeeper;
class Listener;
class MessageStore;
class Moderation;
class Worker;

// The chat server: a listener on this thread, worker threads that own the connections, and the
// registry they share.
class ChatServer : public QObject
{
    Q_OBJECT
public:
    explicit ChatServer(const ServerConfig &config, QObject *parent = nullptr);
    ~ChatServer() override;

    // Starts the workers and listens; false (see errorString()) when it cannot.
    bool listen();
    QString errorString() const { return m_errorString; }
    quint16 port() const;
    QUrl url() const; // ws://HOST:PORT/, with the real port

    // Applies the live settings of `config` (SIGHUP): new limits at once, a new certificate to
    // the connections that follow. Its startup settings that differ are logged and wait for a
    // restart. False (see errorString()) when the new certificate cannot be loaded, or `config`
    // switches between ws:// and wss://; nothing changes then.
    bool reload(const ServerConfig &config);

    // Drains: /healthz answers 503 and new upgrades are refused at once; after the drain delay
    // (http/drain_delay_ms) it stops accepting, closes every client with `closeCode`, then
    // emits stopped(). Calls after the first do nothing.
    void shutdown(int closeCode, const QString &reason);

    int connectionCount() const { return m_connectionCount; }
    // Connections holding a place under the caps (accepted, until their socket is gone).
    int openConnections() const { return m_limiter.total(); }
    int userCount() const { return m_registry.userCount(); }
    // Users whose connection was lost and who are held for their client to resume.
    int heldUserCount() const { return m_registry.heldCount(); }
    int roomCount() const { return m_registry.roomCount(); }
    // Deletions kept for clients that resume (session/deletions_kept_for_resume).
    int keptDeletionCount() const { return m_registry.keptDeletionCount(); }
    // Positions kept in memory (feature "location"): one per user who shares, no more.
    int sharedLocationCount() const { return m_registry.sharedLocationCount(); }
    // Feature "accounts": who may join (its hasher and login throttle, for tests and figures).
    const Gatekeeper &gatekeeper() const { return *m_gatekeeper; }
    // The wall clock bans are made and checked by (ms since the epoch): tests move it forward
    // to see a ban expire. Set before clients connect.
    void setWallClock(std::function<qint64()> clock);
    // What /metrics reports.
    const ServerMetrics &metrics() const { return m_metrics; }

signals:
    void stopped();
    void connectionCountChanged(int count);

private:
    void dispatch(qintptr descriptor);
    void refuse(qintptr descriptor, const QHostAddress &address,
                ConnectionLimiter::Verdict verdict);
    void closeEveryone(int closeCode, const QString &reason);
    void finishShutdown();

    ServerConfig m_config;
    ServerMetrics m_metrics; // before the workers and the store, which count into it
    LocalFanout m_fanout;
    ConnectionLimiter m_limiter;
    Registry m_registry;
    std::optional<QSslConfiguration> loadTls(const ServerConfig &config);

    std::unique_ptr<Gatekeeper> m_gatekeeper;
    std::unique_ptr<Moderation> m_moderation;
    std::unique_ptr<MessageStore> m_store;
    // Cluster mode (--redis): the link to the other instances, on a thread of its own.
    std::unique_ptr<redis::RedisStats> m_redisStats;
    std::unique_ptr<EventLoopThread> m_clusterThread;
    Cluster *m_cluster = nullptr;
    bool startCluster();
    void stopCluster();
    std::optional<QSslConfiguration> m_tls;
    Listener *m_listener = nullptr;
    std::vector<std::unique_ptr<EventLoopThread>> m_threads;
    std::vector<Worker *> m_workers;
    size_t m_nextWorker = 0;
    int m_connectionCount = 0;
    int m_drainedWorkers = 0;
    bool m_stopping = false;
    QString m_errorString;
    QElapsedTimer m_refusalLog;
};

} // namespace chat::server
