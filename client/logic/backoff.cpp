#include "backoff.h"

#include <algorithm>

namespace chat::client {

Backoff::Backoff(int firstMs, int maxMs, quint32 seed)
    : m_firstMs(std::max(1, firstMs)), m_maxMs(std::max(m_firstMs, maxMs)),
      m_random(seed ? seed : QRandomGenerator::global()->generate())
{}

int Backoff::nextCeilingMs() const
{
    qint64 ceiling = m_firstMs;
    for (int i = 0; i < m_attempt && ceiling < m_maxMs; ++i)
        ceiling *= 2;
    return int(std::min<qint64>(ceiling, m_maxMs));
}

int Backoff::nextDelayMs()
{
    const int ceiling = nextCeilingMs();
    ++m_attempt;
    const int half = ceiling / 2;
    return half + int(m_random.bounded(quint32(ceiling - half + 1)));
}

} // namespace chat::client
