#include "redisconnection.h"

#include "redislink.h"
#include "redisstats.h"

#include <QPointer>
#include <QVarLengthArray>

#include <hiredis/async.h>

namespace chat::server::redis {

namespace {
// Commands after which Redis answers differently (pushes, a stream of every command, RESP3,
// which hiredis 0.14 cannot read) or not at all.
bool changesProtocol(const QByteArray &name)
{
    static const QList<QByteArray> refused{
        "subscribe",    "psubscribe", "ssubscribe", "unsubscribe", "punsubscribe",
        "sunsubscribe", "monitor",    "reset",      "quit",        "hello"};
    return refused.contains(name.toLower());
}
} // namespace

Connection::Connection(Endpoint endpoint, QObject *parent) : QObject(parent)
{
    m_clock.start();
    detail::Link::Events events;
    events.up = [this] {
        onUp();
    };
    events.down = [this](const QString &why, bool wasUp, bool report) {
        onDown(why, wasUp, report);
    };
    events.reply = [this](redisReply *reply) {
        onReply(reply);
    };
    m_link = std::make_unique<detail::Link>(std::move(endpoint), std::move(events));
    connect(&m_timeoutCheck, &QTimer::timeout, this, &Connection::checkTimeout);
    setCommandTimeout(5000);
}

Connection::~Connection()
{
    if (m_stats && isConnected())
        m_stats->connected.fetch_sub(1, std::memory_order_relaxed);
    // The link before the rest: hiredis may call back into it while letting go of the context.
    m_link.reset();
}

void Connection::open()
{
    m_wasConnected = false;
    m_link->open();
}

void Connection::close()
{
    const bool wasUp = m_link->isUp();
    m_link->close();
    m_timeoutCheck.stop();
    if (m_stats && wasUp)
        m_stats->connected.fetch_sub(1, std::memory_order_relaxed);
    failLater(std::exchange(m_pending, {}), "connection closed");
}

bool Connection::isConnected() const
{
    return m_link && m_link->isUp();
}

void Connection::setCommandTimeout(int ms)
{
    m_link->setTimeout(ms);
    // Replies come in order, so only the oldest pending command can be late: look at it a
    // few times per timeout (a late one is noticed within 1.25 timeouts).
    m_timeoutCheck.setInterval(qMax(1, m_link->timeout() / 4));
}

int Connection::commandTimeout() const
{
    return m_link->timeout();
}

void Connection::setStats(RedisStats *stats)
{
    if (m_stats && isConnected())
        m_stats->connected.fetch_sub(1, std::memory_order_relaxed);
    m_stats = stats;
    if (m_stats && isConnected())
        m_stats->connected.fetch_add(1, std::memory_order_relaxed);
}

void Connection::command(const QList<QByteArray> &args, Callback callback)
{
    redisAsyncContext *context = m_link->context();
    const auto refuse = [&](const QByteArray &message) {
        std::deque<Pending> one;
        one.push_back({std::move(callback), 0});
        failLater(std::move(one), message);
    };
    if (args.isEmpty())
        return refuse("empty command");
    if (changesProtocol(args.constFirst()))
        return refuse("not on a command connection: " + args.constFirst());
    if (!context)
        return refuse("not connected");
    QVarLengthArray<const char *, 16> argv;
    QVarLengthArray<size_t, 16> lengths;
    for (const QByteArray &arg : args) {
        argv.append(arg.constData());
        lengths.append(size_t(arg.size()));
    }
    if (redisAsyncCommandArgv(context, &detail::Link::onReply, m_link->privdata(), int(argv.size()),
                              argv.data(), lengths.data()) != REDIS_OK)
        return refuse("not connected");
    m_pending.push_back({std::move(callback), m_clock.nsecsElapsed()});
}

void Connection::eval(const Script &script, const QList<QByteArray> &keys,
                      const QList<QByteArray> &args, Callback callback)
{
    QList<QByteArray> tail{QByteArray::number(keys.size())};
    tail += keys;
    tail += args;
    command(
        QList<QByteArray>{"EVALSHA", script.sha1()} + tail,
        [this, source = script.source(), tail, callback = std::move(callback)](const Reply &reply) {
            if (reply.isError() && reply.string.startsWith("NOSCRIPT")) {
                command(QList<QByteArray>{"EVAL", source} + tail, callback);
                return;
            }
            if (callback)
                callback(reply);
        });
}

void Connection::onUp()
{
    if (m_stats) {
        m_stats->connected.fetch_add(1, std::memory_order_relaxed);
        if (m_wasConnected)
            m_stats->reconnects.fetch_add(1, std::memory_order_relaxed);
    }
    m_wasConnected = true;
    m_timeoutCheck.start();
    emit connected(); // last: a slot may destroy this connection
}

void Connection::onDown(const QString &why, bool wasUp, bool report)
{
    m_timeoutCheck.stop();
    if (m_stats && wasUp)
        m_stats->connected.fetch_sub(1, std::memory_order_relaxed);
    // Called from inside hiredis: the callbacks and the signal run later, from the event loop.
    failLater(std::exchange(m_pending, {}), "connection lost: " + why.toUtf8(),
              report ? why : QString());
}

void Connection::onReply(redisReply *reply)
{
    if (m_pending.empty())
        return; // cannot be: one reply per command
    Pending pending = std::move(m_pending.front());
    m_pending.pop_front();
    const qint64 microseconds = (m_clock.nsecsElapsed() - pending.sentNs) / 1000;
    if (m_stats)
        m_stats->commandSeconds.observe(microseconds);
    const Reply copy = Reply::fromHiredis(*reply);
    QPointer<Connection> alive(this);
    emit roundTrip(microseconds);
    if (alive && pending.callback)
        pending.callback(copy);
}

void Connection::checkTimeout()
{
    if (m_pending.empty())
        return;
    const qint64 waitedMs = (m_clock.nsecsElapsed() - m_pending.front().sentNs) / 1000000;
    if (waitedMs >= m_link->timeout())
        m_link->drop(QStringLiteral("no reply within %1 ms").arg(m_link->timeout()));
}

void Connection::failLater(std::deque<Pending> lost, const QByteArray &message, const QString &why)
{
    if (lost.empty() && why.isEmpty())
        return;
    QMetaObject::invokeMethod(
        this,
        [this, lost = std::move(lost), message, why] {
            QPointer<Connection> alive(this);
            if (!why.isEmpty())
                emit disconnected(why);
            const Reply error = Reply::error(message);
            for (const Pending &pending : lost) {
                if (!alive)
                    return; // destroyed by a callback: the others are dropped
                if (pending.callback)
                    pending.callback(error);
            }
        },
        Qt::QueuedConnection);
}

} // namespace chat::server::redis
