#include "addressbudget.h"

#include <QHostAddress>

namespace chat::server {

double AddressBudget::tokensAt(const Entry &entry, qint64 now) const
{
    const double refill = double(qMax<qint64>(0, now - entry.at)) * m_burst / double(m_periodMs);
    return qMin(double(m_burst), entry.tokens + refill);
}

bool AddressBudget::allows(const QString &address, int count, qint64 now) const
{
    if (address.isEmpty() || m_burst <= 0 || count <= 0)
        return true;
    const auto it = m_spent.constFind(address);
    const double tokens = it == m_spent.cend() ? double(m_burst) : tokensAt(*it, now);
    return tokens >= count;
}

void AddressBudget::spend(const QString &address, int count, qint64 now)
{
    if (address.isEmpty() || m_burst <= 0 || count <= 0)
        return;
    if (m_spent.size() >= m_sweepAt)
        forgetRefilled(now);
    const auto it = m_spent.find(address);
    const double tokens = it == m_spent.end() ? double(m_burst) : tokensAt(*it, now);
    m_spent.insert(address, Entry{qMax(0.0, tokens - count), now});
}

void AddressBudget::forgetRefilled(qint64 now)
{
    for (auto it = m_spent.begin(); it != m_spent.end();) {
        if (tokensAt(*it, now) >= m_burst)
            it = m_spent.erase(it);
        else
            ++it;
    }
    // Sweep again once the table has doubled: amortized, each spend costs O(1).
    m_sweepAt = qMax(64, int(m_spent.size()) * 2);
}

QString budgetAddress(const QString &addressKey)
{
    if (!addressKey.endsWith(QLatin1String("/64")))
        return addressKey;
    Q_IPV6ADDR bytes = QHostAddress(addressKey.chopped(3)).toIPv6Address();
    for (int i = 6; i < 16; ++i)
        bytes[i] = 0;
    return QHostAddress(bytes).toString() + QStringLiteral("/48");
}

} // namespace chat::server
