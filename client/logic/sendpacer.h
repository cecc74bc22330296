#pragma once

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>

namespace chat::client {

// Paces own messages to the rate the server announced (its join ack's `rateLimit`): a token
// bucket a little slower than the server's, so that a burst of queued messages is sent as fast
// as it is accepted instead of being refused with rate_limited.
class SendPacer
{
public:
    // perSecond <= 0: no limit.
    void setLimit(double burst, double perSecond)
    {
        m_perSecond = perSecond * 0.95; // clocks differ; stay under the server's rate
        m_burst = std::max(1.0, burst - 1);
        m_tokens = m_burst;
        m_clock.start();
        m_last = 0;
    }

    // Takes a token; false (and nothing taken) when the next message has to wait.
    bool take()
    {
        if (m_perSecond <= 0)
            return true;
        refill();
        if (m_tokens < 1.0)
            return false;
        m_tokens -= 1.0;
        return true;
    }

    // Milliseconds until take() can succeed.
    int msUntilNext()
    {
        if (m_perSecond <= 0)
            return 0;
        refill();
        return m_tokens >= 1.0 ? 0 : int(std::ceil((1.0 - m_tokens) * 1000.0 / m_perSecond));
    }

private:
    void refill()
    {
        const qint64 now = m_clock.isValid() ? m_clock.nsecsElapsed() : 0;
        m_tokens = std::min(m_burst, m_tokens + double(now - m_last) * 1e-9 * m_perSecond);
        m_last = now;
    }

    double m_perSecond = 0;
    double m_burst = 1;
    double m_tokens = 1;
    qint64 m_last = 0;
    QElapsedTimer m_clock;
};

} // namespace chat::client
