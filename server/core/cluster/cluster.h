#pragma once

#include "clusterlink.h"
#include "redis/redisendpoint.h"
#include "redis/redisscript.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>
#include <vector>

namespace chat::server {

class MessageStore;
class Registry;
namespace redis {
class Connection;
class Subscriber;
struct Reply;
struct RedisStats;
} // namespace redis

// Cluster mode: this instance's link to the others through Redis (clusterscripts.h says what
// Redis holds). It lives on a thread of its own (start() is called there). Two connections:
// one publishes (the scripts), one is subscribed to every channel of the chat and feeds what
// comes, in order, to Registry::apply().
//
// In step: the events' numbers follow each other. When they do not (a lost subscription) or
// when Redis was away, the instance resyncs before it takes changes again: it reloads the
// shared state (a snapshot), registers its own users again if Redis lost them, reads the
// messages it missed from the database, and then applies what came meanwhile.
//
// Every `heartbeatMs` the instance says it is alive (a key that expires after `deadAfterMs`)
// and reaps the instances whose key expired: their users leave, for everyone.
class Cluster final : public QObject, public ClusterLink
{
    Q_OBJECT
public:
    struct Options
    {
        redis::Endpoint endpoint;
        int heartbeatMs = 2000;
        int deadAfterMs = 10000;
    };
    Cluster(Options options, Registry &registry, MessageStore *store,
            redis::RedisStats *stats = nullptr, QObject *parent = nullptr);
    ~Cluster() override;

    // On the cluster's thread: connects (and keeps reconnecting); stop() lets go.
    void start();
    void stop();

    QString instanceId() const override { return m_instance; }
    bool isAvailable() const override { return m_available.load(); }
    void join(const ClusterEvent &event, const QString &folded, Published published) override;
    void resume(const ClusterEvent &event, const QString &presented, const QString &next,
                Resumed resumed) override;
    void leave(const ClusterEvent &event, const QString &folded) override;
    void remove(const ClusterEvent &event, const QByteArray &channel, const QString &folded,
                Published published) override;
    void publish(const ClusterEvent &event, const QByteArray &channel, const QByteArray &member,
                 const QString &roomKey, const QByteArray &room, Published published) override;
    void message(const ClusterEvent &event, const QByteArray &channel, Numbered numbered) override;

signals:
    // In step with the others (true) or not taking changes (false): for /healthz.
    void availabilityChanged(bool available);

private:
    void onMessage(const QByteArray &channel, const QByteArray &payload);
    void setAvailable(bool available);
    void maybeResync();
    void resync();
    void resyncWithSnapshot(const redis::Reply &reply);
    void finishResync(quint64 seq);
    void heartbeat();
    void applyInOrder(const ClusterEvent &event);
    // Runs a script on this thread (callers post here first).
    void run(const redis::Script &script, const QList<QByteArray> &keys,
             const QList<QByteArray> &args, std::function<void(const redis::Reply &)> done);
    QByteArray key(const char *name) const;
    QByteArray instanceKey(const char *name) const; // name + ":" + this instance

    const Options m_options;
    Registry &m_registry;
    MessageStore *m_store;
    redis::RedisStats *m_stats;
    const QString m_instance;
    std::unique_ptr<redis::Connection> m_connection;
    std::unique_ptr<redis::Subscriber> m_subscriber;
    QTimer *m_heartbeat = nullptr; // made on the cluster thread (start())
    std::atomic<bool> m_available{false};
    bool m_syncing = false;
    bool m_everSynced = false;
    quint64 m_lastSeq = 0;
    std::vector<ClusterEvent> m_buffered; // while resyncing
};

} // namespace chat::server
