#include "router.h"

#include "clientconnection.h"
#include "serverconfig.h"
#include "wireframe.h"

#include <QObject>

#include <array>
#include <utility>

namespace chat::server {

namespace {
// The worker's thread is the only writer of its counters: a plain load and store (no locked
// read-modify-write on the delivery path); /metrics reads them from another thread.
void count(std::atomic<quint64> &counter, quint64 n)
{
    counter.store(counter.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
}
} // namespace

Router::Router(QObject *context, const ServerConfig &config,
               ServerMetrics::WorkerCounters &counters)
    : m_context(context), m_config(config), m_counters(counters)
{}

void Router::add(ClientConnection *connection)
{
    m_routeByConnection.insert(connection->id(), m_routes.size());
    m_routes.push_back(Route{connection, m_backlogBase + m_backlog.size(), {}, 0, false});
}

void Router::remove(quint64 connectionId)
{
    const auto it = m_routeByConnection.constFind(connectionId);
    if (it == m_routeByConnection.cend())
        return;
    const size_t index = it.value();
    m_routeByConnection.erase(it);
    if (index + 1 != m_routes.size()) {
        m_routes[index] = std::move(m_routes.back());
        m_routeByConnection[m_routes[index].connection->id()] = index;
    }
    m_routes.pop_back();
}

void Router::clear()
{
    m_routes.clear();
    m_routeByConnection.clear();
}

bool Router::deliverTo(quint64 connectionId, const QByteArray &frame)
{
    Route *route = routeOf(connectionId);
    if (!route)
        return false;
    addToLane(*route, frame);
    return true;
}

void Router::pump(quint64 connectionId)
{
    if (Route *route = routeOf(connectionId))
        pump(*route);
}

Router::Route *Router::routeOf(quint64 connectionId)
{
    const auto it = m_routeByConnection.constFind(connectionId);
    return it == m_routeByConnection.cend() ? nullptr : &m_routes[it.value()];
}

void Router::append(Outgoing entry)
{
    entry.offset = m_backlogEnd;
    m_backlogEnd += entry.frame.size();
    m_backlog.push_back(std::move(entry));
}

void Router::deliver(const Broadcast &broadcast)
{
    if (broadcast.audience != Audience::Listed) {
        append({broadcast.seq, broadcast.originConnection, 0, broadcast.frame, broadcast.audience});
        m_pumpAll = true;
        schedulePump();
        return;
    }
    // The listed connections of this worker, in their lanes: the others are another worker's.
    for (const quint64 connectionId : broadcast.recipients) {
        Route *route = routeOf(connectionId);
        if (route && connectionId != broadcast.originConnection &&
            broadcast.seq > route->connection->joinSeq())
            addToLane(*route, broadcast.frame);
    }
}

void Router::addToLane(Route &route, const QByteArray &frame)
{
    route.lane.append({m_backlogBase + m_backlog.size(), frame});
    route.laneBytes += frame.size();
    if (!route.pumpQueued) {
        route.pumpQueued = true;
        m_pumpList.push_back(route.connection->id());
    }
    schedulePump();
}

void Router::schedulePump()
{
    // One pass per event-loop turn: every broadcast queued meanwhile leaves in one write.
    if (m_pumpScheduled)
        return;
    m_pumpScheduled = true;
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_pumpScheduled = false;
            const std::vector<quint64> listed = std::exchange(m_pumpList, {});
            for (const quint64 connectionId : listed) {
                if (Route *route = routeOf(connectionId))
                    route->pumpQueued = false;
            }
            if (std::exchange(m_pumpAll, false)) {
                // Index loop: a write may close (not remove) a connection.
                for (size_t i = 0; i < m_routes.size(); ++i)
                    pump(m_routes[i]);
                trimBacklog();
                return;
            }
            // Only lanes have news: the cost is that of their connections.
            for (const quint64 connectionId : listed) {
                if (Route *route = routeOf(connectionId))
                    pump(*route);
            }
        },
        Qt::QueuedConnection);
}

bool Router::isDue(const Outgoing &entry, const ClientConnection *connection)
{
    if (entry.origin == connection->id() || entry.seq <= connection->joinSeq())
        return false;
    switch (entry.audience) {
    case Audience::Everyone:
        return true;
    case Audience::TypingSubscribers:
        return connection->wantsTyping();
    case Audience::V1Clients:
        return !connection->speaksRooms();
    case Audience::Listed:
        break;
    case Audience::AccountsClients:
        return connection->speaksAccounts();
    case Audience::OtherThanAccountsClients:
        return !connection->speaksAccounts();
    case Audience::LocationClients:
        return connection->speaksLocation();
    }
    return false;
}

void Router::pump(Route &route)
{
    ClientConnection *connection = route.connection;
    // Two streams in one order: the backlog from the cursor, and the lane, whose entries go
    // before the backlog entry at their position.
    const auto laneDue = [&route](quint64 position) {
        return !route.lane.isEmpty() && route.lane.front().position <= position;
    };
    const quint64 end = m_backlogBase + m_backlog.size();
    while ((route.cursor < end || !route.lane.isEmpty()) && !connection->isClosing()) {
        if (connection->queuedBytes() == 0) {
            // Nothing waits in Qt's buffer: hand the due frames to the kernel straight from
            // the backlog and the lane, in one writev(), without copying them.
            std::array<WireChunk, 64> chunks;
            size_t count = 0;
            qsizetype fromLane = 0;
            qint64 laneBytes = 0;
            qint64 bytes = 0;
            quint64 scan = route.cursor;
            while (count < chunks.size() && bytes < m_config.socketHighWaterBytes) {
                if (fromLane < route.lane.size() && route.lane[fromLane].position <= scan) {
                    const QByteArray &frame = route.lane[fromLane++].frame;
                    chunks[count++] = {frame.constData(), frame.size()};
                    bytes += frame.size();
                    laneBytes += frame.size();
                    continue;
                }
                if (scan >= end)
                    break;
                const Outgoing &entry = m_backlog[size_t(scan - m_backlogBase)];
                if (isDue(entry, connection)) {
                    chunks[count++] = {entry.frame.constData(), entry.frame.size()};
                    bytes += entry.frame.size();
                }
                ++scan;
            }
            route.cursor = scan;
            if (count > 0) {
                connection->writeChunks(chunks.data(), count);
                chat::server::count(m_counters.deliveries, count);
                chat::server::count(m_counters.bytesSent, quint64(bytes));
            }
            // Only now: the chunks pointed into the lane's frames.
            route.lane.remove(0, fromLane);
            route.laneBytes -= laneBytes;
            if (route.lane.isEmpty())
                route.lane = {}; // no allocation held by an idle connection
            continue;
        }
        if (connection->queuedBytes() >= m_config.socketHighWaterBytes) {
            // Behind: how much of the backlog and lane it has not taken, plus what its socket
            // holds.
            qint64 lag = route.laneBytes + connection->queuedBytes();
            if (route.cursor < end)
                lag += m_backlogEnd - m_backlog[size_t(route.cursor - m_backlogBase)].offset;
            if (lag > connection->sendCap())
                connection->closeSlowReader(lag);
            return;
        }
        // The kernel's buffer is full: queue in Qt's until the socket drains (bytesWritten).
        if (laneDue(route.cursor)) {
            const QByteArray frame = route.lane.takeFirst().frame;
            route.laneBytes -= frame.size();
            connection->sendFrame(frame);
            chat::server::count(m_counters.deliveries, 1);
            chat::server::count(m_counters.bytesSent, quint64(frame.size()));
            continue;
        }
        const Outgoing &entry = m_backlog[size_t(route.cursor - m_backlogBase)];
        ++route.cursor;
        if (isDue(entry, connection)) {
            connection->sendFrame(entry.frame);
            chat::server::count(m_counters.deliveries, 1);
            chat::server::count(m_counters.bytesSent, quint64(entry.frame.size()));
        }
    }
    // All it was due is with the kernel: the slack a large reply had is used up.
    if (connection->hasReplySlack() && route.lane.isEmpty() && route.cursor == end &&
        connection->queuedBytes() == 0)
        connection->replyDrained();
}

void Router::trimBacklog()
{
    quint64 oldest = m_backlogBase + m_backlog.size();
    for (const Route &route : m_routes) {
        if (!route.connection->isClosing())
            oldest = qMin(oldest, route.cursor);
    }
    while (m_backlogBase < oldest) {
        m_backlog.pop_front();
        ++m_backlogBase;
    }
}

} // namespace chat::server
