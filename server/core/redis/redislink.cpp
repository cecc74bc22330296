#include "redislink.h"

#include "logging.h"
#include "redisqtadapter.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QRandomGenerator>
#include <QVarLengthArray>

#include <hiredis/async.h>

namespace chat::server::redis::detail {

// What hiredis carries as the private data of a context and of its commands. It lives as long
// as the context (freed in the cleanup hook), so a callback hiredis runs after the link let go
// of the context, or after the link is destroyed, finds `link` null and does nothing.
struct Ticket
{
    Link *link = nullptr;
};

namespace {
constexpr int maxBackoffMs = 5000;
constexpr int firstBackoffMs = 100;
} // namespace

Link::Link(Endpoint endpoint, Events events)
    : m_endpoint(std::move(endpoint)), m_events(std::move(events))
{
    m_retry.setSingleShot(true);
    m_deadline.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, [this] { attempt(); });
    connect(&m_deadline, &QTimer::timeout, this,
            [this] { drop(QStringLiteral("no login within %1 ms").arg(m_timeoutMs)); });
}

Link::~Link()
{
    m_open = false;
    releaseContext();
}

void Link::open()
{
    if (m_open)
        return;
    m_open = true;
    m_reported = false;
    m_backoffMs = firstBackoffMs;
    attempt();
}

void Link::close()
{
    m_open = false;
    m_up = false;
    ++m_attempt;
    m_retry.stop();
    m_deadline.stop();
    releaseContext();
}

void Link::drop(const QString &why)
{
    if (!m_open)
        return;
    releaseContext();
    lose(why);
}

void Link::attempt()
{
    if (!m_open || m_context)
        return;
    const quint64 attempt = ++m_attempt;
    m_deadline.start(m_timeoutMs);
    if (!QHostAddress(m_endpoint.host).isNull()) {
        connectTo(m_endpoint.host);
        return;
    }
    // hiredis resolves names with a blocking getaddrinfo(): resolve here, without blocking.
    QHostInfo::lookupHost(m_endpoint.host, this, [this, attempt](const QHostInfo &info) {
        if (attempt != m_attempt || !m_open || m_context)
            return;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            lose(QStringLiteral("cannot resolve %1: %2").arg(m_endpoint.host, info.errorString()));
            return;
        }
        // A name with several addresses (localhost: ::1 and 127.0.0.1) gets the next one at
        // each attempt, so that one that refuses does not block the others.
        const QList<QHostAddress> addresses = info.addresses();
        connectTo(addresses.at(int(m_rotation++ % quint64(addresses.size()))).toString());
    });
}

void Link::connectTo(const QString &address)
{
    redisAsyncContext *context = redisAsyncConnect(address.toUtf8().constData(), m_endpoint.port);
    if (!context) {
        lose(QStringLiteral("out of memory"));
        return;
    }
    if (context->err) {
        const QString why = QString::fromUtf8(context->errstr);
        redisAsyncFree(context);
        lose(why);
        return;
    }
    auto *ticket = new Ticket{this};
    context->data = ticket;
    attachQtAdapter(context, [context, ticket] {
        // hiredis is freeing the context: the server closed it, a read or write failed, or
        // the connect did. Not so when the link let go of it (then `link` is null).
        if (ticket->link) {
            const char *why = context->err ? context->errstr : "connection closed";
            ticket->link->contextGone(QString::fromUtf8(why));
        }
        delete ticket;
    });
    m_context = context;
    m_ticket = ticket;
    // hiredis detects the end of a non-blocking connect by the first write event.
    redisAsyncSetConnectCallback(context, &Link::onConnect);
}

void Link::onConnect(const redisAsyncContext *context, int status)
{
    auto *ticket = static_cast<Ticket *>(context->data);
    // On failure hiredis frees the context next and the cleanup hook reports why. Freeing it
    // here would be a use after free in hiredis (it writes to it after this callback).
    if (ticket->link && status == REDIS_OK)
        ticket->link->startHandshake();
}

void Link::startHandshake()
{
    redisEnableKeepAlive(&m_context->c); // a peer gone silent is noticed even when idle
    QList<QList<QByteArray>> steps;
    if (!m_endpoint.password.isEmpty()) {
        if (m_endpoint.user.isEmpty())
            steps.append({"AUTH", m_endpoint.password.toUtf8()});
        else
            steps.append({"AUTH", m_endpoint.user.toUtf8(), m_endpoint.password.toUtf8()});
    }
    if (m_endpoint.db != 0)
        steps.append({"SELECT", QByteArray::number(m_endpoint.db)});
    if (steps.isEmpty())
        steps.append({"PING"});
    m_handshakeSteps.clear();
    for (const QList<QByteArray> &step : std::as_const(steps)) {
        QVarLengthArray<const char *, 3> argv;
        QVarLengthArray<size_t, 3> lengths;
        for (const QByteArray &arg : step) {
            argv.append(arg.constData());
            lengths.append(size_t(arg.size()));
        }
        redisAsyncCommandArgv(m_context, &Link::onHandshakeReply, m_ticket, int(argv.size()),
                              argv.data(), lengths.data());
        m_handshakeSteps.append(step.constFirst());
    }
}

void Link::onHandshakeReply(redisAsyncContext *, void *reply, void *privdata)
{
    auto *ticket = static_cast<Ticket *>(privdata);
    if (reply && ticket->link)
        ticket->link->handshakeReply(*static_cast<redisReply *>(reply));
}

void Link::handshakeReply(const redisReply &reply)
{
    if (m_handshakeSteps.isEmpty())
        return;
    const QByteArray step = m_handshakeSteps.takeFirst();
    if (reply.type == REDIS_REPLY_ERROR) {
        // Redis' words (e.g. "WRONGPASS invalid username-password pair"), never the password.
        drop(QStringLiteral("%1 refused: %2")
                 .arg(QString::fromLatin1(step), QString::fromUtf8(reply.str, int(reply.len))));
        return;
    }
    if (!m_handshakeSteps.isEmpty())
        return;
    m_deadline.stop();
    m_up = true;
    m_reported = false;
    m_backoffMs = firstBackoffMs;
    if (!m_lastFailure.isEmpty())
        qCInfo(lcRedis).noquote() << "connected again to" << m_endpoint.redacted();
    m_lastFailure.clear();
    m_events.up(); // last: its handler may close or drop the link
}

void Link::onReply(redisAsyncContext *, void *reply, void *privdata)
{
    auto *ticket = static_cast<Ticket *>(privdata);
    if (reply && ticket->link)
        ticket->link->m_events.reply(static_cast<redisReply *>(reply));
}

void Link::contextGone(const QString &why)
{
    m_context = nullptr;
    m_ticket = nullptr;
    lose(why);
}

void Link::releaseContext()
{
    if (!m_context)
        return;
    redisAsyncContext *context = std::exchange(m_context, nullptr);
    std::exchange(m_ticket, nullptr)->link = nullptr;
    // Inside one of its callbacks hiredis defers this until the callback returns; the pending
    // callbacks then run with no reply, and find the ticket let go.
    redisAsyncFree(context);
}

void Link::lose(const QString &why)
{
    const bool wasUp = std::exchange(m_up, false);
    ++m_attempt;
    m_deadline.stop();
    m_handshakeSteps.clear();
    if (m_open) {
        // Equal jitter: half the backoff plus a random part of the other half, so that many
        // servers that lost one Redis do not all come back in the same millisecond.
        const int half = m_backoffMs / 2;
        m_retry.start(half + int(QRandomGenerator::global()->bounded(half + 1)));
        m_backoffMs = qMin(m_backoffMs * 2, maxBackoffMs);
    }
    if (why != m_lastFailure)
        qCWarning(lcRedis).noquote() << m_endpoint.redacted() << why;
    m_lastFailure = why;
    const bool report = wasUp || !m_reported;
    m_reported = true;
    m_events.down(why, wasUp, report); // last: see the class comment
}

} // namespace chat::server::redis::detail
