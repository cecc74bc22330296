// Opening the history database: the lock, the session's settings, the schema, the statements,
// and what the server needs in memory (rooms, their recent messages, the highest id).
#include "messagestore.h"

#include "databaselock.h"
#include "logging.h"
#include "sqldialect.h"
#include "storeschema.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace chat::server {

namespace {
QString lastError(const QSqlQuery &query)
{
    return query.lastError().text();
}
} // namespace

bool MessageStore::openConnection(int historySize)
{
    QString parseError;
    const auto target = DatabaseTarget::parse(m_path, &parseError);
    if (!target) {
        m_error = QStringLiteral("%1 %2").arg(DatabaseTarget::redacted(m_path), parseError);
        return false;
    }
    m_target = *target;
    const QString name = m_target.displayName(); // never the password
    if (m_target.engine == SqlEngine::SQLite && !m_target.isMemory()) {
        const QString dir = QFileInfo(m_path).absolutePath();
        if (!QDir().mkpath(dir)) {
            m_error = QStringLiteral("cannot create the directory %1").arg(dir);
            return false;
        }
        m_lock = std::make_unique<DatabaseLock>(m_path);
        const DatabaseLock::State lock = m_lock->tryLock();
        if (lock == DatabaseLock::State::HeldElsewhere) {
            m_error = QStringLiteral("%1 is in use by another chat-server (or by `chat-server "
                                     "account` while it updates the schema; %2 is locked): one "
                                     "server per database")
                          .arg(m_path, m_lock->lockFilePath());
            return false;
        }
        if (lock != DatabaseLock::State::Held) {
            m_error = m_lock->errorString();
            return false;
        }
    }
    if (const auto error = openDatabase(m_target, m_connectionName)) {
        m_error = *error; // the caller names the database
        return false;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!lockAndConfigure(db))
        return false;
    if (const auto error = storeschema::migrate(db)) {
        m_error = QStringLiteral("%1: %2").arg(name, withoutPassword(m_target, *error));
        return false;
    }
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM messages")) || !query.next()) {
        m_error = lastError(query);
        return false;
    }
    m_lastId = query.value(0).toLongLong();
    if (!query.exec(QStringLiteral("SELECT value FROM meta WHERE name = 'reserved_until'"))) {
        m_error = lastError(query);
        return false;
    }
    m_reservedUntil = query.next() ? query.value(0).toLongLong() : 0;
    m_lastId = qMax(m_lastId, m_reservedUntil); // ids continue above anything ever handed out
    m_db = db;
    if (!prepareStatements(db) || !loadRooms(historySize))
        return false;
    qCInfo(lcServer) << "history in" << name << ":" << m_rooms.size() << "rooms, last message id"
                     << m_lastId;
    return true;
}

// The single-instance lock (PostgreSQL's; SQLite's DatabaseLock is taken before the file is
// opened) and the session's settings (SqlDialect::sessionSetup).
bool MessageStore::lockAndConfigure(QSqlDatabase &db)
{
    const SqlDialect dialect(m_target.engine);
    const QString name = m_target.displayName();
    if (dialect.isPostgres()) {
        QString error;
        if (!SqlDialect::tryServerLock(db, m_shared, &error)) {
            const QString holder =
                m_shared ? QStringLiteral("is served by a single-instance chat-server (or by "
                                          "`chat-server account` while it updates the schema; "
                                          "it holds the advisory lock %1): shared servers "
                                          "cannot join it")
                         : QStringLiteral("is in use by another chat-server (or by `chat-server "
                                          "account` while it updates the schema; it holds the "
                                          "advisory lock %1): one server per database");
            m_error = error.isEmpty()
                          ? name + u' ' + holder.arg(SqlDialect::serverLockKey)
                          : QStringLiteral("%1: %2").arg(name, withoutPassword(m_target, error));
            return false;
        }
        m_holdsServerLock = true;
    }
    QSqlQuery query(db);
    for (const QString &statement : dialect.sessionSetup(m_fullSync)) {
        if (!query.exec(statement)) {
            m_error = QStringLiteral("%1: %2").arg(name, lastError(query));
            return false;
        }
    }
    return true;
}

// Prepared once: a commit binds and steps, it does not parse SQL. The same statements for both
// engines (INSERT ... ON CONFLICT is SQLite's since 3.24 and PostgreSQL's since 9.5).
bool MessageStore::prepareStatements(QSqlDatabase &db)
{
    m_insert.emplace(db);
    m_reserve.emplace(db);
    m_saveRoom.emplace(db);
    m_page.emplace(db);
    m_since.emplace(db);
    // The mark only rises: servers that share a database reserve in any order.
    if (!m_insert->prepare(QStringLiteral("INSERT INTO messages (id, key, sender, message, ts,"
                                          " room, recipient, author_account, recipient_account)"
                                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) ||
        !m_reserve->prepare(QStringLiteral(
            "INSERT INTO meta (name, value) VALUES ('reserved_until', ?) ON CONFLICT (name)"
            " DO UPDATE SET value = CASE WHEN excluded.value > meta.value THEN excluded.value"
            " ELSE meta.value END")) ||
        !m_saveRoom->prepare(
            QStringLiteral("INSERT INTO rooms (key, name, topic) VALUES (?, ?, ?) ON CONFLICT (key)"
                           " DO UPDATE SET name = excluded.name, topic = excluded.topic")) ||
        !m_page->prepare(QString::fromLatin1(storeschema::pageQuery)) ||
        !m_since->prepare(QString::fromLatin1(storeschema::sinceQuery))) {
        m_error = lastError(*m_insert) + lastError(*m_reserve) + lastError(*m_saveRoom) +
                  lastError(*m_page) + lastError(*m_since);
        return false;
    }
    return true;
}

bool MessageStore::loadRooms(int historySize)
{
    QSqlQuery query(*m_db);
    if (!query.exec(QStringLiteral("SELECT key, name, topic FROM rooms ORDER BY key"))) {
        m_error = lastError(query);
        return false;
    }
    while (query.next())
        m_rooms.push_back({query.value(0).toString(),
                           query.value(1).toString(),
                           query.value(2).toString(),
                           {},
                           0});
    QSqlQuery &page = *m_page;
    for (StoredRoom &room : m_rooms) {
        page.bindValue(0, room.key);
        page.bindValue(1, protocol::maxRequestId + 1);
        page.bindValue(2, qMax(0, historySize) + 1); // one more: is anything older?
        if (!page.exec()) {
            m_error = lastError(page);
            return false;
        }
        while (page.next()) {
            if (room.recent.size() == qMax(0, historySize)) {
                room.droppedThrough = page.value(0).toLongLong();
                break;
            }
            room.recent.prepend(ChatMsg{page.value(0).toLongLong(), page.value(1).toString(),
                                        page.value(2).toString(), page.value(3).toString(),
                                        page.value(4).toLongLong()});
        }
        page.finish();
    }
    return true;
}

} // namespace chat::server
