#include "loginthrottle.h"

#include <QMutexLocker>

namespace chat::server {

namespace {
QString nameEntry(const QString &nameKey)
{
    return nameKey.isEmpty() ? QString() : QStringLiteral("name:") + nameKey;
}
QString addressEntry(const QString &addressKey)
{
    return addressKey.isEmpty() ? QString() : QStringLiteral("addr:") + addressKey;
}
} // namespace

LoginThrottle::LoginThrottle(int maxFailures, qint64 windowMs)
    : m_maxFailures(qMax(1, maxFailures)), m_windowMs(windowMs)
{}

qint64 LoginThrottle::blockedForLocked(const QString &key, qint64 nowMs) const
{
    if (key.isEmpty())
        return 0;
    const auto it = m_failures.constFind(key);
    if (it == m_failures.constEnd())
        return 0;
    // Failures within the window, newest last: blocked while m_maxFailures of them are in it,
    // that is until the m_maxFailures-th newest leaves it.
    const QList<qint64> &times = *it;
    qsizetype inWindow = 0;
    for (qint64 at : times)
        inWindow += nowMs - at < m_windowMs ? 1 : 0;
    if (inWindow < m_maxFailures)
        return 0;
    const qint64 leaves = times.at(times.size() - m_maxFailures) + m_windowMs;
    return qMax<qint64>(1, leaves - nowMs);
}

qint64 LoginThrottle::blockedFor(const QString &nameKey, const QString &addressKey,
                                 qint64 nowMs) const
{
    QMutexLocker lock(&m_mutex);
    return qMax(blockedForLocked(nameEntry(nameKey), nowMs),
                blockedForLocked(addressEntry(addressKey), nowMs));
}

void LoginThrottle::recordLocked(const QString &key, qint64 nowMs)
{
    if (key.isEmpty())
        return;
    QList<qint64> &times = m_failures[key];
    while (!times.isEmpty() && nowMs - times.first() >= m_windowMs)
        times.removeFirst();
    times.append(nowMs);
    // Only the newest m_maxFailures decide; older ones need not be kept.
    while (times.size() > m_maxFailures)
        times.removeFirst();
}

void LoginThrottle::recordFailure(const QString &nameKey, const QString &addressKey, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    recordLocked(nameEntry(nameKey), nowMs);
    recordLocked(addressEntry(addressKey), nowMs);
    if (m_failures.size() >= m_sweepAt)
        sweepLocked(nowMs);
}

void LoginThrottle::sweepLocked(qint64 nowMs)
{
    // Entries whose newest failure left the window say nothing more. The next sweep waits until
    // the table doubles, so sweeping costs O(1) per failure however many keys there are.
    for (auto it = m_failures.begin(); it != m_failures.end();) {
        if (it->isEmpty() || nowMs - it->last() >= m_windowMs)
            it = m_failures.erase(it);
        else
            ++it;
    }
    m_sweepAt = qMax<qsizetype>(1024, m_failures.size() * 2);
}

int LoginThrottle::trackedKeys() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_failures.size());
}

} // namespace chat::server
