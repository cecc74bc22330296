#pragma once

#include "redisendpoint.h"
#include "redisreply.h"
#include "redisscript.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>

struct redisReply;

namespace chat::server::redis {

namespace detail {
class Link;
}
struct RedisStats;

// One connection to Redis for commands, used from the thread it lives in (not thread safe).
// open() connects and keeps reconnecting with backoff (100 ms doubling to 5 s, with jitter)
// until close(); AUTH and SELECT go first on every (re)connect. A command issued while not
// connected, or pending when the connection is lost or closed, gets an Error reply exactly once,
// asynchronously (never inside command()). A command without a reply within the command timeout
// drops the connection (so all pending fail) and reconnection starts. Destroying the object is
// safe at any time (commands pending, inside a callback, while connecting): the callbacks of
// pending commands are dropped unrun, and none runs after destruction.
//
// Pub/sub and MONITOR change what a connection answers: they are refused here (see Subscriber).
class Connection : public QObject
{
    Q_OBJECT
public:
    explicit Connection(Endpoint endpoint, QObject *parent = nullptr);
    ~Connection() override;

    void open();
    void close();
    bool isConnected() const;

    using Callback = std::function<void(const Reply &)>;
    void command(const QList<QByteArray> &args, Callback callback = {});
    // EVALSHA, and EVAL with the same callback when Redis answers NOSCRIPT. (Commands issued
    // between the two may then run before the script.)
    void eval(const Script &script, const QList<QByteArray> &keys, const QList<QByteArray> &args,
              Callback callback = {});
    void setCommandTimeout(int ms); // also the time allowed to connect and log in
    int commandTimeout() const;
    // Counted into `stats` (connected, reconnects, round trips) from now on; null for none. Not
    // owned: it must outlive this connection.
    void setStats(RedisStats *stats);

signals:
    void connected();                      // after AUTH/SELECT succeeded, each time
    void disconnected(const QString &why); // each time it is lost, and once when attempts start
                                           // failing (not after close(); never the password)
    void roundTrip(qint64 microseconds);   // every reply's latency, for /metrics

private:
    struct Pending
    {
        Callback callback;
        qint64 sentNs = 0;
    };
    void onUp();
    void onDown(const QString &why, bool wasUp, bool report);
    void onReply(redisReply *reply);
    void checkTimeout();
    // Calls every callback in `lost` with an Error `message`, later, from the event loop.
    void failLater(std::deque<Pending> lost, const QByteArray &message, const QString &why = {});

    std::unique_ptr<detail::Link> m_link;
    std::deque<Pending> m_pending; // in the order sent, which is the order replies come in
    QElapsedTimer m_clock;
    QTimer m_timeoutCheck;
    RedisStats *m_stats = nullptr;
    bool m_wasConnected = false; // since open(): a later connect is a reconnect
};

} // namespace chat::server::redis
