#include "messagestore.h"

#include "databaselock.h"
#include "logging.h"
#include "servermetrics.h"
#include "sqldialect.h"

#include <QElapsedTimer>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

#include <atomic>

namespace chat::server {

namespace {
std::atomic<int> storeCount{0};

QString lastError(const QSqlQuery &query)
{
    return query.lastError().text();
}
} // namespace

MessageStore::MessageStore(QString location, bool fullSync, QObject *parent)
    : QThread(parent), m_path(std::move(location)),
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

void MessageStore::enqueue(Pending pending)
{
    QMutexLocker lock(&m_mutex);
    m_queue.push_back(std::move(pending));
    m_wake.wakeOne();
}

void MessageStore::append(const ChatMsg &msg, const QString &roomKey, const QString &authorAccount,
                          Committed committed)
{
    Pending pending;
    pending.msg = msg;
    pending.room = roomKey;
    pending.authorAccount = authorAccount;
    pending.committed = std::move(committed);
    enqueue(std::move(pending));
}

void MessageStore::appendPrivate(const PrivateMsg &msg, const QString &authorAccount,
                                 const QString &recipientAccount, Committed committed)
{
    Pending pending;
    pending.kind = Kind::Private;
    pending.msg = ChatMsg{msg.id, msg.key, msg.sender, msg.message, msg.ts};
    pending.text1 = msg.to;
    pending.authorAccount = authorAccount;
    pending.recipientAccount = recipientAccount;
    pending.committed = std::move(committed);
    enqueue(std::move(pending));
}

void MessageStore::saveRoom(const QString &roomKey, const QString &name, const QString &topic,
                            Committed committed)
{
    Pending pending;
    pending.kind = Kind::Room;
    pending.room = roomKey;
    pending.text1 = name;
    pending.text2 = topic;
    pending.committed = std::move(committed);
    enqueue(std::move(pending));
}

void MessageStore::readPage(const QString &roomKey, std::optional<qint64> before, int limit,
                            PageRead read)
{
    Pending pending;
    pending.kind = Kind::Page;
    pending.room = roomKey;
    pending.number = before.value_or(protocol::maxRequestId + 1);
    pending.limit = limit;
    pending.read = std::move(read);
    enqueue(std::move(pending));
}

void MessageStore::readSince(qint64 afterId, int limit, SinceRead read)
{
    Pending pending;
    pending.kind = Kind::Since;
    pending.number = afterId;
    pending.limit = limit;
    pending.since = std::move(read);
    enqueue(std::move(pending));
}

bool MessageStore::reserveIds(qint64 until)
{
    QMutex doneMutex;
    QWaitCondition doneCondition;
    bool finished = false;
    bool result = false;
    Pending pending;
    pending.kind = Kind::Reserve;
    pending.number = until;
    pending.committed = [&](bool ok) {
        QMutexLocker doneLock(&doneMutex);
        result = ok;
        finished = true;
        doneCondition.wakeAll();
    };
    enqueue(std::move(pending));
    QMutexLocker doneLock(&doneMutex);
    while (!finished)
        doneCondition.wait(&doneMutex);
    if (result)
        m_reservedUntil = until;
    return result;
}

void MessageStore::queueWrite(Work write, Committed committed)
{
    Pending pending;
    pending.kind = Kind::Write;
    pending.work = std::move(write);
    pending.committed = std::move(committed);
    enqueue(std::move(pending));
}

void MessageStore::queueErasure(Work write, Committed committed)
{
    Pending pending;
    pending.kind = Kind::Write;
    pending.work = std::move(write);
    pending.committed = std::move(committed);
    pending.erasure = true;
    enqueue(std::move(pending));
}

void MessageStore::queueRead(Work read)
{
    Pending pending;
    pending.kind = Kind::Read;
    pending.work = std::move(read);
    enqueue(std::move(pending));
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
            // Writes in one transaction, then the reads queued with them: a page sees every
            // message relayed before it was asked for.
            QElapsedTimer took;
            took.start();
            const bool committed = commit(batch);
            if (m_metrics) {
                m_metrics->storeCommit.observe(took.nsecsElapsed() / 1000);
                m_metrics->storeFailing.store(!committed, std::memory_order_relaxed);
            }
            // Before the acks: on SQLite a delete that was acknowledged is gone from the disk
            // (PostgreSQL: SqlDialect::afterErasure says why not there).
            if (committed && std::any_of(batch.begin(), batch.end(),
                                         [](const Pending &p) { return p.erasure && !p.failed; }))
                eraseAfterCommit();
            for (Pending &pending : batch) {
                if (pending.kind == Kind::Page)
                    read(pending);
                else if (pending.kind == Kind::Since)
                    readSince(pending);
                else if (pending.kind == Kind::Read)
                    pending.work(*m_db);
                else if (pending.committed)
                    pending.committed(committed && !pending.failed);
            }
            batch.clear();
        }
    }
    m_insert.reset();
    m_reserve.reset();
    m_saveRoom.reset();
    m_page.reset();
    m_since.reset();
    if (m_db && m_holdsServerLock)
        SqlDialect::releaseServerLock(*m_db, m_shared); // a restart at once finds it free
    m_holdsServerLock = false;
    if (m_db)
        m_db->close();
    m_db.reset();
    QSqlDatabase::removeDatabase(m_connectionName);
    // After the last write: the next server may start now (PostgreSQL's advisory lock was given
    // back above; SQLite's DatabaseLock goes here).
    m_lock.reset();
}

bool MessageStore::commit(std::vector<Pending> &batch)
{
    QSqlDatabase &db = *m_db;
    if (!db.transaction()) {
        qCCritical(lcServer) << "cannot begin a transaction:" << db.lastError().text();
        return false;
    }
    for (Pending &pending : batch) {
        if (!write(pending)) {
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

bool MessageStore::writeInSavepoint(Pending &pending)
{
    QSqlQuery savepoint(*m_db);
    if (!savepoint.exec(QStringLiteral("SAVEPOINT work")))
        return false;
    if (!pending.work(*m_db)) {
        pending.failed = true;
        if (!savepoint.exec(QStringLiteral("ROLLBACK TO work")))
            return false;
    }
    return savepoint.exec(QStringLiteral("RELEASE work"));
}

bool MessageStore::write(Pending &pending)
{
    // Prepared once (openConnection): a commit binds and steps, it does not parse SQL.
    switch (pending.kind) {
    case Kind::Page:
    case Kind::Since:
    case Kind::Read:
        return true;
    case Kind::Write:
        if (!writeInSavepoint(pending)) {
            qCCritical(lcServer) << "cannot run a savepoint:" << m_db->lastError().text();
            return false;
        }
        return true;
    case Kind::Reserve:
        m_reserve->bindValue(0, pending.number);
        if (!m_reserve->exec()) {
            qCCritical(lcServer) << "cannot reserve ids:" << lastError(*m_reserve);
            return false;
        }
        return true;
    case Kind::Room:
        m_saveRoom->bindValue(0, pending.room);
        m_saveRoom->bindValue(1, pending.text1);
        // No topic: '' (a null QString would be bound as NULL, which the column refuses).
        m_saveRoom->bindValue(2, pending.text2.isNull() ? QStringLiteral("") : pending.text2);
        if (!m_saveRoom->exec()) {
            qCCritical(lcServer) << "cannot store a room:" << lastError(*m_saveRoom);
            return false;
        }
        return true;
    case Kind::Message:
    case Kind::Private:
        break;
    }
    QSqlQuery &insert = *m_insert;
    const bool isPrivate = pending.kind == Kind::Private;
    insert.bindValue(0, pending.msg.id);
    insert.bindValue(1, pending.msg.key);
    insert.bindValue(2, pending.msg.sender);
    insert.bindValue(3, pending.msg.message);
    insert.bindValue(4, pending.msg.ts);
    insert.bindValue(5, isPrivate ? QVariant(QMetaType(QMetaType::QString)) : pending.room);
    insert.bindValue(6,
                     isPrivate ? QVariant(pending.text1) : QVariant(QMetaType(QMetaType::QString)));
    // A guest's account: NULL (an empty QString would be stored as '').
    const auto account = [](const QString &key) {
        return key.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(key);
    };
    insert.bindValue(7, account(pending.authorAccount));
    insert.bindValue(8, account(pending.recipientAccount));
    if (!insert.exec()) {
        qCCritical(lcServer) << "cannot store message" << pending.msg.id << ":"
                             << lastError(insert);
        return false;
    }
    return true;
}

} // namespace chat::server
