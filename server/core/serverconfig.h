#pragma once

#include "protocol.h"

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

// Everything the server core can be told. main.cpp fills it from the command line; the core
// never sees argv.
namespace chat::server {

struct RateLimit
{
    // Token bucket: `burst` events at once, refilled at `perSecond`. perSecond <= 0 disables it.
    double burst = 10;
    double perSecond = 5;
    bool enabled() const { return perSecond > 0; }
};

// What the server takes at its start and keeps until it stops. reload() keeps these as they
// are and logs the ones that changed (changedStartupSettings).
struct StartupSettings
{
    QHostAddress host = QHostAddress::Any;
    quint16 port = protocol::defaultPort;
    int workerThreads = 0; // 0: one per core
    int listenBacklog = 4096;
    // SQLite file for durable history; empty or ":memory:" keeps history in memory only.
    QString databasePath;
    // true: every commit is on disk before its ack, even across a power loss (fsync per group
    // commit). false: SQLite's synchronous=NORMAL, which survives a killed process but may lose
    // the last commits on a power loss.
    bool databaseFullSync = true;
    // Addresses (or subnets) the per-address caps do not apply to. Not live: a connection is
    // counted under its address's key when it opens and released under it when it closes.
    QList<QPair<QHostAddress, int>> exemptAddresses{
        {QHostAddress(QHostAddress::LocalHost), 32},
        {QHostAddress(QHostAddress::LocalHostIPv6), 128}};
    // Feature "accounts": Argon2id hashes (PasswordHasher) run at most this many at once, each
    // on a thread of its own with 64 MiB; at most `hashQueueLimit` more wait, and past that a
    // login or registration is answered "busy" at once. The pool is made at the start.
    int hashConcurrency = 2;
    int hashQueueLimit = 64;
    // Load balancers and reverse proxies whose word on the client's address is taken: a
    // connection from one of them may begin with a PROXY protocol header (v1 or v2) or carry
    // X-Forwarded-For, and is then counted, limited, banned and logged as its client. Their own
    // connections (health checks) are exempt from the per-address caps. Empty: nobody's.
    QList<QPair<QHostAddress, int>> trustedProxies;
    // Cluster mode: redis://[[USER]:PASSWORD@]HOST[:PORT][/DB] of the Redis through which several
    // instances serve one chat (with one PostgreSQL database); empty: a server on its own.
    QString redisUrl;
    // Each instance says it is alive this often; one silent for `clusterDeadAfterMs` is taken
    // for dead by the others, and its users leave.
    int clusterHeartbeatMs = 2000;
    int clusterDeadAfterMs = 10000;
};

// The settings of `now` that differ from `was`, by their ini keys (resources/chat-server.ini).
QStringList changedStartupSettings(const StartupSettings &was, const StartupSettings &now);

// What a running server applies at once (ChatServer::reload, on SIGHUP): to the connections it
// has and to those that follow. A new setting goes here unless it cannot change live.
struct LiveSettings
{
    int maxNameCodePoints = protocol::defaultMaxNameCodePoints;
    int maxTextBytes = protocol::defaultMaxTextBytes;
    qint64 maxIncomingMessageBytes = protocol::defaultMaxIncomingMessageBytes;
    int historySize = protocol::defaultHistorySize;

    RateLimit messageRate; // `message` events per connection
    // Refusals tolerated before close 1008: malformed frames, and frames over the request budget.
    RateLimit badRequestRate{20, 1};
    // Every frame a connection sends, whatever its event, valid or not, in cost units: 1 per
    // frame plus 1 per whole 4 KiB of it. Over it: rate_limited (a refusal, see above).
    RateLimit requestRate{60, 30};
    // Pings and pongs a connection may send; past it the connection is closed with 1008 and its
    // pings are no longer answered.
    RateLimit controlFrameRate{20, 1};
    qint64 maxSendBufferBytes = 1024 * 1024; // unsent bytes per connection before close 1008
    qint64 socketHighWaterBytes = 16 * 1024; // copied into a socket's buffer at most at once
    int handshakeTimeoutMs = 10'000;
    int joinTimeoutMs = 10'000;  // a connection that has not joined this long after its handshake
    int maxConnections = 10'000; // all connections; more are refused with HTTP 503
    // Per client address (an IPv6 client: per /64), except the exempt ones; 0: no limit. A
    // lower cap refuses new connections; those open stay.
    int maxConnectionsPerAddress = 32; // more are refused with HTTP 503
    int maxUnjoinedPerAddress = 8;     // connections not joined yet; more: HTTP 503
    // Connections from one IPv6 /48 (a site: a home gets a /56, a hosting customer a /48, so
    // one host can use 256 or 65,536 different /64s); 0: no limit.
    int maxConnectionsPerIpv6Site = 256;
    int maxHeldSessionsPerAddress = 8; // sessions held for resume; more leave at once
    int joinsPerAddressPerMinute = 30; // join requests; more are answered rate_limited
    // A frame whose JSON has more keys, or deeper nesting, is refused before it is parsed.
    int maxJsonKeys = 256;
    int maxJsonDepth = 16;
    int maxMessageFragments = 64;        // WebSocket frames per message; more: close 1008
    qint64 maxHistoryBytes = 128 * 1024; // encoded history in a join ack
    int pingIntervalMs = 30'000;         // keepalive pings; 0: none
    int idleTimeoutMs = 60'000;          // a peer silent this long (no frame, no pong) is dropped
    // A resumable session whose connection was lost (no close handshake) is held this long for
    // its client to come back; 0: users leave when their connection ends.
    int resumeGraceMs = 60'000;
    // Deletions kept for the sessions that resume (each is sent the `message deleted` events it
    // missed); the oldest go past it. Each is kept idleTimeoutMs + pingIntervalMs +
    // resumeGraceMs at most (no time limit without pings).
    int deletionsKeptForResume = 10'000;
    qint64 typingIntervalMs = 1000; // a connection's typing events are relayed at most this often

    // Feature "location": offered at all (location/enabled), and a user's position relayed at
    // most this often (location/min_interval_ms; the updates between are coalesced).
    bool locationEnabled = true;
    int locationIntervalMs = 1000;

    // Feature "rooms": rooms one user may be in, rooms the server holds (general included; rooms
    // are never removed), and the longest topic in code points.
    int maxRoomsPerUser = 50;
    int maxRooms = 1000;
    int maxTopicCodePoints = protocol::defaultMaxTopicCodePoints;
    // Rooms created from one address (an IPv6 client: its /48; not the exempt ones): this many
    // at once, refilled at this many a day; 0: no limit. Without it one address could create
    // maxRooms rooms and leave nobody else a new one.
    int roomCreationsPerAddressPerDay = 20;

    // Feature "accounts", applied to the joins and registrations that follow a reload.
    // The server's join password (ini accounts/server_password, or the first line of the file
    // --server-password-file names); empty: none. A secret: never logged, compared in constant
    // time.
    QByteArray serverPassword;
    bool guests = true;           // unregistered names may join (accounts/guests)
    bool registrationOpen = true; // `register` is allowed (accounts/registration open|closed)
    // Moderation: the longest reason of a kick or ban (code points; moderation/max_reason_length)
    // and the longest timed ban (minutes; moderation/max_ban_minutes; longer: bad_request, a ban
    // until lifted is "minutes" 0).
    int maxReasonCodePoints = protocol::defaultMaxReasonCodePoints;
    qint64 maxBanMinutes = protocol::defaultMaxBanMinutes;

    // HTTP on the chat port, for load balancers and monitoring: GET /metrics (Prometheus text)
    // unless off; GET /healthz is always served. SIGTERM answers /healthz 503 at once, and
    // closes the clients (1001) this long after, so that a load balancer has seen the 503 and
    // sends nobody new; meanwhile new WebSocket upgrades are answered 503.
    bool httpMetrics = true;
    // The browser client (staticsite.h) on every other plain GET: "/" is its page. Off: such
    // requests are answered 426 as before.
    bool webClient = true;
    int drainDelayMs = 1000;

    // wss://: PEM files of the certificate (chain) and its private key; empty for plain ws://.
    // A reload reads them again (a renewed certificate serves the connections that follow);
    // switching between ws:// and wss:// needs a restart.
    QString tlsCertificatePath;
    QString tlsKeyPath;
};

// Everything the server core can be told.
struct ServerConfig : StartupSettings, LiveSettings
{
};

} // namespace chat::server
