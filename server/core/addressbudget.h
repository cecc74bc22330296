#pragma once

#include <QHash>
#include <QString>

namespace chat::server {

// A budget of events per client address: a token bucket for each, `burst` events at once,
// refilled continuously at `burst` per `periodMs`. The registry spends room creations from it
// (rooms are never removed, so one address must not be able to create them all). An empty
// address (an exempt one) is never limited; a burst of 0 is no limit. Not thread safe: its
// owner locks. Times are monotonic milliseconds, given by the caller.
class AddressBudget
{
public:
    explicit AddressBudget(qint64 periodMs) : m_periodMs(periodMs) {}

    // A new burst (and rate) for every address; what an address has spent stays spent.
    void setBurst(int burst) { m_burst = burst; }
    int burst() const { return m_burst; }

    // Whether `address` may spend `count` at `now`.
    bool allows(const QString &address, int count, qint64 now) const;
    // Spends `count` (after allows()); forgets addresses whose budget has refilled.
    void spend(const QString &address, int count, qint64 now);
    // Addresses with a budget below full (that spent something lately).
    int trackedAddresses() const { return int(m_spent.size()); }

private:
    struct Entry
    {
        double tokens = 0;
        qint64 at = 0;
    };
    double tokensAt(const Entry &entry, qint64 now) const;
    void forgetRefilled(qint64 now);

    const qint64 m_periodMs;
    int m_burst = 0;
    QHash<QString, Entry> m_spent; // only addresses that spent: an absent one is full
    int m_sweepAt = 64;            // forgetRefilled() when m_spent reaches this size
};

// The address a budget counts a client as, from its ConnectionLimiter::addressKey(): an IPv4
// address as it is, an IPv6 /64 as its /48 (one host is easily given a /48 and all its /64s).
QString budgetAddress(const QString &addressKey);

} // namespace chat::server
