#include "serverconfig.h"

#include <tuple>
#include <utility>

namespace chat::server {

namespace {

// Every startup setting with its ini key. The structured binding names each member: a member
// added to StartupSettings and not here stops the build ("wrong number of names").
auto named(const StartupSettings &settings)
{
    const auto &[host, port, workerThreads, listenBacklog, databasePath, databaseFullSync,
                 exemptAddresses, hashConcurrency, hashQueueLimit, trustedProxies, redisUrl,
                 clusterHeartbeatMs, clusterDeadAfterMs] = settings;
    return std::make_tuple(
        std::pair{"server/host", &host}, std::pair{"server/port", &port},
        std::pair{"server/workers", &workerThreads},
        std::pair{"server/listen_backlog", &listenBacklog},
        std::pair{"history/database", &databasePath}, std::pair{"history/sync", &databaseFullSync},
        std::pair{"limits/exempt_addresses", &exemptAddresses},
        std::pair{"accounts/hash_concurrency", &hashConcurrency},
        std::pair{"accounts/hash_queue", &hashQueueLimit},
        std::pair{"server/trusted_proxies", &trustedProxies}, std::pair{"cluster/redis", &redisUrl},
        std::pair{"cluster/heartbeat_ms", &clusterHeartbeatMs},
        std::pair{"cluster/dead_after_ms", &clusterDeadAfterMs});
}

template <typename Tuple, size_t... I>
QStringList differing(const Tuple &was, const Tuple &now, std::index_sequence<I...>)
{
    QStringList keys;
    const auto compare = [&keys](const auto &before, const auto &after) {
        if (!(*before.second == *after.second))
            keys.append(QLatin1String(before.first));
    };
    (compare(std::get<I>(was), std::get<I>(now)), ...);
    return keys;
}

} // namespace

QStringList changedStartupSettings(const StartupSettings &was, const StartupSettings &now)
{
    const auto before = named(was);
    return differing(before, named(now),
                     std::make_index_sequence<std::tuple_size_v<decltype(before)>>());
}

} // namespace chat::server
