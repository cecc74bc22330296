// Opening the history database: the lock, the pragmas, the schema, the statements, and what
// the server needs in memory (rooms, their recent messages, the highest id).
#include "messagestore.h"

#include "databaselock.h"
#include "logging.h"
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
    if (m_path != QLatin1String(":memory:")) {
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
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (!db.isValid()) {
        m_error = QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed");
        return false;
    }
    db.setDatabaseName(m_path);
    if (!db.open()) {
        m_error = db.lastError().text();
        return false;
    }
    QSqlQuery query(db);
    const char *pragmas[] = {
        "PRAGMA journal_mode=WAL",
        // A deleted message's bytes are overwritten, not left in a free page (see queueErasure).
        "PRAGMA secure_delete=ON",
        m_fullSync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL",
    };
    for (const char *statement : pragmas) {
        if (!query.exec(QString::fromLatin1(statement))) {
            m_error = QStringLiteral("%1: %2").arg(m_path, lastError(query));
            return false;
        }
    }
    if (const auto error = storeschema::migrate(db)) {
        m_error = QStringLiteral("%1: %2").arg(m_path, *error);
        return false;
    }
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
    m_insert.emplace(db);
    m_reserve.emplace(db);
    m_saveRoom.emplace(db);
    m_page.emplace(db);
    if (!m_insert->prepare(QStringLiteral("INSERT INTO messages (id, key, sender, message, ts,"
                                          " room, recipient, author_account, recipient_account)"
                                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) ||
        !m_reserve->prepare(QStringLiteral(
            "INSERT OR REPLACE INTO meta (name, value) VALUES ('reserved_until', ?)")) ||
        !m_saveRoom->prepare(
            QStringLiteral("INSERT OR REPLACE INTO rooms (key, name, topic) VALUES (?, ?, ?)")) ||
        !m_page->prepare(QString::fromLatin1(storeschema::pageQuery))) {
        m_error = lastError(*m_insert) + lastError(*m_page);
        return false;
    }
    if (!loadRooms(historySize))
        return false;
    qCInfo(lcServer) << "history in" << m_path << ":" << m_rooms.size() << "rooms, last message id"
                     << m_lastId;
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
