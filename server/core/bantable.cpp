#include "bantable.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace chat::server {

namespace {
// An empty text is stored and matched as NULL (no name, no address): NULL equals nothing.
QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

// A text that is never NULL: Qt binds a null QString (an absent reason) as NULL, which a NOT
// NULL column refuses.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

QVariant timeOrNull(const std::optional<qint64> &ms)
{
    return ms ? QVariant(*ms) : QVariant(QMetaType(QMetaType::LongLong));
}
} // namespace

Read<qint64> BanTable::add(const Ban &ban)
{
    m_error.clear();
    QSqlQuery query(m_db);
    if (!query.prepare(QStringLiteral(
            "INSERT INTO bans (name_key, name, address, until, reason, banned_by, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)"))) {
        m_error = query.lastError().text();
        return {};
    }
    for (const QVariant &value :
         {textOrNull(ban.nameKey), textOrNull(ban.name), textOrNull(ban.address),
          timeOrNull(ban.until), text(ban.reason), text(ban.by), QVariant(ban.created)})
        query.addBindValue(value);
    if (!query.exec()) {
        m_error = query.lastError().text();
        return {};
    }
    return {true, query.lastInsertId().toLongLong()};
}

Change BanTable::lift(const QString &nameKey)
{
    m_error.clear();
    QSqlQuery query(m_db);
    if (!query.prepare(QStringLiteral("DELETE FROM bans WHERE name_key = ?"))) {
        m_error = query.lastError().text();
        return Change::Failed;
    }
    query.addBindValue(textOrNull(nameKey));
    if (!query.exec()) {
        m_error = query.lastError().text();
        return Change::Failed;
    }
    return query.numRowsAffected() > 0 ? Change::Done : Change::Missing;
}

Read<std::optional<Ban>> BanTable::find(const QString &nameKey, const QString &address,
                                        qint64 nowMs)
{
    // NULLS FIRST: a ban until lifted outlasts any timed one.
    const auto found = select(QStringLiteral("(name_key = ? OR address = ?) AND (until IS NULL OR"
                                             " until > ?) ORDER BY until DESC NULLS FIRST LIMIT 1"),
                              {textOrNull(nameKey), textOrNull(address), nowMs});
    if (!found.ok)
        return {};
    Read<std::optional<Ban>> result{true, std::nullopt};
    if (!found.value.empty())
        result.value = found.value.front();
    return result;
}

Read<std::vector<Ban>> BanTable::active(qint64 nowMs)
{
    return select(QStringLiteral("until IS NULL OR until > ? ORDER BY created, id"), {nowMs});
}

Read<int> BanTable::removeExpired(qint64 nowMs)
{
    m_error.clear();
    QSqlQuery query(m_db);
    if (!query.prepare(QStringLiteral("DELETE FROM bans WHERE until IS NOT NULL AND until <= ?"))) {
        m_error = query.lastError().text();
        return {};
    }
    query.addBindValue(nowMs);
    if (!query.exec()) {
        m_error = query.lastError().text();
        return {};
    }
    return {true, query.numRowsAffected()};
}

Read<std::vector<Ban>> BanTable::select(const QString &where, const QVariantList &values)
{
    m_error.clear();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral("SELECT id, name_key, name, address, until, reason,"
                                      " banned_by, created FROM bans WHERE ") +
                       where)) {
        m_error = query.lastError().text();
        return {};
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        m_error = query.lastError().text();
        return {};
    }
    Read<std::vector<Ban>> result{true, {}};
    while (query.next()) {
        Ban ban;
        ban.id = query.value(0).toLongLong();
        ban.nameKey = query.value(1).toString();
        ban.name = query.value(2).toString();
        ban.address = query.value(3).toString();
        if (!query.value(4).isNull())
            ban.until = query.value(4).toLongLong();
        ban.reason = query.value(5).toString();
        ban.by = query.value(6).toString();
        ban.created = query.value(7).toLongLong();
        result.value.push_back(std::move(ban));
    }
    return result;
}

} // namespace chat::server
