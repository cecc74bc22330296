#pragma once

#include "protocol.h"

#include <QHostAddress>
#include <QString>

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

struct ServerConfig
{
    QHostAddress host = QHostAddress::Any;
    quint16 port = protocol::defaultPort;

    int maxNameCodePoints = protocol::defaultMaxNameCodePoints;
    int maxTextBytes = protocol::defaultMaxTextBytes;
    qint64 maxIncomingMessageBytes = protocol::defaultMaxIncomingMessageBytes;
    int historySize = protocol::defaultHistorySize;

    RateLimit messageRate;                   // `message` events per connection
    RateLimit badRequestRate{20, 1};         // malformed frames tolerated before close 1008
    qint64 maxSendBufferBytes = 1024 * 1024; // unsent bytes per connection before close 1008
    qint64 socketHighWaterBytes = 16 * 1024; // copied into a socket's buffer at most at once
    int handshakeTimeoutMs = 10'000;
    int maxConnections = 10'000;      // all connections; more are refused with HTTP 503
    int maxConnectionsPerAddress = 0; // per client IP address; 0: no limit
    int pingIntervalMs = 30'000;      // keepalive pings; 0: none
    int idleTimeoutMs = 60'000;       // a peer silent this long (no frame, no pong) is dropped
    // A resumable session whose connection was lost (no close handshake) is held this long for
    // its client to come back; 0: users leave when their connection ends.
    int resumeGraceMs = 60'000;
    qint64 typingIntervalMs = 1000; // a connection's typing events are relayed at most this often

    // SQLite file for durable history; empty or ":memory:" keeps history in memory only.
    QString databasePath;
    // true: every commit is on disk before its ack, even across a power loss (fsync per group
    // commit). false: SQLite's synchronous=NORMAL, which survives a killed process but may lose
    // the last commits on a power loss.
    bool databaseFullSync = true;

    // wss://: PEM files of the certificate (chain) and its private key; empty for plain ws://.
    QString tlsCertificatePath;
    QString tlsKeyPath;

    int workerThreads = 0; // 0: one per core
    int listenBacklog = 4096;
};

} // namespace chat::server
