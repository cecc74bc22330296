#pragma once

#include <QRandomGenerator>

namespace chat::client {

// Delays between reconnection attempts: exponential from `firstMs` up to `maxMs`, each with
// "equal jitter" (a random point in the upper half of the step), so that many clients dropped
// at once by a restarting server do not all come back at the same moment.
class Backoff
{
public:
    explicit Backoff(int firstMs = 1000, int maxMs = 30'000, quint32 seed = 0);

    // The delay before the next attempt; each call is one more attempt.
    int nextDelayMs();
    // The ceiling of the next delay (what nextDelayMs() draws below), for display and tests.
    int nextCeilingMs() const;
    void reset() { m_attempt = 0; }
    int attempts() const { return m_attempt; }
    int firstMs() const { return m_firstMs; }
    int maxMs() const { return m_maxMs; }

private:
    int m_firstMs;
    int m_maxMs;
    int m_attempt = 0;
    QRandomGenerator m_random;
};

} // namespace chat::client
