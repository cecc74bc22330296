#include "storeschema.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace chat::server::storeschema {

namespace {
bool hasColumn(QSqlQuery &query, const QString &table, const QString &column)
{
    if (!query.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table)))
        return false;
    while (query.next()) {
        if (query.value(1).toString() == column)
            return true;
    }
    return false;
}
} // namespace

std::optional<int> versionOf(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return std::nullopt;
    return query.value(0).toInt();
}

std::optional<QString> migrate(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return query.lastError().text();
    const int current = query.value(0).toInt();
    if (current > version)
        return QStringLiteral("the database was written by a newer release (schema version %1; "
                              "this one knows up to %2)")
            .arg(current)
            .arg(version);
    if (current == version)
        return std::nullopt;
    if (!db.transaction())
        return db.lastError().text();
    const auto run = [&](const QString &statement) {
        return query.exec(statement);
    };
    // Version 1's tables, as it created them: a new file starts from there too, so that there
    // is one path to the current schema.
    bool ok = run(QStringLiteral("CREATE TABLE IF NOT EXISTS messages ("
                                 " id INTEGER PRIMARY KEY, key TEXT NOT NULL,"
                                 " sender TEXT NOT NULL, message TEXT NOT NULL,"
                                 " ts INTEGER NOT NULL)")) &&
              run(QStringLiteral("CREATE TABLE IF NOT EXISTS meta ("
                                 " name TEXT PRIMARY KEY, value INTEGER NOT NULL)"));
    // Version 2. The default puts the messages of a version 1 file in general.
    if (ok && !hasColumn(query, QStringLiteral("messages"), QStringLiteral("room"))) {
        ok = run(QStringLiteral("ALTER TABLE messages ADD COLUMN room TEXT DEFAULT 'general'")) &&
             run(QStringLiteral("ALTER TABLE messages ADD COLUMN recipient TEXT"));
    }
    ok = ok &&
         run(QStringLiteral("CREATE TABLE IF NOT EXISTS rooms ("
                            " key TEXT PRIMARY KEY, name TEXT NOT NULL,"
                            " topic TEXT NOT NULL DEFAULT '')")) &&
         run(QStringLiteral(
             "INSERT OR IGNORE INTO rooms (key, name, topic) VALUES ('general', 'general', '')")) &&
         run(QStringLiteral("CREATE INDEX IF NOT EXISTS messages_by_room ON messages (room, id)"));
    // Version 3. `key` is the name's uniqueness key (validation::nameUniquenessKey), so that a
    // registered name is unique as names on the server are; `name` keeps the spelling given.
    ok = ok &&
         run(QStringLiteral("CREATE TABLE IF NOT EXISTS accounts ("
                            " key TEXT PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL,"
                            " role TEXT NOT NULL DEFAULT 'user'"
                            " CHECK (role IN ('user', 'moderator', 'admin')),"
                            " created INTEGER NOT NULL)")) &&
         // A ban holds a name (its key), an address, or both; `until` NULL: until lifted.
         run(QStringLiteral("CREATE TABLE IF NOT EXISTS bans ("
                            " id INTEGER PRIMARY KEY, name_key TEXT, name TEXT, address TEXT,"
                            " until INTEGER, reason TEXT NOT NULL DEFAULT '',"
                            " banned_by TEXT NOT NULL, created INTEGER NOT NULL,"
                            " CHECK (name_key IS NOT NULL OR address IS NOT NULL))")) &&
         run(QStringLiteral("CREATE INDEX IF NOT EXISTS bans_by_name ON bans (name_key)")) &&
         run(QStringLiteral("CREATE INDEX IF NOT EXISTS bans_by_address ON bans (address)"));
    // Version 4. The rows of earlier versions keep NULL: their authors count as guests. Only
    // private messages between two accounts are in the index (a room's have no recipient).
    if (ok && !hasColumn(query, QStringLiteral("messages"), QStringLiteral("author_account"))) {
        ok = run(QStringLiteral("ALTER TABLE messages ADD COLUMN author_account TEXT")) &&
             run(QStringLiteral("ALTER TABLE messages ADD COLUMN recipient_account TEXT"));
    }
    ok = ok &&
         run(QStringLiteral(
             "CREATE INDEX IF NOT EXISTS messages_between_accounts ON messages"
             " (author_account, recipient_account, id)"
             " WHERE author_account IS NOT NULL AND recipient_account IS NOT NULL")) &&
         run(QStringLiteral("PRAGMA user_version = %1").arg(version));
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
