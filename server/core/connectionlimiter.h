#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>

namespace chat::server {

// Counts open connections, in all and per client address, against the configured caps.
// Thread safe: the listener acquires, the workers release.
class ConnectionLimiter
{
public:
    ConnectionLimiter(int maxTotal, int maxPerAddress)
        : m_maxTotal(maxTotal), m_maxPerAddress(maxPerAddress)
    {}

    enum class Verdict
    {
        Accepted,
        TooManyInAll,
        TooManyFromAddress
    };

    Verdict tryAcquire(const QHostAddress &address)
    {
        QMutexLocker lock(&m_mutex);
        if (m_total >= m_maxTotal)
            return Verdict::TooManyInAll;
        int &fromAddress = m_byAddress[address];
        if (m_maxPerAddress > 0 && fromAddress >= m_maxPerAddress) {
            if (fromAddress == 0)
                m_byAddress.remove(address);
            return Verdict::TooManyFromAddress;
        }
        ++fromAddress;
        ++m_total;
        return Verdict::Accepted;
    }

    void release(const QHostAddress &address)
    {
        QMutexLocker lock(&m_mutex);
        --m_total;
        const auto it = m_byAddress.find(address);
        if (it != m_byAddress.end() && --it.value() <= 0)
            m_byAddress.erase(it);
    }

    int total() const
    {
        QMutexLocker lock(&m_mutex);
        return m_total;
    }

private:
    const int m_maxTotal;
    const int m_maxPerAddress;
    mutable QMutex m_mutex;
    int m_total = 0;
    QHash<QHostAddress, int> m_byAddress;
};

} // namespace chat::server
