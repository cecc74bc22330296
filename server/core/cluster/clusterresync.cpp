// Cluster: keeping in step with the others (the events in order; a resync after a gap or a lost
// connection). The link itself is in cluster.cpp.
#include "cluster.h"
#include "clusterdetail.h"

#include "clusterscripts.h"
#include "clusterstore.h"
#include "logging.h"
#include "messagestore.h"
#include "redis/redisconnection.h"
#include "redis/redissubscriber.h"
#include "registry.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTimer>

#include <algorithm>

namespace chat::server {

using clusterdetail::backfilled;
using clusterdetail::reservationBlock;
using clusterdetail::script;

void Cluster::maybeResync()
{
    if (!m_connection || !m_subscriber)
        return;
    if (m_connection->isConnected() && m_subscriber->isReady() && !m_syncing)
        resync();
}

void Cluster::onMessage(const QByteArray &, const QByteArray &payload)
{
    auto event = clusterevent::decode(payload);
    if (!event) {
        qCWarning(lcServer) << "cluster: an event that is not JSON; skipped";
        return;
    }
    if (m_syncing || !m_everSynced || !m_available) {
        m_buffered.push_back(std::move(*event));
        return;
    }
    applyInOrder(*event);
}

void Cluster::applyInOrder(const ClusterEvent &event)
{
    if (event.seq <= m_lastSeq)
        return; // seen (a resync's snapshot had it)
    if (event.seq != m_lastSeq + 1) {
        qCWarning(lcServer) << "cluster: events" << m_lastSeq + 1 << "to" << event.seq - 1
                            << "did not arrive; resyncing";
        m_buffered.push_back(event);
        setAvailable(false);
        return maybeResync();
    }
    m_lastSeq = event.seq;
    m_registry.apply(event);
    if (event.type == ClusterEvent::Type::Gone && event.instance == m_instance) {
        qCWarning(lcServer) << "cluster: the others took this instance for dead (its heartbeat"
                            << "was late); registering its users again";
        setAvailable(false);
        maybeResync();
    }
}

void Cluster::resync()
{
    m_syncing = true;
    // Every script loaded before any runs: EVALSHA never meets NOSCRIPT mid-stream (which would
    // reorder a message behind the next).
    for (const char *source :
         {clusterscripts::join, clusterscripts::leave, clusterscripts::publish,
          clusterscripts::message, clusterscripts::seed, clusterscripts::snapshot,
          clusterscripts::reap, clusterscripts::resume})
        m_connection->command({"SCRIPT", "LOAD", QByteArray(source)});
    // Ids continue above any ever handed out: the database's reservation covers every one
    // (Redis may have lost its counter, or be a replica that lags).
    qint64 last = m_registry.lastMessageId();
    qint64 reservedUntil = 0;
    if (m_store) {
        const auto recorded = clusterstore::extendReservation(*m_store, last);
        const auto until =
            recorded ? clusterstore::extendReservation(*m_store, *recorded + reservationBlock)
                     : std::nullopt;
        if (!recorded || !until) {
            qCWarning(lcServer) << "cluster: the database did not record the id reservation;"
                                << "retrying";
            m_syncing = false;
            QTimer::singleShot(1000, this, &Cluster::maybeResync);
            return;
        }
        last = *recorded;
        reservedUntil = *until;
    }
    run(script(clusterscripts::seed), {key("ids"), key("ids:reserved")},
        {QByteArray::number(last), QByteArray::number(reservedUntil)}, [](const redis::Reply &) {});
    heartbeat(); // registered as alive before anyone can reap it
    run(script(clusterscripts::snapshot), {key("seq"), key("users"), key("rooms")}, {},
        [this](const redis::Reply &reply) { resyncWithSnapshot(reply); });
}

void Cluster::resyncWithSnapshot(const redis::Reply &reply)
{
    if (!m_syncing)
        return; // lost again meanwhile: a new resync follows
    if (reply.isError() || reply.elements.size() < 3) {
        m_syncing = false;
        QTimer::singleShot(1000, this, &Cluster::maybeResync);
        return;
    }
    ClusterSnapshot snapshot;
    snapshot.seq = quint64(reply.elements.at(0).integer);
    const QList<redis::Reply> &users = reply.elements.at(1).elements;
    QSet<QString> mineInRedis;
    for (qsizetype i = 1; i < users.size(); i += 2) {
        if (auto member = clusterevent::decodeMember(users.at(i).string)) {
            if (member->instance == m_instance)
                mineInRedis.insert(member->key);
            snapshot.members.append(std::move(*member));
        }
    }
    const QList<redis::Reply> &rooms = reply.elements.at(2).elements;
    for (qsizetype i = 1; i < rooms.size(); i += 2) {
        const QJsonObject room = QJsonDocument::fromJson(rooms.at(i).string).object();
        snapshot.rooms.append({QString::fromUtf8(rooms.at(i - 1).string),
                               room.value("name").toString(), room.value("topic").toString()});
    }
    m_registry.applySnapshot(snapshot, m_everSynced);

    // Redis and this instance agree on its users: those Redis lost are registered again (their
    // joins come back as events: nothing changes here), those it kept but left are freed.
    QSet<QString> local;
    for (const ClusterMember &member : m_registry.localMembers()) {
        local.insert(member.key);
        if (mineInRedis.contains(member.key))
            continue;
        ClusterEvent event;
        event.type = ClusterEvent::Type::Join;
        event.origin = m_instance;
        event.member = member;
        join(event, member.folded, [name = member.name](const std::variant<quint64, Error> &r) {
            if (std::holds_alternative<Error>(r))
                qCWarning(lcServer).noquote()
                    << "cluster: a user of this instance could not be registered again:"
                    << "its name went to another user meanwhile";
        });
    }
    for (const ClusterMember &member : std::as_const(snapshot.members)) {
        if (member.instance == m_instance && !local.contains(member.key)) {
            ClusterEvent event;
            event.type = ClusterEvent::Type::Leave;
            event.origin = m_instance;
            event.key = member.key;
            event.name = member.name;
            leave(event, member.folded);
        }
    }
    if (!m_store)
        return finishResync(snapshot.seq);
    // What was said while this instance was not listening, from the database.
    const quint64 seq = snapshot.seq;
    m_store->readSince(m_registry.lastMessageId(), 100'000,
                       [this, seq](bool ok, const QList<SinceMessage> &messages) {
                           QMetaObject::invokeMethod(
                               this,
                               [this, seq, ok, messages] {
                                   if (!ok)
                                       qCWarning(lcServer) << "cluster: the messages missed"
                                                           << "could not be read";
                                   for (const SinceMessage &msg : messages)
                                       m_registry.apply(backfilled(msg));
                                   if (ok && !messages.isEmpty())
                                       qCInfo(lcServer) << "cluster:" << messages.size()
                                                        << "messages missed meanwhile read"
                                                        << "from the database";
                                   finishResync(seq);
                               },
                               Qt::QueuedConnection);
                       });
}

void Cluster::finishResync(quint64 seq)
{
    if (!m_syncing)
        return;
    m_lastSeq = seq;
    std::vector<ClusterEvent> buffered = std::exchange(m_buffered, {});
    std::sort(buffered.begin(), buffered.end(),
              [](const ClusterEvent &a, const ClusterEvent &b) { return a.seq < b.seq; });
    m_syncing = false;
    m_everSynced = true;
    setAvailable(true);
    qCInfo(lcServer) << "cluster: in step with the chat at event" << seq;
    for (const ClusterEvent &event : buffered) {
        if (!m_available)
            break;
        applyInOrder(event);
    }
    // Who this instance has, for the others to let go of users whose leave Redis never saw.
    ClusterEvent roster;
    roster.type = ClusterEvent::Type::Roster;
    roster.origin = m_instance;
    roster.instance = m_instance;
    for (const ClusterMember &member : m_registry.localMembers())
        roster.keys.append(member.key);
    publish(roster, clusterevent::allChannel(), {}, {}, {}, {});
    // Instances that do not come back within the time a heartbeat allows are gone, and so are
    // their users (after a Redis that lost everything, the reaper knows nothing of them).
    QTimer::singleShot(m_options.deadAfterMs + m_options.heartbeatMs, this, [this] {
        if (!m_available || !m_connection)
            return;
        m_connection->command({"SMEMBERS", key("instances")}, [this](const redis::Reply &reply) {
            if (reply.type != redis::Reply::Type::Array || !m_available)
                return;
            QSet<QString> alive;
            for (const redis::Reply &instance : reply.elements)
                alive.insert(QString::fromUtf8(instance.string));
            m_registry.dropInstancesExcept(alive);
        });
    });
}

} // namespace chat::server
