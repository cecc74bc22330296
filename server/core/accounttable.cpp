#include "accounttable.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace chat::server {

QString roleName(Role role)
{
    switch (role) {
    case Role::User:
        break;
    case Role::Moderator:
        return QStringLiteral("moderator");
    case Role::Admin:
        return QStringLiteral("admin");
    }
    return QStringLiteral("user");
}

std::optional<Role> roleFromName(QStringView name)
{
    for (const Role role : {Role::User, Role::Moderator, Role::Admin}) {
        if (name == roleName(role))
            return role;
    }
    return std::nullopt;
}

namespace {
Account accountFrom(const QSqlQuery &query)
{
    return Account{
        query.value(0).toString(), query.value(1).toString(), query.value(2).toByteArray(),
        roleFromName(query.value(3).toString()).value_or(Role::User), query.value(4).toLongLong()};
}

const char *const columns = "SELECT key, name, hash, role, created FROM accounts";
} // namespace

Change AccountTable::add(const Account &account)
{
    // ON CONFLICT DO NOTHING: a name registered meanwhile is an answer (Exists), not an error
    // that would end the transaction the insert shares with others.
    const Change change =
        update(QStringLiteral("INSERT INTO accounts (key, name, hash, role, created)"
                              " VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING"),
               {account.key, account.name, QString::fromLatin1(account.hash),
                roleName(account.role), account.created});
    return change == Change::Missing ? Change::Exists : change;
}

Change AccountTable::setHash(const QString &key, const QByteArray &hash)
{
    return update(QStringLiteral("UPDATE accounts SET hash = ? WHERE key = ?"),
                  {QString::fromLatin1(hash), key});
}

Change AccountTable::setRole(const QString &key, Role role)
{
    return update(QStringLiteral("UPDATE accounts SET role = ? WHERE key = ?"),
                  {roleName(role), key});
}

Change AccountTable::remove(const QString &key)
{
    return update(QStringLiteral("DELETE FROM accounts WHERE key = ?"), {key});
}

Change AccountTable::update(const QString &sql, const QVariantList &values)
{
    m_error.clear();
    QSqlQuery query(m_db);
    if (!query.prepare(sql)) {
        m_error = query.lastError().text();
        return Change::Failed;
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        m_error = query.lastError().text();
        return Change::Failed;
    }
    return query.numRowsAffected() > 0 ? Change::Done : Change::Missing;
}

Read<std::optional<Account>> AccountTable::find(const QString &key)
{
    m_error.clear();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(QLatin1String(columns) + QLatin1String(" WHERE key = ?"))) {
        m_error = query.lastError().text();
        return {};
    }
    query.addBindValue(key);
    if (!query.exec()) {
        m_error = query.lastError().text();
        return {};
    }
    Read<std::optional<Account>> result{true, std::nullopt};
    if (query.next())
        result.value = accountFrom(query);
    return result;
}

Read<std::vector<Account>> AccountTable::list()
{
    m_error.clear();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QLatin1String(columns) + QLatin1String(" ORDER BY key"))) {
        m_error = query.lastError().text();
        return {};
    }
    Read<std::vector<Account>> result{true, {}};
    while (query.next())
        result.value.push_back(accountFrom(query));
    return result;
}

} // namespace chat::server
