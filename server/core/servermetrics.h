#pragma once

#include <QByteArray>

#include <array>
#include <atomic>
#include <deque>
#include <functional>

namespace chat::server {

namespace redis {
struct RedisStats;
}

// A latency histogram in Prometheus' form (cumulative buckets in seconds, sum and count), fed
// from any thread without a lock.
class LatencyHistogram
{
public:
    static constexpr std::array<double, 12> bounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
    void observe(qint64 microseconds);
    // Appends the histogram `name` (with its HELP and TYPE lines) to `out`.
    void render(QByteArray &out, const char *name, const char *help) const;

private:
    std::array<std::atomic<quint64>, bounds.size()> m_buckets{}; // not cumulative
    std::atomic<quint64> m_count{0};
    std::atomic<quint64> m_sumMicroseconds{0};
};

// What `GET /metrics` reports and `GET /healthz` decides on. Counters are atomics written with
// relaxed order from whichever thread counts; the two a broadcast counts per recipient
// (deliveries, bytes) are per worker thread, so that no two threads write one cache line on the
// delivery path.
class ServerMetrics
{
public:
    struct alignas(64) WorkerCounters
    {
        std::atomic<quint64> deliveries{0}; // frames handed to a joined connection's socket
        std::atomic<quint64> bytesSent{0};  // their bytes
    };
    // One per worker, made before the workers start; the reference stays valid.
    WorkerCounters &addWorker() { return m_workers.emplace_back(); }

    std::atomic<quint64> messages{0};           // room and private messages accepted
    std::atomic<quint64> slowReadersClosed{0};  // closed for not reading (send cap)
    std::atomic<quint64> rateLimited{0};        // requests answered rate_limited
    std::atomic<quint64> handshakeFailures{0};  // TLS, deadline, malformed or oversized heads
    std::atomic<quint64> connectionsRefused{0}; // over a connection cap (HTTP 503)
    std::atomic<quint64> locationUpdates{0};    // `send location` requests accepted
    LatencyHistogram storeCommit;               // one transaction of the message store

    // Health: false from SIGTERM on (the load balancer is to send no one new).
    std::atomic<bool> serving{true};
    // The database's last commit failed (a full disk, an unreachable server).
    std::atomic<bool> storeFailing{false};
    // Cluster mode: 1 while in step with the other instances through Redis, 0 while not (Redis
    // away, resyncing): changes are refused then. -1: not in cluster mode.
    std::atomic<int> clusterInStep{-1};

    struct Gauges
    {
        int connections = 0; // open sockets, joined or not
        int joinedUsers = 0;
        int heldUsers = 0; // lost connections held for resume
        int rooms = 0;
        int sharedLocations = 0; // users sharing a position (feature "location")
    };
    // Read when /metrics is asked for, on the asking worker's thread (thread safe).
    void setGauges(std::function<Gauges()> gauges) { m_gauges = std::move(gauges); }
    // Cluster mode: the Redis connections' figures are reported too (chat_redis_*). Set before
    // the workers start; not owned, it must outlive this. Without it the output has no chat_redis_.
    void setRedisStats(const redis::RedisStats *stats) { m_redis = stats; }

    // The Prometheus text exposition format (version 0.0.4).
    QByteArray render() const;
    // `GET /healthz`: 200 with "ok", or 503 with why not.
    bool healthy(QByteArray *why) const;

private:
    std::deque<WorkerCounters> m_workers; // a deque: references stay valid as it grows
    std::function<Gauges()> m_gauges;
    const redis::RedisStats *m_redis = nullptr;
};

} // namespace chat::server
