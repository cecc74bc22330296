#pragma once

#include "serverconfig.h"

#include <QElapsedTimer>

namespace chat::server {

// A token bucket: up to `burst` events at once, refilled continuously at `perSecond`.
class TokenBucket
{
public:
    explicit TokenBucket(const RateLimit &limit) : m_limit(limit), m_tokens(limit.burst)
    {
        m_clock.start();
    }

    // Takes `cost` tokens; false when fewer are left (and always true when the limit is
    // disabled). A refused take takes nothing.
    bool take(double cost = 1.0)
    {
        if (!m_limit.enabled())
            return true;
        const qint64 now = m_clock.nsecsElapsed();
        m_tokens = qMin(m_limit.burst, m_tokens + (now - m_last) * 1e-9 * m_limit.perSecond);
        m_last = now;
        if (m_tokens < cost)
            return false;
        m_tokens -= cost;
        return true;
    }

private:
    RateLimit m_limit;
    double m_tokens;
    qint64 m_last = 0;
    QElapsedTimer m_clock;
};

} // namespace chat::server
