#pragma once

#include <QSqlDatabase>
#include <QString>

#include <optional>

// Where the server keeps its database (--db, history/database): a SQLite file (the embedded
// default, one instance, nothing to install) or a PostgreSQL server named by a URL
// `postgresql://USER:PASSWORD@HOST:PORT/DBNAME?OPTION=VALUE` (or `postgres://`). Every part of
// the URL may be empty: libpq takes what is missing from its environment (PGHOST, PGPORT,
// PGUSER, PGPASSWORD, PGDATABASE), so that `postgresql:///` works under pg_virtualenv.
namespace chat::server {

enum class SqlEngine
{
    SQLite,
    PostgreSQL,
};

struct DatabaseTarget
{
    SqlEngine engine = SqlEngine::SQLite;
    QString path; // SQLite: the file, or ":memory:"
    // PostgreSQL: empty (port -1) is left to libpq's environment.
    QString host;
    int port = -1;
    QString user;
    QString password;
    QString database;
    // URL query items, as libpq keywords for QPSQL's connect options ("sslmode=require;...").
    QString options;

    // `text` is a path unless it starts with postgresql:// or postgres://. An error text
    // never holds the password.
    static std::optional<DatabaseTarget> parse(const QString &text, QString *error = nullptr);
    static bool isUrl(const QString &text);
    // `text` as it may be shown (logs, errors): a URL's password replaced by "***". A text
    // that does not parse is shown as "postgresql://(unparsable URL)".
    static QString redacted(const QString &text);

    bool isMemory() const { return engine == SqlEngine::SQLite && path == u":memory:"; }
    QString displayName() const; // the path, or the URL without its password
};

// Opens a connection named `connectionName` (QSqlDatabase::addDatabase) to `target` with the
// engine's driver. On failure: the reason (without the password); the caller removes the
// connection.
std::optional<QString> openDatabase(const DatabaseTarget &target, const QString &connectionName);

// `text` with every occurrence of `target`'s password replaced: for the texts of the driver
// and of the server, which may quote the connection string.
QString withoutPassword(const DatabaseTarget &target, QString text);

} // namespace chat::server
