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

std::optional<QString> migrate(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return query.lastError().text();
    if (query.value(0).toInt() >= version)
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
    ok =
        ok &&
        run(QStringLiteral("CREATE TABLE IF NOT EXISTS rooms ("
                           " key TEXT PRIMARY KEY, name TEXT NOT NULL,"
                           " topic TEXT NOT NULL DEFAULT '')")) &&
        run(QStringLiteral(
            "INSERT OR IGNORE INTO rooms (key, name, topic) VALUES ('general', 'general', '')")) &&
        run(QStringLiteral("CREATE INDEX IF NOT EXISTS messages_by_room ON messages (room, id)")) &&
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
