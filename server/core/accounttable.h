#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QStringView>

#include <optional>
#include <vector>

// Registered names (feature "accounts") in the history database (schema: storeschema.h). The
// tables are read and written synchronously on one connection: by the store's thread in the
// server (AccountStore queues the work there), by the operator's command line on its own.
namespace chat::server {

enum class Role
{
    User,
    Moderator,
    Admin,
};
// "user", "moderator", "admin": the protocol's spelling, and the database's.
QString roleName(Role role);
std::optional<Role> roleFromName(QStringView name);

struct Account
{
    QString key;     // validation::nameUniquenessKey(name): registered names are unique by it
    QString name;    // as registered
    QByteArray hash; // crypto_pwhash_str's string; never the password
    Role role = Role::User;
    qint64 created = 0; // ms since the epoch
};

// What a write did. Exists and Missing are answers, not errors: the transaction they ran in
// goes on. Failed: a database error (errorString()).
enum class Change
{
    Done,
    Exists,
    Missing,
    Failed,
};

// A read's value; ok false on a database error.
template <typename T> struct Read
{
    bool ok = false;
    T value{};
};

class AccountTable
{
public:
    explicit AccountTable(const QSqlDatabase &db) : m_db(db) {}

    Change add(const Account &account); // Exists: the key is registered
    Change setHash(const QString &key, const QByteArray &hash);
    Change setRole(const QString &key, Role role);
    Change remove(const QString &key);
    Read<std::optional<Account>> find(const QString &key);
    Read<std::vector<Account>> list(); // in the order of their keys

    // The database's text for the last Failed or not-ok read. Never holds a hash: values are
    // bound, not written into statements.
    QString errorString() const { return m_error; }

private:
    Change update(const QString &sql, const QVariantList &values);

    QSqlDatabase m_db;
    QString m_error;
};

} // namespace chat::server
