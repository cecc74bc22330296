#pragma once

#include "redisendpoint.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>

struct redisReply;

namespace chat::server::redis {

namespace detail {
class Link;
}
struct RedisStats;

// A connection in subscribe mode (a connection that subscribed answers nothing else, so
// publishing goes through a Connection). Subscriptions are remembered and made again after a
// reconnect; ready() is emitted once all of them are confirmed, after open() and after every
// reconnect, so that the user knows from when on nothing is missed. A subscription added while
// ready makes it not ready until Redis confirms it, then ready() comes again. Confirmations that
// do not come within the timeout drop the connection, as does a login that does not.
class Subscriber : public QObject
{
    Q_OBJECT
public:
    explicit Subscriber(Endpoint endpoint, QObject *parent = nullptr);
    ~Subscriber() override;

    void open();
    void close();
    bool isReady() const { return m_ready; }
    bool isConnected() const;

    void subscribe(const QByteArray &channel);
    void unsubscribe(const QByteArray &channel);
    void psubscribe(const QByteArray &pattern);
    void punsubscribe(const QByteArray &pattern);

    void setTimeout(int ms); // to connect and log in, and for Redis to confirm subscriptions
    // Counted into `stats` (connected, reconnects); null for none. Not owned: must outlive this.
    void setStats(RedisStats *stats);

signals:
    void ready();
    void message(const QByteArray &channel, const QByteArray &payload); // (p)message
    void disconnected(const QString &why); // as Connection::disconnected

private:
    void onUp();
    void onDown(const QString &why, bool wasUp, bool report);
    void onReply(redisReply *reply);
    // Sends `verb` with `names`; the confirmations of (p)subscribe are awaited.
    void send(const QByteArray &verb, const QList<QByteArray> &names);
    void change(QSet<QByteArray> &names, const QByteArray &name, bool add, const QByteArray &verb);

    std::unique_ptr<detail::Link> m_link;
    QSet<QByteArray> m_channels;
    QSet<QByteArray> m_patterns;
    QTimer m_confirmDeadline;
    RedisStats *m_stats = nullptr;
    int m_awaiting = 0; // confirmations of (p)subscribe sent on this connection
    bool m_ready = false;
    bool m_wasConnected = false;
};

} // namespace chat::server::redis
