#pragma once

#include "accounttable.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <vector>

namespace chat::server {

// A ban (feature "accounts"): a name, an address, or both, refused until `until`.
struct Ban
{
    qint64 id = 0;
    QString nameKey; // validation::nameUniquenessKey of the name; empty: an address only
    QString name;    // as the moderator gave it
    // The address as the caller matches it (for example an IPv6 client's /64 as text); empty:
    // a name only.
    QString address;
    std::optional<qint64> until; // ms since the epoch; nothing: until lifted
    QString reason;
    QString by; // the name of who banned
    qint64 created = 0;

    bool activeAt(qint64 nowMs) const { return !until || *until > nowMs; }
};

// The `bans` table, synchronously on one connection (see AccountTable). Bans past their `until`
// never match; removeExpired() deletes them.
class BanTable
{
public:
    explicit BanTable(const QSqlDatabase &db) : m_db(db) {}

    Read<qint64> add(const Ban &ban); // the new ban's id
    // Lifts every ban of the name (and so the addresses they hold). Missing: there was none.
    Change lift(const QString &nameKey);
    // The ban in force at `nowMs` on the name or on the address (either may be empty), the
    // longest-lasting first.
    Read<std::optional<Ban>> find(const QString &nameKey, const QString &address, qint64 nowMs);
    Read<std::vector<Ban>> active(qint64 nowMs); // oldest first
    Read<int> removeExpired(qint64 nowMs);

    QString errorString() const { return m_error; }

private:
    Read<std::vector<Ban>> select(const QString &where, const QVariantList &values);

    QSqlDatabase m_db;
    QString m_error;
};

} // namespace chat::server
