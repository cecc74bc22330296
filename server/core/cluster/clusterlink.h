#pragma once

#include "clusterevent.h"
#include "events.h"

#include <functional>
#include <optional>
#include <variant>

// What the Registry asks of the cluster (cluster mode): to publish its changes to every
// instance, in one order. Implemented by Cluster on Redis; thread safe (callers are worker
// threads); replies run on the cluster's thread.
namespace chat::server {

class ClusterLink
{
public:
    virtual ~ClusterLink() = default;
    // This instance's id, as events name their origin.
    virtual QString instanceId() const = 0;
    // Whether changes can be published now (connected to Redis and in step with the others).
    virtual bool isAvailable() const = 0;

    // Publishes `event` (seq set by Redis). A refusal or a lost connection answers with an
    // Error; success with the event's seq (the event is applied when it comes back).
    using Published = std::function<void(const std::variant<quint64, Error> &)>;
    // Claims the member's name (its uniqueness key `folded`) for the whole cluster and
    // publishes its join: name_taken when another instance's user has it.
    virtual void join(const ClusterEvent &event, const QString &folded, Published published) = 0;
    // Moves the session whose token hashes to `presented` to this instance (its connection
    // `event.member.connectionId`, its new token's hash `next`) and publishes `event` with the
    // user's key. `noSession`: there is none (the client joins afresh).
    using Resumed = std::function<void(const std::optional<Error> &error, bool noSession)>;
    virtual void resume(const ClusterEvent &event, const QString &presented, const QString &next,
                        Resumed resumed) = 0;
    // Frees the name and publishes the leave (nothing, when a reaped instance's user is gone).
    virtual void leave(const ClusterEvent &event, const QString &folded) = 0;
    // A moderator removes the member `event.key` of the instance `event.instance`: frees its
    // name and publishes `event` on `channel` (the member's own). no_such_user when Redis does
    // not have the member (it left meanwhile).
    virtual void remove(const ClusterEvent &event, const QByteArray &channel, const QString &folded,
                        Published published) = 0;
    // A change of the member `event.key`; `member`: its record as it is after the change (a
    // snapshot's), empty for none; `room`: a room created or whose topic changed, else empty.
    virtual void publish(const ClusterEvent &event, const QByteArray &channel,
                         const QByteArray &member, const QString &roomKey, const QByteArray &room,
                         Published published) = 0;
    // A message (room or private): Redis gives it its id as it publishes it.
    using Numbered = std::function<void(const std::variant<qint64, Error> &)>;
    virtual void message(const ClusterEvent &event, const QByteArray &channel,
                         Numbered numbered) = 0;
};

// The state of the whole cluster, as Redis holds it (after start, and after a lost connection).
struct ClusterSnapshot
{
    quint64 seq = 0;
    QList<ClusterMember> members;
    struct Room
    {
        QString key;
        QString name;
        QString topic;
    };
    QList<Room> rooms;
};

} // namespace chat::server
