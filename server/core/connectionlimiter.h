#pragma once

#include "serverconfig.h"

#include <QHash>
#include <QHostAddress>
#include <QMutex>

namespace chat::server {

// Counts open connections, in all and per client address, against the configured caps, and
// budgets joins per address. Thread safe: the listener acquires, the workers release.
//
// A client address is an IPv4 address, or an IPv6 /64 (one host is usually given a whole /64);
// the /64s of one IPv6 /48 (a site) are capped together as well, since one host may hold many
// /64s. Exempt addresses (by default 127.0.0.1 and ::1, for local tools) count only in the
// total. So do trusted proxies' own connections, until they say whose a connection is.
class ConnectionLimiter
{
public:
    explicit ConnectionLimiter(const ServerConfig &config);
    // New caps and join budget for what follows (the exempt addresses are kept): connections
    // over a lowered cap stay open, the next ones are refused.
    void setLimits(const LiveSettings &limits);

    enum class Verdict
    {
        Accepted,
        TooManyInAll,
        TooManyFromAddress,
        TooManyUnjoinedFromAddress,
        TooManyFromSite
    };

    // A new connection from `address`, not joined yet.
    Verdict tryAcquire(const QHostAddress &address);
    // The connection acquired under `from` (a trusted proxy) is the client `to`'s (the proxy
    // said so): counted under `to` from now on, if its caps allow; else nothing changes (the
    // caller refuses the connection, which releases `from` as usual).
    Verdict transfer(const QHostAddress &from, const QHostAddress &to);
    // Its connection has joined (counts no longer as unjoined), or left the room again.
    void markJoined(const QHostAddress &address);
    void markUnjoined(const QHostAddress &address);
    // The connection is gone; it was not joined (markUnjoined first if it was).
    void release(const QHostAddress &address);
    // Takes a join from the address's budget; false when it is spent for now.
    bool takeJoin(const QHostAddress &address);
    // Forgets addresses with no connection and a full join budget; call it now and then.
    void sweep();

    // What the per-address caps count `address` as; empty for an exempt address.
    QString addressKey(const QHostAddress &address) const;
    // The IPv6 /48 an address belongs to; empty for IPv4 and exempt addresses.
    QString siteKey(const QHostAddress &address) const;

    int total() const;

private:
    struct PerAddress
    {
        int connections = 0;
        int unjoined = 0;
        double joinTokens = 0;
        qint64 joinTokensAt = 0; // monotonic ms
    };
    void refillJoins(PerAddress &entry, qint64 now) const;
    // Counts a connection under `key` and `site` (either may be empty: not counted there) if
    // their caps allow; m_mutex held. The total is the caller's.
    Verdict countLocked(const QString &key, const QString &site);
    double joinBurst() const { return m_joinsPerMinute; }

    const QList<QPair<QHostAddress, int>> m_exempt;
    mutable QMutex m_mutex;
    // The caps: guarded by m_mutex, like the counts.
    int m_maxTotal = 0;
    int m_maxPerAddress = 0;
    int m_maxUnjoinedPerAddress = 0;
    int m_maxPerSite = 0;
    int m_joinsPerMinute = 0;
    int m_total = 0;
    QHash<QString, PerAddress> m_byAddress;
    QHash<QString, int> m_bySite; // connections per IPv6 /48
};

} // namespace chat::server
