#include "messagestore.h"

#include "logging.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <atomic>

namespace chat::server {

namespace {
std::atomic<int> storeCount{0};

QString lastError(const QSqlQuery &query)
{
    return query.lastError().text();
}
} // namespace

MessageStore::MessageStore(QString path, bool fullSync, QObject *parent)
    : QThread(parent), m_path(std::move(path)),
      m_connectionName(QStringLiteral("chat-store-%1").arg(storeCount++)), m_fullSync(fullSync)
{
    setObjectName(QStringLiteral("chat-store"));
}

MessageStore::~MessageStore()
{
    close();
}

bool MessageStore::open(int historySize)
{
    m_historySize = historySize;
    start();
    QMutexLocker lock(&m_mutex);
    while (!m_openDone)
        m_opened.wait(&m_mutex);
    return m_openOk;
}

void MessageStore::append(const ChatMsg &msg, Committed committed)
{
    QMutexLocker lock(&m_mutex);
    m_queue.push_back({msg, std::move(committed)});
    m_wake.wakeOne();
}

bool MessageStore::reserveIds(qint64 until)
{
    QMutex doneMutex;
    QWaitCondition doneCondition;
    bool finished = false;
    bool result = false;
    {
        QMutexLocker lock(&m_mutex);
        m_queue.push_back({ChatMsg{},
                           [&](bool ok) {
                               QMutexLocker doneLock(&doneMutex);
                               result = ok;
                               finished = true;
                               doneCondition.wakeAll();
                           },
                           until});
        m_wake.wakeOne();
    }
    QMutexLocker doneLock(&doneMutex);
    while (!finished)
        doneCondition.wait(&doneMutex);
    if (result)
        m_reservedUntil = until;
    return result;
}

void MessageStore::close()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeOne();
    }
    wait();
}

void MessageStore::run()
{
    const bool ok = openConnection(m_historySize);
    {
        QMutexLocker lock(&m_mutex);
        m_openOk = ok;
        m_openDone = true;
        m_opened.wakeAll();
    }
    if (ok) {
        std::vector<Pending> batch;
        for (;;) {
            {
                QMutexLocker lock(&m_mutex);
                while (m_queue.empty() && !m_stopping)
                    m_wake.wait(&m_mutex);
                if (m_queue.empty())
                    break; // stopping, and everything is committed
                batch.swap(m_queue);
            }
            const bool committed = commit(batch);
            for (Pending &pending : batch)
                pending.committed(committed);
            batch.clear();
        }
    }
    m_insert.reset();
    m_reserve.reset();
    if (m_db)
        m_db->close();
    m_db.reset();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool MessageStore::openConnection(int historySize)
{
    if (m_path != QLatin1String(":memory:")) {
        const QString dir = QFileInfo(m_path).absolutePath();
        if (!QDir().mkpath(dir)) {
            m_error = QStringLiteral("cannot create the directory %1").arg(dir);
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
    const char *setup[] = {
        "PRAGMA journal_mode=WAL",
        m_fullSync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL",
        "CREATE TABLE IF NOT EXISTS messages ("
        " id INTEGER PRIMARY KEY, key TEXT NOT NULL, sender TEXT NOT NULL,"
        " message TEXT NOT NULL, ts INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    };
    for (const char *statement : setup) {
        if (!query.exec(QString::fromLatin1(statement))) {
            m_error = QStringLiteral("%1: %2").arg(m_path, lastError(query));
            return false;
        }
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
    query.prepare(QStringLiteral("SELECT id, key, sender, message, ts FROM messages"
                                 " ORDER BY id DESC LIMIT ?"));
    query.addBindValue(qMax(0, historySize) + 1); // one more: is anything older than the history?
    if (!query.exec()) {
        m_error = lastError(query);
        return false;
    }
    while (query.next()) {
        if (m_recent.size() == qMax(0, historySize)) {
            m_droppedThrough = query.value(0).toLongLong();
            break;
        }
        m_recent.prepend(ChatMsg{query.value(0).toLongLong(), query.value(1).toString(),
                                 query.value(2).toString(), query.value(3).toString(),
                                 query.value(4).toLongLong()});
    }
    qCInfo(lcServer) << "history in" << m_path << ": last message id" << m_lastId;
    m_db = db;
    m_insert.emplace(db);
    m_reserve.emplace(db);
    if (!m_insert->prepare(QStringLiteral(
            "INSERT INTO messages (id, key, sender, message, ts) VALUES (?, ?, ?, ?, ?)")) ||
        !m_reserve->prepare(QStringLiteral(
            "INSERT OR REPLACE INTO meta (name, value) VALUES ('reserved_until', ?)"))) {
        m_error = lastError(*m_insert);
        return false;
    }
    return true;
}

bool MessageStore::commit(const std::vector<Pending> &batch)
{
    QSqlDatabase &db = *m_db;
    if (!db.transaction()) {
        qCCritical(lcServer) << "cannot begin a transaction:" << db.lastError().text();
        return false;
    }
    // Prepared once (openConnection): a commit binds and steps, it does not parse SQL.
    QSqlQuery &insert = *m_insert;
    QSqlQuery &reserve = *m_reserve;
    for (const Pending &pending : batch) {
        if (pending.reserveUntil > 0) {
            reserve.bindValue(0, pending.reserveUntil);
            if (!reserve.exec()) {
                qCCritical(lcServer) << "cannot reserve ids:" << lastError(reserve);
                db.rollback();
                return false;
            }
            continue;
        }
        insert.bindValue(0, pending.msg.id);
        insert.bindValue(1, pending.msg.key);
        insert.bindValue(2, pending.msg.sender);
        insert.bindValue(3, pending.msg.message);
        insert.bindValue(4, pending.msg.ts);
        if (!insert.exec()) {
            qCCritical(lcServer) << "cannot store message" << pending.msg.id << ":"
                                 << lastError(insert);
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        qCCritical(lcServer) << "cannot commit:" << db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

} // namespace chat::server
