#pragma once

#include "redisendpoint.h"

#include <QObject>
#include <QTimer>

#include <functional>

struct redisAsyncContext;
struct redisReply;

namespace chat::server::redis::detail {

struct Ticket;

// One hiredis connection at a time to an endpoint, for Connection and Subscriber: resolves and
// connects without blocking the event loop, logs in (AUTH, SELECT; a PING when neither is
// needed, so "up" always means the server answered) and reconnects with backoff (100 ms doubling
// to 5 s, with jitter) until close(). Connecting and logging in must finish within the timeout.
//
// The events are called from inside hiredis' callbacks: their handlers must not free the link
// synchronously, and `down` must not call user code synchronously (post it).
class Link : public QObject
{
public:
    struct Events
    {
        std::function<void()> up; // logged in: context() takes commands
        // An attempt failed or the connection was lost (not after close()). `report` is true
        // for the first failure after open() or after being up, false for the retries after it.
        std::function<void(const QString &why, bool wasUp, bool report)> down;
        // A reply to a command sent with (&Link::onReply, privdata()).
        std::function<void(redisReply *reply)> reply;
    };

    Link(Endpoint endpoint, Events events);
    ~Link() override;

    void open();
    void close();
    bool isUp() const { return m_up; }
    redisAsyncContext *context() const { return m_up ? m_context : nullptr; }
    const Endpoint &endpoint() const { return m_endpoint; }
    void setTimeout(int ms) { m_timeoutMs = qMax(1, ms); }
    int timeout() const { return m_timeoutMs; }
    // Drops the connection now (its pending replies never come) and reconnects after the backoff.
    void drop(const QString &why);

    // The reply callback and its private data for redisAsyncCommand*(): replies go to
    // Events::reply while this context is the link's, and nowhere once it is let go.
    static void onReply(redisAsyncContext *context, void *reply, void *privdata);
    void *privdata() const { return m_ticket; }

private:
    static void onConnect(const redisAsyncContext *context, int status);
    static void onHandshakeReply(redisAsyncContext *context, void *reply, void *privdata);
    void attempt();
    void connectTo(const QString &address);
    void startHandshake();
    void handshakeReply(const redisReply &reply);
    void contextGone(const QString &why);
    void releaseContext();
    void lose(const QString &why);

    const Endpoint m_endpoint;
    const Events m_events;
    redisAsyncContext *m_context = nullptr;
    Ticket *m_ticket = nullptr;         // the context's, while it is ours
    QList<QByteArray> m_handshakeSteps; // the commands of the login awaiting their replies
    QTimer m_retry;
    QTimer m_deadline; // connecting and logging in
    QString m_lastFailure;
    quint64 m_attempt = 0;  // a host lookup answering for an older attempt is ignored
    quint64 m_rotation = 0; // which of a name's addresses the next attempt takes
    int m_timeoutMs = 5000;
    int m_backoffMs = 100;
    bool m_open = false;
    bool m_up = false;
    bool m_reported = false; // a failure reported since open() or since up
};

} // namespace chat::server::redis::detail
