#pragma once

#include <QList>
#include <QString>

#include <functional>
#include <optional>

// What cluster mode needs of the shared database beyond what a server on its own does: the id
// reservation several instances raise, and the messages an instance missed.
namespace chat::server {

class MessageStore;

// A stored message as the cluster reads it back after a gap: a room's (roomKey set) or a
// private one (recipientKey set).
struct MissedMessage
{
    qint64 id = 0;
    QString key;
    QString sender;
    QString text;
    qint64 ts = 0;
    QString roomKey;
    QString recipientKey;
};

namespace clusterstore {

// Raises the recorded reservation to at least `atLeast` (never lowers it: instances race) and
// returns what it is then, once committed; nothing when the database failed. Blocks.
std::optional<qint64> extendReservation(MessageStore &store, qint64 atLeast);

// The messages with an id above `afterId`, oldest first, at most `limit`; `read` runs on the
// store's thread once the writes queued before are committed.
void readMissed(MessageStore &store, qint64 afterId, int limit,
                std::function<void(bool ok, const QList<MissedMessage> &)> read);

} // namespace clusterstore
} // namespace chat::server
