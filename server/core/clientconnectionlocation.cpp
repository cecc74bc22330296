// ClientConnection: the requests of the feature "location" (docs/protocol.md, "Locations").
// They reach these handlers from a connection that listed the feature in its join (and, to be
// answered not_joined, from one that has not joined yet).
#include "clientconnection.h"

#include "codec.h"
#include "registry.h"
#include "servermetrics.h"
#include "worker.h"

#include <QTimer>

namespace chat::server {

namespace {
// An update waits for its user's window to end: one timer, on the worker's thread, only while
// something waits (and for the window after a stop). It outlives the connection: what was
// acknowledged goes out even if the client is gone (its session held).
void flushLocationLater(Worker *worker, Registry *registry, const QString &key, int ms)
{
    QTimer::singleShot(ms, Qt::PreciseTimer, worker, [worker, registry, key] {
        if (const int again = registry->flushLocation(key))
            flushLocationLater(worker, registry, key, again);
    });
}
} // namespace

void ClientConnection::handle(std::optional<qint64> id, const SendLocationRequest &request)
{
    if (!checkJoined(id))
        return;
    m_worker.metrics().locationUpdates.fetch_add(1, std::memory_order_relaxed);
    if (const int due = m_registry.shareLocation(m_id, *m_user, request.position))
        flushLocationLater(&m_worker, &m_registry, m_user->key, due);
    if (id)
        reply(codec::encodeAck(*id, {}));
}

void ClientConnection::handle(std::optional<qint64> id, const RequestLocationsRequest &)
{
    if (!checkJoined(id) || !id)
        return; // without an id there is nobody to answer
    reply(codec::encodeAckData(*id, m_registry.locations()));
}

} // namespace chat::server
