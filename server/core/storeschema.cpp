#include "storeschema.h"

#include "sqldialect.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace chat::server::storeschema {

std::optional<int> versionOf(QSqlDatabase &db)
{
    return SqlDialect::of(db).schemaVersion(db);
}

std::optional<QString> migrate(QSqlDatabase &db)
{
    const SqlDialect dialect = SqlDialect::of(db);
    QSqlQuery query(db);
    const auto newer = [](int current) {
        return QStringLiteral("the database was written by a newer release (schema version %1; "
                              "this one knows up to %2)")
            .arg(current)
            .arg(version);
    };
    auto current = dialect.schemaVersion(db);
    if (!current)
        return db.lastError().text();
    if (*current > version)
        return newer(*current);
    if (*current == version)
        return std::nullopt;
    if (!db.transaction())
        return db.lastError().text();
    const auto run = [&](const QString &statement) {
        return query.exec(statement);
    };
    // Servers that share a PostgreSQL database (MessageStore::setShared) may start together:
    // the first migrates; the others wait for its lock, then find the version current.
    for (const QString &statement : dialect.beginMigration()) {
        if (!run(statement)) {
            const QString error = query.lastError().text();
            db.rollback();
            return error;
        }
    }
    current = dialect.schemaVersion(db);
    if (!current || *current >= version) {
        const QString error = !current ? db.lastError().text() : newer(*current);
        db.rollback();
        return current == version ? std::nullopt : std::optional(error);
    }
    // SQLite's INTEGER is 64-bit, and `id INTEGER PRIMARY KEY` its rowid; PostgreSQL's BIGINT.
    const QString integer = dialect.integer();
    // Version 1's tables, as it created them: a new file starts from there too, so that there
    // is one path to the current schema.
    bool ok = run(QStringLiteral("CREATE TABLE IF NOT EXISTS messages ("
                                 " id %1 PRIMARY KEY, key TEXT NOT NULL,"
                                 " sender TEXT NOT NULL, message TEXT NOT NULL,"
                                 " ts %1 NOT NULL)")
                      .arg(integer)) &&
              run(QStringLiteral("CREATE TABLE IF NOT EXISTS meta ("
                                 " name TEXT PRIMARY KEY, value %1 NOT NULL)")
                      .arg(integer));
    // Version 2. The default puts the messages of a version 1 file in general.
    if (ok && !dialect.hasColumn(query, QStringLiteral("messages"), QStringLiteral("room"))) {
        ok = run(QStringLiteral("ALTER TABLE messages ADD COLUMN room TEXT DEFAULT 'general'")) &&
             run(QStringLiteral("ALTER TABLE messages ADD COLUMN recipient TEXT"));
    }
    ok = ok &&
         run(QStringLiteral("CREATE TABLE IF NOT EXISTS rooms ("
                            " key TEXT PRIMARY KEY, name TEXT NOT NULL,"
                            " topic TEXT NOT NULL DEFAULT '')")) &&
         run(QStringLiteral("INSERT INTO rooms (key, name, topic) VALUES ('general', 'general', '')"
                            " ON CONFLICT (key) DO NOTHING")) &&
         run(QStringLiteral("CREATE INDEX IF NOT EXISTS messages_by_room ON messages (room, id)"));
    // Version 3. `key` is the name's uniqueness key (validation::nameUniquenessKey), so that a
    // registered name is unique as names on the server are; `name` keeps the spelling given.
    ok = ok &&
         run(QStringLiteral("CREATE TABLE IF NOT EXISTS accounts ("
                            " key TEXT PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL,"
                            " role TEXT NOT NULL DEFAULT 'user'"
                            " CHECK (role IN ('user', 'moderator', 'admin')),"
                            " created %1 NOT NULL)")
                 .arg(integer)) &&
         // A ban holds a name (its key), an address, or both; `until` NULL: until lifted.
         run(QStringLiteral("CREATE TABLE IF NOT EXISTS bans ("
                            " id %1, name_key TEXT, name TEXT, address TEXT,"
                            " until %2, reason TEXT NOT NULL DEFAULT '',"
                            " banned_by TEXT NOT NULL, created %2 NOT NULL,"
                            " CHECK (name_key IS NOT NULL OR address IS NOT NULL))")
                 .arg(dialect.generatedId(), integer)) &&
         run(QStringLiteral("CREATE INDEX IF NOT EXISTS bans_by_name ON bans (name_key)")) &&
         run(QStringLiteral("CREATE INDEX IF NOT EXISTS bans_by_address ON bans (address)"));
    // Version 4. The rows of earlier versions keep NULL: their authors count as guests. Only
    // private messages between two accounts are in the index (a room's have no recipient).
    if (ok &&
        !dialect.hasColumn(query, QStringLiteral("messages"), QStringLiteral("author_account"))) {
        ok = run(QStringLiteral("ALTER TABLE messages ADD COLUMN author_account TEXT")) &&
             run(QStringLiteral("ALTER TABLE messages ADD COLUMN recipient_account TEXT"));
    }
    ok = ok &&
         run(QStringLiteral(
             "CREATE INDEX IF NOT EXISTS messages_between_accounts ON messages"
             " (author_account, recipient_account, id)"
             " WHERE author_account IS NOT NULL AND recipient_account IS NOT NULL")) &&
         run(dialect.setSchemaVersion(version));
    if (!ok) {
        const QString error = query.lastError().text();
        db.rollback();
        return error;
    }
    if (!db.commit())
        return db.lastError().text();
    return std::nullopt;
}

} // namespace chat::server::storeschema
