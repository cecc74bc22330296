#pragma once

#include "fanout.h"
#include "servermetrics.h"

#include <QByteArray>
#include <QHash>
#include <QList>

#include <deque>
#include <vector>

class QObject;

namespace chat::server {

class ClientConnection;
struct ServerConfig;

// The delivery state of one worker's joined connections, and its only owner: what each is due
// and how far it has got. Runs on the worker's thread.
//
// Broadcasts to a broad audience (everyone, typing subscribers, v1 clients) go into one backlog;
// each connection has a cursor into it. What only some connections get (a room's events, a
// private message, a reply) goes into those connections' own lanes, each entry placed at the
// backlog position of its arrival, so that a connection sees one order: a room's event costs
// work for the room's members on this worker, not for every connection. A connection is written
// to only while its socket holds less than a high-water mark, resuming when the socket drains. A
// slow reader therefore costs no copies of broadcasts, only a position in the backlog (and
// references in its lane), and is closed once it lags more than the send cap.
class Router
{
public:
    // `context`: the worker, whose event loop runs the pumps; `config`: its limits, kept current.
    // `counters`: the worker's deliveries and bytes, counted here.
    Router(QObject *context, const ServerConfig &config, ServerMetrics::WorkerCounters &counters);

    void add(ClientConnection *connection); // joined: due what follows
    void remove(quint64 connectionId);
    void clear();
    void deliver(const Broadcast &broadcast);
    // A frame for one joined connection, after what it is due so far; false when it is not one.
    bool deliverTo(quint64 connectionId, const QByteArray &frame);
    // Writes what the connection is due, up to the high-water mark (its socket drained).
    void pump(quint64 connectionId);

private:
    struct Outgoing
    {
        quint64 seq = 0;    // the registry's order
        quint64 origin = 0; // connection that caused it
        qint64 offset = 0;  // bytes in the backlog before this entry
        QByteArray frame;
        Audience audience = Audience::Everyone;
    };
    struct LaneEntry
    {
        quint64 position = 0; // sent before the backlog entry with this absolute index
        QByteArray frame;
    };
    struct Route
    {
        ClientConnection *connection = nullptr;
        quint64 cursor = 0;    // the next entry of the backlog for this connection
        QList<LaneEntry> lane; // frames for it alone, in order (no allocation while empty)
        qint64 laneBytes = 0;
        bool pumpQueued = false; // in m_pumpList
    };

    void append(Outgoing entry);
    Route *routeOf(quint64 connectionId);
    void addToLane(Route &route, const QByteArray &frame);
    void pump(Route &route);
    // Pumps every connection (after a backlog entry) or the listed ones (lane entries) once, at
    // the next turn of the event loop.
    void schedulePump();
    static bool isDue(const Outgoing &entry, const ClientConnection *connection);
    void trimBacklog();

    QObject *const m_context;
    const ServerConfig &m_config;
    ServerMetrics::WorkerCounters &m_counters;
    std::vector<Route> m_routes;                // the joined connections
    QHash<quint64, size_t> m_routeByConnection; // into m_routes
    std::deque<Outgoing> m_backlog;
    quint64 m_backlogBase = 0;       // absolute index of m_backlog.front()
    qint64 m_backlogEnd = 0;         // bytes ever appended
    std::vector<quint64> m_pumpList; // connections with new lane entries, to pump
    bool m_pumpAll = false;          // a backlog entry arrived: pump everyone
    bool m_pumpScheduled = false;
};

} // namespace chat::server
