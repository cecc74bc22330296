#pragma once

#include "serverconfig.h"

#include <QElapsedTimer>

namespace chat::server {

// A token bucket: up to `burst` events at once, refilled continuously at `perSecond`. Only the
// state is kept (16 bytes); the limit is passed in by the owner, which keeps it in its config,
// and the clock is shared: a connection holds four of these.
class TokenBucket
{
public:
    // Full: `limit.burst` tokens, from now on.
    explicit TokenBucket(const RateLimit &limit) { refill(limit); }
    void refill(const RateLimit &limit)
    {
        m_tokens = limit.burst;
        m_lastNs = now();
    }

    // Takes `cost` tokens; false when fewer are left (and always true when the limit is
    // disabled). A refused take takes nothing.
    bool take(const RateLimit &limit, double cost = 1.0)
    {
        if (!limit.enabled())
            return true;
        const qint64 nowNs = now();
        m_tokens = qMin(limit.burst, m_tokens + double(nowNs - m_lastNs) * 1e-9 * limit.perSecond);
        m_lastNs = nowNs;
        if (m_tokens < cost)
            return false;
        m_tokens -= cost;
        return true;
    }

    // Monotonic nanoseconds, one clock for every bucket.
    static qint64 now()
    {
        static const QElapsedTimer started = [] {
            QElapsedTimer timer;
            timer.start();
            return timer;
        }();
        return started.nsecsElapsed();
    }

private:
    double m_tokens = 0;
    qint64 m_lastNs = 0;
};

} // namespace chat::server
