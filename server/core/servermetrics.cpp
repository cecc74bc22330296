#include "servermetrics.h"

#include "redis/redisstats.h"

namespace chat::server {

namespace {
void family(QByteArray &out, const char *name, const char *type, const char *help)
{
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

void sample(QByteArray &out, const char *name, quint64 value)
{
    out += name;
    out += ' ';
    out += QByteArray::number(value);
    out += '\n';
}

void metric(QByteArray &out, const char *name, const char *type, const char *help, quint64 value)
{
    family(out, name, type, help);
    sample(out, name, value);
}

quint64 load(const std::atomic<quint64> &counter)
{
    return counter.load(std::memory_order_relaxed);
}
} // namespace

void LatencyHistogram::observe(qint64 microseconds)
{
    const double seconds = double(qMax<qint64>(0, microseconds)) / 1e6;
    for (size_t i = 0; i < bounds.size(); ++i) {
        if (seconds <= bounds[i]) {
            m_buckets[i].fetch_add(1, std::memory_order_relaxed);
            break;
        }
    }
    m_count.fetch_add(1, std::memory_order_relaxed);
    m_sumMicroseconds.fetch_add(quint64(qMax<qint64>(0, microseconds)), std::memory_order_relaxed);
}

void LatencyHistogram::render(QByteArray &out, const char *name, const char *help) const
{
    family(out, name, "histogram", help);
    quint64 cumulative = 0;
    for (size_t i = 0; i < bounds.size(); ++i) {
        cumulative += load(m_buckets[i]);
        out += name;
        out += "_bucket{le=\"";
        out += QByteArray::number(bounds[i], 'g', 6);
        out += "\"} ";
        out += QByteArray::number(cumulative);
        out += '\n';
    }
    const quint64 count = load(m_count);
    const auto line = [&out, name](const char *suffix, const QByteArray &value) {
        out += name;
        out += suffix;
        out += value;
        out += '\n';
    };
    line("_bucket{le=\"+Inf\"} ", QByteArray::number(count));
    line("_sum ", QByteArray::number(double(load(m_sumMicroseconds)) / 1e6, 'f', 6));
    line("_count ", QByteArray::number(count));
}

QByteArray ServerMetrics::render() const
{
    const Gauges gauges = m_gauges ? m_gauges() : Gauges();
    quint64 deliveries = 0;
    quint64 bytes = 0;
    for (const WorkerCounters &worker : m_workers) {
        deliveries += load(worker.deliveries);
        bytes += load(worker.bytesSent);
    }
    QByteArray out;
    out.reserve(4096);
    metric(out, "chat_connections", "gauge", "Open client connections, joined or not.",
           quint64(gauges.connections));
    metric(out, "chat_joined_users", "gauge", "Users joined (held sessions included).",
           quint64(gauges.joinedUsers));
    metric(out, "chat_held_sessions", "gauge",
           "Users whose connection was lost, held for their client to resume.",
           quint64(gauges.heldUsers));
    metric(out, "chat_rooms", "gauge", "Rooms, general included.", quint64(gauges.rooms));
    metric(out, "chat_shared_locations", "gauge",
           "Positions kept in memory: users sharing where they are (feature location).",
           quint64(gauges.sharedLocations));
    metric(out, "chat_messages_total", "counter", "Room and private messages accepted.",
           load(messages));
    metric(out, "chat_deliveries_total", "counter",
           "Frames (events and replies) handed to joined connections, one per recipient.",
           deliveries);
    metric(out, "chat_sent_bytes_total", "counter", "Bytes of those frames.", bytes);
    metric(out, "chat_slow_readers_closed_total", "counter",
           "Connections closed for not reading what they were sent.", load(slowReadersClosed));
    metric(out, "chat_rate_limited_total", "counter", "Requests answered rate_limited.",
           load(rateLimited));
    metric(out, "chat_handshake_failures_total", "counter",
           "Connections that failed before joining: TLS, handshake deadline, bad request head.",
           load(handshakeFailures));
    metric(out, "chat_connections_refused_total", "counter",
           "Connections refused over a connection cap (HTTP 503).", load(connectionsRefused));
    metric(out, "chat_location_updates_total", "counter",
           "Positions shared or withdrawn (send location) accepted.", load(locationUpdates));
    storeCommit.render(out, "chat_store_commit_seconds",
                       "Time to commit one transaction of messages to the database.");
    metric(out, "chat_serving", "gauge", "1 while the server takes new clients; 0 when draining.",
           serving.load(std::memory_order_relaxed) ? 1 : 0);
    if (m_redis) {
        metric(out, "chat_redis_connected", "gauge",
               "Connections to Redis logged in (publishing and subscribing).",
               quint64(qMax(0, m_redis->connected.load(std::memory_order_relaxed))));
        metric(out, "chat_redis_reconnects_total", "counter",
               "Connections to Redis made again after one was lost.", load(m_redis->reconnects));
        m_redis->commandSeconds.render(out, "chat_redis_command_seconds",
                                       "Round trip of one Redis command, sent to reply.");
        metric(out, "chat_cluster_in_step", "gauge",
               "1 while in step with the other instances; 0 while changes are refused.",
               quint64(qMax(0, clusterInStep.load(std::memory_order_relaxed))));
    }
    return out;
}

bool ServerMetrics::healthy(QByteArray *why) const
{
    if (!serving.load(std::memory_order_relaxed)) {
        *why = "draining: the server is shutting down";
        return false;
    }
    if (storeFailing.load(std::memory_order_relaxed)) {
        *why = "the database does not accept writes";
        return false;
    }
    if (clusterInStep.load(std::memory_order_relaxed) == 0) {
        *why = "not in step with the other instances: Redis is not reachable";
        return false;
    }
    *why = "ok";
    return true;
}

} // namespace chat::server
