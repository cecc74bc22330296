#include "connectionlimiter.h"

#include <QDeadlineTimer>

namespace chat::server {

namespace {
qint64 monotonicMs()
{
    return QDeadlineTimer::current().deadline();
}

// IPv4-mapped IPv6 addresses (a dual-stack listener sees IPv4 clients so) as IPv4.
QHostAddress canonical(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}
} // namespace

ConnectionLimiter::ConnectionLimiter(const ServerConfig &config)
    : m_exempt(config.exemptAddresses + config.trustedProxies)
{
    setLimits(config);
}

void ConnectionLimiter::setLimits(const LiveSettings &limits)
{
    QMutexLocker lock(&m_mutex);
    m_maxTotal = limits.maxConnections;
    m_maxPerAddress = limits.maxConnectionsPerAddress;
    m_maxUnjoinedPerAddress = limits.maxUnjoinedPerAddress;
    m_maxPerSite = limits.maxConnectionsPerIpv6Site;
    m_joinsPerMinute = limits.joinsPerAddressPerMinute;
}

QString ConnectionLimiter::addressKey(const QHostAddress &address) const
{
    const QHostAddress host = canonical(address);
    for (const auto &subnet : m_exempt) {
        // An exempt subnet written IPv4-mapped (::ffff:10.0.0.0/104) is an IPv4 one (/8).
        const QHostAddress base = canonical(subnet.first);
        const bool mapped = base.protocol() == QAbstractSocket::IPv4Protocol &&
                            subnet.first.protocol() == QAbstractSocket::IPv6Protocol;
        const int prefix = mapped ? qMax(0, subnet.second - 96) : subnet.second;
        if (host.isInSubnet(base, prefix))
            return {};
    }
    if (host.protocol() == QAbstractSocket::IPv6Protocol) {
        Q_IPV6ADDR bytes = host.toIPv6Address();
        for (int i = 8; i < 16; ++i)
            bytes[i] = 0;
        return QHostAddress(bytes).toString() + QStringLiteral("/64");
    }
    return host.toString();
}

QString ConnectionLimiter::siteKey(const QHostAddress &address) const
{
    if (addressKey(address).isEmpty())
        return {};
    const QHostAddress host = canonical(address);
    if (host.protocol() != QAbstractSocket::IPv6Protocol)
        return {};
    Q_IPV6ADDR bytes = host.toIPv6Address();
    for (int i = 6; i < 16; ++i)
        bytes[i] = 0;
    return QHostAddress(bytes).toString() + QStringLiteral("/48");
}

void ConnectionLimiter::refillJoins(PerAddress &entry, qint64 now) const
{
    entry.joinTokens = qMin(joinBurst(), entry.joinTokens + (now - entry.joinTokensAt) *
                                                                m_joinsPerMinute / 60'000.0);
    entry.joinTokensAt = now;
}

ConnectionLimiter::Verdict ConnectionLimiter::tryAcquire(const QHostAddress &address)
{
    const QString key = addressKey(address);
    const QString site = siteKey(address);
    QMutexLocker lock(&m_mutex);
    if (m_total >= m_maxTotal)
        return Verdict::TooManyInAll;
    const Verdict verdict = countLocked(key, site);
    if (verdict == Verdict::Accepted)
        ++m_total;
    return verdict;
}

ConnectionLimiter::Verdict ConnectionLimiter::countLocked(const QString &key, const QString &site)
{
    if (!site.isEmpty() && m_maxPerSite > 0 && m_bySite.value(site) >= m_maxPerSite)
        return Verdict::TooManyFromSite;
    if (!key.isEmpty()) {
        auto it = m_byAddress.find(key);
        if (it == m_byAddress.end())
            it = m_byAddress.insert(key, PerAddress{0, 0, joinBurst(), monotonicMs()});
        if (m_maxPerAddress > 0 && it->connections >= m_maxPerAddress)
            return Verdict::TooManyFromAddress;
        if (m_maxUnjoinedPerAddress > 0 && it->unjoined >= m_maxUnjoinedPerAddress)
            return Verdict::TooManyUnjoinedFromAddress;
        ++it->connections;
        ++it->unjoined;
    }
    if (!site.isEmpty())
        ++m_bySite[site];
    return Verdict::Accepted;
}

ConnectionLimiter::Verdict ConnectionLimiter::transfer(const QHostAddress &from,
                                                       const QHostAddress &to)
{
    const QString fromKey = addressKey(from);
    const QString fromSite = siteKey(from);
    const QString key = addressKey(to);
    const QString site = siteKey(to);
    QMutexLocker lock(&m_mutex);
    if (const Verdict verdict = countLocked(key, site); verdict != Verdict::Accepted)
        return verdict;
    // No longer the proxy's (a trusted proxy is exempt, so usually nothing to take back).
    if (!fromSite.isEmpty()) {
        if (const auto it = m_bySite.find(fromSite); it != m_bySite.end() && --*it <= 0)
            m_bySite.erase(it);
    }
    if (const auto it = m_byAddress.find(fromKey); !fromKey.isEmpty() && it != m_byAddress.end()) {
        --it->connections;
        --it->unjoined;
    }
    return Verdict::Accepted;
}

void ConnectionLimiter::markJoined(const QHostAddress &address)
{
    const QString key = addressKey(address);
    QMutexLocker lock(&m_mutex);
    const auto it = m_byAddress.find(key);
    if (it != m_byAddress.end())
        --it->unjoined;
}

void ConnectionLimiter::markUnjoined(const QHostAddress &address)
{
    const QString key = addressKey(address);
    QMutexLocker lock(&m_mutex);
    const auto it = m_byAddress.find(key);
    if (it != m_byAddress.end())
        ++it->unjoined;
}

void ConnectionLimiter::release(const QHostAddress &address)
{
    const QString key = addressKey(address);
    const QString site = siteKey(address);
    QMutexLocker lock(&m_mutex);
    --m_total;
    if (!site.isEmpty()) {
        if (const auto it = m_bySite.find(site); it != m_bySite.end() && --*it <= 0)
            m_bySite.erase(it);
    }
    const auto it = m_byAddress.find(key);
    if (it == m_byAddress.end())
        return;
    --it->connections;
    --it->unjoined;
}

bool ConnectionLimiter::takeJoin(const QHostAddress &address)
{
    const QString key = addressKey(address);
    if (key.isEmpty())
        return true;
    QMutexLocker lock(&m_mutex);
    if (m_joinsPerMinute <= 0)
        return true;
    const auto it = m_byAddress.find(key);
    if (it == m_byAddress.end())
        return true; // not a connection of ours
    refillJoins(*it, monotonicMs());
    if (it->joinTokens < 1.0)
        return false;
    it->joinTokens -= 1.0;
    return true;
}

void ConnectionLimiter::sweep()
{
    const qint64 now = monotonicMs();
    QMutexLocker lock(&m_mutex);
    for (auto it = m_byAddress.begin(); it != m_byAddress.end();) {
        refillJoins(*it, now);
        if (it->connections <= 0 && it->joinTokens >= joinBurst())
            it = m_byAddress.erase(it);
        else
            ++it;
    }
}

int ConnectionLimiter::total() const
{
    QMutexLocker lock(&m_mutex);
    return m_total;
}

} // namespace chat::server
