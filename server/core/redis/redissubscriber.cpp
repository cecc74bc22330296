#include "redissubscriber.h"

#include "redislink.h"
#include "redisstats.h"

#include <QVarLengthArray>

#include <hiredis/async.h>

namespace chat::server::redis {

Subscriber::Subscriber(Endpoint endpoint, QObject *parent) : QObject(parent)
{
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
    m_confirmDeadline.setSingleShot(true);
    connect(&m_confirmDeadline, &QTimer::timeout, this, [this] {
        m_link->drop(
            QStringLiteral("subscriptions not confirmed within %1 ms").arg(m_link->timeout()));
    });
}

Subscriber::~Subscriber()
{
    if (m_stats && isConnected())
        m_stats->connected.fetch_sub(1, std::memory_order_relaxed);
    m_link.reset(); // before the rest: hiredis may call back into it while letting it go
}

void Subscriber::open()
{
    m_wasConnected = false;
    m_link->open();
}

void Subscriber::close()
{
    if (m_stats && isConnected())
        m_stats->connected.fetch_sub(1, std::memory_order_relaxed);
    m_link->close();
    m_confirmDeadline.stop();
    m_awaiting = 0;
    m_ready = false;
}

bool Subscriber::isConnected() const
{
    return m_link && m_link->isUp();
}

void Subscriber::setTimeout(int ms)
{
    m_link->setTimeout(ms);
}

void Subscriber::setStats(RedisStats *stats)
{
    if (m_stats && isConnected())
        m_stats->connected.fetch_sub(1, std::memory_order_relaxed);
    m_stats = stats;
    if (m_stats && isConnected())
        m_stats->connected.fetch_add(1, std::memory_order_relaxed);
}

void Subscriber::subscribe(const QByteArray &channel)
{
    change(m_channels, channel, true, "SUBSCRIBE");
}

void Subscriber::unsubscribe(const QByteArray &channel)
{
    change(m_channels, channel, false, "UNSUBSCRIBE");
}

void Subscriber::psubscribe(const QByteArray &pattern)
{
    change(m_patterns, pattern, true, "PSUBSCRIBE");
}

void Subscriber::punsubscribe(const QByteArray &pattern)
{
    change(m_patterns, pattern, false, "PUNSUBSCRIBE");
}

void Subscriber::change(QSet<QByteArray> &names, const QByteArray &name, bool add,
                        const QByteArray &verb)
{
    if (add == names.contains(name))
        return;
    if (add)
        names.insert(name);
    else
        names.remove(name);
    // While not connected the sets are all there is: onUp() subscribes to what they hold.
    if (isConnected())
        send(verb, {name});
}

void Subscriber::send(const QByteArray &verb, const QList<QByteArray> &names)
{
    redisAsyncContext *context = m_link->context();
    if (!context || names.isEmpty())
        return;
    QList<QByteArray> args{verb};
    args += names;
    QVarLengthArray<const char *, 16> argv;
    QVarLengthArray<size_t, 16> lengths;
    for (const QByteArray &arg : std::as_const(args)) {
        argv.append(arg.constData());
        lengths.append(size_t(arg.size()));
    }
    const bool confirmed = !verb.contains("UNSUBSCRIBE");
    // hiredis routes every subscription's messages and confirmations to the callback given with
    // its (p)subscribe. (P)UNSUBSCRIBE gets none: hiredis 0.14 files its callback among the
    // "invalid" commands, where it would never run but with a null reply.
    redisAsyncCommandArgv(context, confirmed ? &detail::Link::onReply : nullptr, m_link->privdata(),
                          int(argv.size()), argv.data(), lengths.data());
    if (!confirmed)
        return;
    if (m_awaiting == 0)
        m_confirmDeadline.start(m_link->timeout());
    m_awaiting += int(names.size());
    m_ready = false;
}

void Subscriber::onUp()
{
    if (m_stats) {
        m_stats->connected.fetch_add(1, std::memory_order_relaxed);
        if (m_wasConnected)
            m_stats->reconnects.fetch_add(1, std::memory_order_relaxed);
    }
    m_wasConnected = true;
    send("SUBSCRIBE", m_channels.values());
    send("PSUBSCRIBE", m_patterns.values());
    if (m_awaiting == 0) {
        m_ready = true;
        emit ready(); // last: a slot may destroy this subscriber
    }
}

void Subscriber::onDown(const QString &why, bool wasUp, bool report)
{
    if (m_stats && wasUp)
        m_stats->connected.fetch_sub(1, std::memory_order_relaxed);
    m_confirmDeadline.stop();
    m_awaiting = 0;
    m_ready = false;
    if (!report)
        return;
    // Called from inside hiredis: the signal goes out later, from the event loop.
    QMetaObject::invokeMethod(
        this, [this, why] { emit disconnected(why); }, Qt::QueuedConnection);
}

void Subscriber::onReply(redisReply *reply)
{
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements < 3)
        return;
    const auto text = [reply](size_t i) {
        const redisReply *element = reply->element[i];
        return element->type == REDIS_REPLY_STRING
                   ? QByteArray(element->str, qsizetype(element->len))
                   : QByteArray();
    };
    const QByteArray kind = text(0);
    if (kind == "message") {
        emit message(text(1), text(2));
    } else if (kind == "pmessage" && reply->elements >= 4) {
        emit message(text(2), text(3));
    } else if ((kind == "subscribe" || kind == "psubscribe") && m_awaiting > 0) {
        if (--m_awaiting > 0)
            return;
        m_confirmDeadline.stop();
        m_ready = true;
        emit ready();
    }
}

} // namespace chat::server::redis
