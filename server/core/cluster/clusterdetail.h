#pragma once

// What cluster.cpp and clusterresync.cpp share.
#include "clusterevent.h"
#include "messagestore.h"
#include "redis/redisscript.h"

namespace chat::server::clusterdetail {

// Ids recorded in the database as possibly used, ahead of Redis handing them out.
inline constexpr qint64 reservationBlock = 10'000;

// The Script of one of clusterscripts.h's sources (its SHA1 computed once).
const redis::Script &script(const char *source);

// A message read from the database after a gap, as the event that would have brought it.
ClusterEvent backfilled(const SinceMessage &msg);

} // namespace chat::server::clusterdetail
