#pragma once

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

namespace chat::server {

// Feature "accounts": failed passwords per name and per address (protocol-v2.md: after 5
// within 10 minutes, further tries are answered rate_limited without checking the password).
// Asked before any hashing, so a storm of wrong passwords costs a hash table lookup, not an
// Argon2id run. Thread safe: the workers share one. Times are a caller's monotonic ms.
class LoginThrottle
{
public:
    static constexpr int defaultMaxFailures = 5;
    static constexpr qint64 defaultWindowMs = 10 * 60 * 1000;

    explicit LoginThrottle(int maxFailures = defaultMaxFailures, qint64 windowMs = defaultWindowMs);

    // How long (ms) tries for the name, or from the address, are refused; 0: they may try.
    // An empty key is not counted (an exempt address).
    qint64 blockedFor(const QString &nameKey, const QString &addressKey, qint64 nowMs) const;
    void recordFailure(const QString &nameKey, const QString &addressKey, qint64 nowMs);
    // Keys with failures in their window (names and addresses).
    int trackedKeys() const;

private:
    qint64 blockedForLocked(const QString &key, qint64 nowMs) const;
    void recordLocked(const QString &key, qint64 nowMs);
    void sweepLocked(qint64 nowMs);

    const int m_maxFailures;
    const qint64 m_windowMs;
    mutable QMutex m_mutex;
    QHash<QString, QList<qint64>> m_failures; // by "name:KEY" / "addr:KEY", oldest first
    qsizetype m_sweepAt = 1024;
};

} // namespace chat::server
