#pragma once

#include "servermetrics.h"

#include <atomic>

namespace chat::server::redis {

// What the Redis connections of a server report to /metrics, when ServerMetrics has one
// attached (setRedisStats). Written on the connections' threads, read on any.
struct RedisStats
{
    std::atomic<int> connected{0};      // connections logged in (publishing and subscribing)
    std::atomic<quint64> reconnects{0}; // connections made again after one was lost
    LatencyHistogram commandSeconds;    // each command's round trip
};

} // namespace chat::server::redis
