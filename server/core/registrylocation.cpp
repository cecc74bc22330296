// Registry: the feature "location" (docs/protocol.md, "Locations"). A position is kept in memory
// only while its user shares it (an idle user costs nothing here), and relayed to the clients
// that listed the feature at most once per location/min_interval_ms: what comes inside the
// window replaces what waits, and the latest goes out when the window ends, so nothing is
// refused and nobody sees a position older than one window.
#include "registry.h"

#include "cluster/clusterevent.h"
#include "cluster/clusterlink.h"
#include "locationcodec.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QMutexLocker>

namespace chat::server {

namespace {
qint64 monotonicMs()
{
    return QDeadlineTimer::current().deadline();
}
} // namespace

int Registry::shareLocation(quint64 connectionId, const User &user,
                            const std::optional<GeoPosition> &position)
{
    const qint64 now = monotonicMs();
    const int interval = m_locationIntervalMs;
    QMutexLocker lock(&m_mutex);
    const auto index = m_indexByKey.constFind(user.key);
    if (index == m_indexByKey.cend() || m_members[index.value()].connectionId != connectionId)
        return 0; // gone, or resumed on another connection meanwhile
    auto it = m_locations.find(user.key);
    if (it == m_locations.end()) {
        if (!position)
            return 0; // it was not sharing: nothing to stop
        it = m_locations.insert(user.key, SharedLocation{});
        it->relayedAt = now - interval; // the first one goes out at once
    }
    SharedLocation &shared = it.value();
    shared.position = position;
    shared.ts = QDateTime::currentMSecsSinceEpoch();
    if (shared.pending)
        return 0; // coalesced: the timer already armed relays the latest
    const qint64 due = shared.relayedAt + interval - now;
    if (due > 0) {
        shared.pending = true;
        return int(due);
    }
    if (!relayLocationLocked(user.key, shared, now)) {
        shared.pending = true;
        return qMax(1, interval);
    }
    // A stopped share stays for its window (a quick share again waits for it), then goes.
    return shared.position ? 0 : qMax(1, interval);
}

int Registry::flushLocation(const QString &key)
{
    const qint64 now = monotonicMs();
    const int interval = m_locationIntervalMs;
    QMutexLocker lock(&m_mutex);
    const auto it = m_locations.find(key);
    if (it == m_locations.end())
        return 0; // the user left meanwhile
    SharedLocation &shared = it.value();
    const qint64 due = shared.relayedAt + interval - now;
    if (due > 0)
        return int(due); // a timer that fired early
    if (shared.pending) {
        if (!relayLocationLocked(key, shared, now))
            return qMax(1, interval); // Redis is away: again when the next window ends
        shared.pending = false;
        return shared.position ? 0 : qMax(1, interval);
    }
    if (!shared.position)
        m_locations.erase(it); // stopped, and its window is over: nothing of it is kept
    return 0;
}

bool Registry::relayLocationLocked(const QString &key, SharedLocation &shared, qint64 now)
{
    const auto index = m_indexByKey.constFind(key);
    if (index == m_indexByKey.cend())
        return true; // nobody to relay
    const Member &member = m_members[index.value()];
    if (m_cluster && !member.instance.isEmpty())
        return true; // resumed on another instance since: that one relays its updates now
    if (m_cluster && !m_cluster->isAvailable())
        return false;
    shared.relayedAt = now;
    shared.shown = shared.position.has_value();
    if (m_cluster) {
        // Every instance relays it to its clients when it applies it (this one too), in the
        // cluster's order: after the join its clients were told of, before the leave.
        ClusterEvent event;
        event.type = ClusterEvent::Type::Location;
        event.key = key;
        event.name = member.user.name;
        event.position = shared.position;
        event.ts = shared.ts;
        clusterPublishLocked(event, clusterevent::allChannel(), key, QString(), {});
        return true;
    }
    const LocationUpdate update{key, member.user.name, shared.position, shared.ts};
    publishLocked(member.connectionId, codec::location::locationUpdateEvent(update),
                  Audience::LocationClients);
    return true;
}

void Registry::applyLocationLocked(const ClusterEvent &event)
{
    const Member *member = findMemberLocked(event.key);
    if (!member)
        return; // it left meanwhile: its leave told everyone
    if (event.origin != m_cluster->instanceId()) {
        // Another instance's user: its position is kept here too, for `request locations` and
        // for the null update every instance sends its clients when the user leaves.
        if (event.position) {
            SharedLocation &shared = m_locations[event.key];
            shared.position = event.position;
            shared.ts = event.ts;
            shared.shown = true;
        } else {
            m_locations.remove(event.key);
        }
    }
    const LocationUpdate update{event.key, member->user.name, event.position, event.ts};
    publishLocked(localConnectionLocked(event.key), codec::location::locationUpdateEvent(update),
                  Audience::LocationClients);
}

void Registry::forgetLocationLocked(const QString &key, const QString &name, quint64 origin)
{
    const auto it = m_locations.constFind(key);
    if (it == m_locations.cend())
        return;
    const bool shown = it->shown;
    m_locations.erase(it);
    if (shown) {
        const LocationUpdate update{key, name, std::nullopt, QDateTime::currentMSecsSinceEpoch()};
        publishLocked(origin, codec::location::locationUpdateEvent(update),
                      Audience::LocationClients);
    }
}

QByteArray Registry::locations() const
{
    QList<LocationUpdate> shared;
    {
        QMutexLocker lock(&m_mutex);
        shared.reserve(m_locations.size());
        for (auto it = m_locations.cbegin(); it != m_locations.cend(); ++it) {
            const auto index = m_indexByKey.constFind(it.key());
            if (!it->position || index == m_indexByKey.cend())
                continue;
            shared.append(
                LocationUpdate{it.key(), m_members[index.value()].user.name, it->position, it->ts});
        }
    }
    return QJsonDocument(codec::location::locationsAckData(shared)).toJson(QJsonDocument::Compact);
}

int Registry::sharedLocationCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_locations.size());
}

} // namespace chat::server
