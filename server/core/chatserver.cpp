#include "chatserver.h"

#include "cluster/cluster.h"
#include "redis/redisstats.h"

#include "databasetarget.h"
#include "eventloopthread.h"
#include "gatekeeper.h"
#include "listener.h"
#include "logging.h"
#include "messagestore.h"
#include "moderation.h"
#include "worker.h"

#include <QEventLoop>
#include <QFile>
#include <QSslKey>
#include <QSslSocket>
#include <QThread>

#include <QTimer>
#include <sys/socket.h>
#include <unistd.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace chat::server {

namespace {
// How long a cluster instance waits at the start to be in step with the others before it
// listens anyway.
constexpr int clusterStartWaitMs = 5000;
} // namespace

ChatServer::ChatServer(const ServerConfig &config, QObject *parent)
    : QObject(parent), m_config(config), m_limiter(config), m_registry(m_config, m_fanout),
      m_gatekeeper(std::make_unique<Gatekeeper>(config)),
      m_moderation(std::make_unique<Moderation>()),
      m_listener(new Listener([this](qintptr fd) { dispatch(fd); }, this))
{
    // The Gatekeeper keeps a digest of the join password; the workers' copies need none.
    m_config.serverPassword.clear();
    m_listener->setListenBacklogSize(config.listenBacklog);
#ifdef __GLIBC__
    // A burst (a join storm, a flood of large messages) leaves freed memory in malloc's arenas;
    // hand it back to the system so that the resident size follows the live connections.
    auto *trim = new QTimer(this);
    connect(trim, &QTimer::timeout, this, [] { ::malloc_trim(0); });
    trim->start(2000);
#endif
    auto *sweep = new QTimer(this);
    connect(sweep, &QTimer::timeout, this, [this] { m_limiter.sweep(); });
    sweep->start(10'000);
    // Sessions held for a client to resume: the others are told once the grace period is over.
    auto *expiry = new QTimer(this);
    connect(expiry, &QTimer::timeout, this, [this] { m_registry.expireHeld(); });
    expiry->start(250);
}

ChatServer::~ChatServer()
{
    m_listener->close();
    stopCluster();
    if (m_store)
        m_store->close(); // commits what is queued; its acks reach the workers still alive
    m_fanout.close();
    for (size_t i = 0; i < m_workers.size(); ++i) {
        Worker *worker = m_workers[i];
        QMetaObject::invokeMethod(
            worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
        // Joined: the thread is gone, with its thread-local state (see EventLoopThread).
        m_threads[i]->stop();
    }
    if (m_cluster) {
        Cluster *cluster = m_cluster;
        QMetaObject::invokeMethod(
            cluster, [cluster] { delete cluster; }, Qt::BlockingQueuedConnection);
        m_clusterThread->stop();
    }
}

void ChatServer::setWallClock(std::function<qint64()> clock)
{
    m_gatekeeper->setWallClock(clock);
    m_moderation->setWallClock(std::move(clock));
}

std::optional<QSslConfiguration> ChatServer::loadTls(const ServerConfig &config)
{
    m_errorString.clear();
    if (config.tlsCertificatePath.isEmpty() && config.tlsKeyPath.isEmpty())
        return std::nullopt;
    if (config.tlsCertificatePath.isEmpty() || config.tlsKeyPath.isEmpty()) {
        m_errorString = QStringLiteral("TLS needs both a certificate and a private key");
        return std::nullopt;
    }
    if (!QSslSocket::supportsSsl()) {
        m_errorString = QStringLiteral("this Qt has no TLS backend");
        return std::nullopt;
    }
    const QList<QSslCertificate> chain =
        QSslCertificate::fromPath(config.tlsCertificatePath, QSsl::Pem);
    if (chain.isEmpty()) {
        m_errorString = QStringLiteral("no PEM certificate in %1").arg(config.tlsCertificatePath);
        return std::nullopt;
    }
    QFile keyFile(config.tlsKeyPath);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        m_errorString =
            QStringLiteral("cannot read %1: %2").arg(config.tlsKeyPath, keyFile.errorString());
        return std::nullopt;
    }
    const QByteArray pem = keyFile.readAll();
    QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        m_errorString = QStringLiteral("no RSA or EC private key in %1").arg(config.tlsKeyPath);
        return std::nullopt;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients are not asked for certificates
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    qCInfo(lcServer) << "serving wss:// with" << chain.first().subjectDisplayName() << "valid until"
                     << chain.first().expiryDate().toString(Qt::ISODate);
    return tls;
}

bool ChatServer::reload(const ServerConfig &config)
{
    const bool wantsTls = !config.tlsCertificatePath.isEmpty() || !config.tlsKeyPath.isEmpty();
    if (wantsTls != m_tls.has_value()) {
        m_errorString = QStringLiteral("switching between ws:// and wss:// needs a restart");
        return false;
    }
    std::optional<QSslConfiguration> tls;
    if (wantsTls) {
        tls = loadTls(config);
        if (!tls)
            return false;
    }
    const QStringList restartOnly = changedStartupSettings(m_config, config);
    if (!restartOnly.isEmpty())
        qCWarning(lcServer).noquote()
            << "not applied until a restart:" << restartOnly.join(QLatin1String(", "));
    static_cast<LiveSettings &>(m_config) = config;
    m_limiter.setLimits(m_config);
    m_registry.setLimits(m_config);
    m_gatekeeper->setSettings(m_config);
    m_config.serverPassword.clear(); // as in the constructor
    if (tls)
        m_tls = tls;
    for (Worker *worker : m_workers) {
        QMetaObject::invokeMethod(
            worker,
            [worker, limits = m_config, tls] {
                worker->setLimits(limits);
                if (tls)
                    worker->setTls(*tls);
            },
            Qt::QueuedConnection);
    }
    qCInfo(lcServer) << "reloaded: limits and certificate in effect";
    return true;
}

bool ChatServer::listen()
{
    m_tls = loadTls(m_config);
    if (!m_errorString.isEmpty())
        return false;
    const QString &db = m_config.databasePath;
    if (!m_config.redisUrl.isEmpty() && !db.isEmpty() && db != QLatin1String(":memory:") &&
        !DatabaseTarget::isUrl(db)) {
        m_errorString = QStringLiteral("--redis (cluster/redis) shares one chat between "
                                       "instances: its history must be shared too, in "
                                       "PostgreSQL (--db postgresql://...), not in a SQLite file");
        return false;
    }
    if (m_config.clusterHeartbeatMs * 2 > m_config.clusterDeadAfterMs) {
        m_errorString = QStringLiteral("cluster/dead_after_ms must be at least twice "
                                       "cluster/heartbeat_ms");
        return false;
    }
    if (!db.isEmpty() && db != QLatin1String(":memory:")) {
        m_store = std::make_unique<MessageStore>(db, m_config.databaseFullSync);
        // Instances of one chat share the database (Redis hands out the ids).
        m_store->setShared(!m_config.redisUrl.isEmpty());
        if (!m_store->open(m_config.historySize)) {
            m_errorString = QStringLiteral("cannot open the history database %1: %2")
                                .arg(DatabaseTarget::redacted(db), m_store->errorString());
            m_store.reset();
            return false;
        }
        m_registry.restore(m_store->lastMessageId(), m_store->rooms());
        m_store->setMetrics(&m_metrics);
        m_registry.setStore(m_store.get());
        m_gatekeeper->setStore(m_store.get());
        m_moderation->setStore(m_store.get());
    }

    const int count =
        m_config.workerThreads > 0 ? m_config.workerThreads : qMax(1, QThread::idealThreadCount());
    for (int i = 0; i < count; ++i) {
        auto thread = std::make_unique<EventLoopThread>(QStringLiteral("chat-worker-%1").arg(i));
        auto *worker = new Worker(m_registry, m_config, m_limiter, *m_gatekeeper, *m_moderation,
                                  m_tls, m_metrics, m_metrics.addWorker());
        worker->moveToThread(thread->thread());
        connect(worker, &Worker::connectionCountChanged, this, [this](int delta) {
            m_connectionCount += delta;
            emit connectionCountChanged(m_connectionCount);
        });
        connect(worker, &Worker::drained, this, [this] {
            if (++m_drainedWorkers == int(m_workers.size()))
                finishShutdown();
        });
        m_threads.push_back(std::move(thread));
        m_workers.push_back(worker);
    }
    m_fanout.setWorkers(m_workers);
    m_metrics.setGauges([this] {
        return ServerMetrics::Gauges{m_limiter.total(), m_registry.userCount(),
                                     m_registry.heldCount(), m_registry.roomCount(),
                                     m_registry.sharedLocationCount()};
    });
    m_registry.setTakeoverHandler([workers = m_workers](quint64 connectionId) {
        for (Worker *worker : workers)
            QMetaObject::invokeMethod(
                worker, [worker, connectionId] { worker->closeTakenOver(connectionId); });
    });
    // A user a moderator removed: its connection is on one of the workers (maybe another one
    // than the moderator's), closed on that worker's thread.
    m_registry.setEjectHandler([workers = m_workers](quint64 connectionId, const Kicked &notice) {
        for (Worker *worker : workers)
            QMetaObject::invokeMethod(
                worker, [worker, connectionId, notice] { worker->eject(connectionId, notice); });
    });

    if (!m_config.redisUrl.isEmpty() && !startCluster())
        return false;
    if (!m_listener->listen(m_config.host, m_config.port)) {
        m_errorString = m_listener->errorString();
        return false;
    }
    qCInfo(lcServer) << "listening on" << url().toString() << "with" << count
                     << "worker threads, backlog" << m_config.listenBacklog;
    return true;
}

bool ChatServer::startCluster()
{
    QString error;
    const auto endpoint = redis::Endpoint::parse(m_config.redisUrl, &error);
    if (!endpoint) {
        m_errorString = QStringLiteral("cluster/redis: %1").arg(error);
        return false;
    }
    m_redisStats = std::make_unique<redis::RedisStats>();
    m_metrics.setRedisStats(m_redisStats.get());
    m_clusterThread = std::make_unique<EventLoopThread>(QStringLiteral("chat-cluster"));
    m_cluster = new Cluster({*endpoint, m_config.clusterHeartbeatMs, m_config.clusterDeadAfterMs},
                            m_registry, m_store.get(), m_redisStats.get());
    m_cluster->moveToThread(m_clusterThread->thread());
    m_metrics.clusterInStep.store(0);
    connect(m_cluster, &Cluster::availabilityChanged, this,
            [this](bool inStep) { m_metrics.clusterInStep.store(inStep ? 1 : 0); });
    m_registry.setCluster(m_cluster);
    QEventLoop wait;
    connect(m_cluster, &Cluster::availabilityChanged, &wait, [&wait](bool inStep) {
        if (inStep)
            wait.quit();
    });
    QTimer::singleShot(clusterStartWaitMs, &wait, &QEventLoop::quit);
    QMetaObject::invokeMethod(m_cluster, &Cluster::start);
    // Clients are taken once the instance is in step with the others, or after a while anyway
    // (refused with an error until it is; /healthz says 503 meanwhile).
    wait.exec();
    if (!m_cluster->isAvailable())
        qCWarning(lcServer) << "cluster: not in step with the chat after" << clusterStartWaitMs
                            << "ms; listening anyway (joins are refused until it is)";
    return true;
}

void ChatServer::stopCluster()
{
    if (!m_cluster)
        return;
    // Stopped, not deleted: the workers may still hand it leaves (answered with errors now).
    QMetaObject::invokeMethod(m_cluster, &Cluster::stop, Qt::BlockingQueuedConnection);
}

quint16 ChatServer::port() const
{
    return m_listener->serverPort();
}

QUrl ChatServer::url() const
{
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("wss") : QStringLiteral("ws"));
    QHostAddress host = m_listener->serverAddress();
    if (host == QHostAddress::AnyIPv4 || host == QHostAddress::Any)
        host = QHostAddress::AnyIPv4;
    else if (host == QHostAddress::AnyIPv6)
        host = QHostAddress::AnyIPv6;
    url.setHost(host.toString());
    url.setPort(port());
    url.setPath(QStringLiteral("/"));
    return url;
}

void ChatServer::dispatch(qintptr descriptor)
{
    sockaddr_storage peer{};
    socklen_t length = sizeof peer;
    QHostAddress address;
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&peer), &length) == 0)
        address.setAddress(reinterpret_cast<const sockaddr *>(&peer));
    const auto verdict = m_limiter.tryAcquire(address);
    if (verdict != ConnectionLimiter::Verdict::Accepted) {
        refuse(descriptor, address, verdict);
        return;
    }
    Worker *worker = m_workers[m_nextWorker++ % m_workers.size()];
    QMetaObject::invokeMethod(
        worker, [worker, descriptor, address] { worker->adoptSocket(descriptor, address); },
        Qt::QueuedConnection);
}

void ChatServer::refuse(qintptr descriptor, const QHostAddress &address,
                        ConnectionLimiter::Verdict verdict)
{
    // Rate-limit the log line: a flood of refusals must not flood the log too.
    if (!m_refusalLog.isValid() || m_refusalLog.hasExpired(5000)) {
        QString why;
        switch (verdict) {
        case ConnectionLimiter::Verdict::TooManyInAll:
            why = QStringLiteral("the server holds its maximum of %1 connections")
                      .arg(m_config.maxConnections);
            break;
        case ConnectionLimiter::Verdict::TooManyFromAddress:
            why = QStringLiteral("this address holds its maximum of %1 connections")
                      .arg(m_config.maxConnectionsPerAddress);
            break;
        case ConnectionLimiter::Verdict::TooManyFromSite:
            why = QStringLiteral("its IPv6 /48 holds its maximum of %1 connections")
                      .arg(m_config.maxConnectionsPerIpv6Site);
            break;
        default:
            why = QStringLiteral("this address holds its maximum of %1 connections that have "
                                 "not joined")
                      .arg(m_config.maxUnjoinedPerAddress);
            break;
        }
        qCWarning(lcServer).nospace().noquote()
            << "refusing connections from " << address.toString() << ": " << why;
        m_refusalLog.start();
    }
    m_metrics.connectionsRefused.fetch_add(1, std::memory_order_relaxed);
    static const char response[] = "HTTP/1.1 503 Service Unavailable\r\n"
                                   "Content-Type: text/plain\r\nContent-Length: 23\r\n"
                                   "Connection: close\r\nRetry-After: 10\r\n\r\n"
                                   "Too many connections.\r\n";
    [[maybe_unused]] const auto sent =
        ::send(int(descriptor), response, sizeof response - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
    ::close(int(descriptor));
}

void ChatServer::shutdown(int closeCode, const QString &reason)
{
    // Once: a second request (a second SIGTERM while clients are being closed) would restart
    // the count of drained workers, and the workers that have drained do not report again.
    if (m_stopping)
        return;
    m_stopping = true;
    m_metrics.serving.store(false);
    // With nobody connected there is nobody to move: stop at once (a supervisor's restart of an
    // idle server need not wait).
    if (m_config.drainDelayMs > 0 && !m_workers.empty() && m_limiter.total() > 0) {
        // Still listening meanwhile: a load balancer's health checks get their 503.
        qCInfo(lcServer) << "draining: closing the clients in" << m_config.drainDelayMs << "ms";
        QTimer::singleShot(m_config.drainDelayMs, this,
                           [this, closeCode, reason] { closeEveryone(closeCode, reason); });
        return;
    }
    closeEveryone(closeCode, reason);
}

void ChatServer::closeEveryone(int closeCode, const QString &reason)
{
    m_listener->close();
    m_drainedWorkers = 0;
    for (Worker *worker : m_workers) {
        QMetaObject::invokeMethod(
            worker, [worker, closeCode, reason] { worker->closeAll(closeCode, reason, 2000); },
            Qt::QueuedConnection);
    }
    if (m_workers.empty())
        finishShutdown();
}

void ChatServer::finishShutdown()
{
    if (m_store)
        m_store->close(); // everything acknowledged is committed already; this ends the thread
    emit stopped();
}

} // namespace chat::server
