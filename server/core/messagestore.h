#pragma once

#include "events.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>
#include <QWaitCondition>

#include <functional>
#include <optional>
#include <vector>

namespace chat::server {

// Durable chat history in SQLite (Qt SQL, QSQLITE). One thread owns the connection and commits
// whatever has queued meanwhile in one transaction (group commit, WAL, synchronous=FULL), then
// reports each message as committed, in order. Nothing is reported before it is on disk.
class MessageStore : public QThread
{
    Q_OBJECT
public:
    using Committed = std::function<void(bool ok)>;

    MessageStore(QString path, bool fullSync, QObject *parent = nullptr);
    ~MessageStore() override;

    // Opens (creating if needed) the database and reads the last `historySize` messages and the
    // highest id. Blocks until done; false with errorString() on failure.
    bool open(int historySize);
    QString errorString() const { return m_error; }
    qint64 lastMessageId() const { return m_lastId; }
    QList<ChatMsg> recentMessages() const { return m_recent; }
    // The newest stored message older than recentMessages() (0: none).
    qint64 droppedThrough() const { return m_droppedThrough; }

    // Queues `msg`; `committed` runs on the store's thread once its transaction is on disk.
    // Call in id order (the room does, under its lock).
    void append(const ChatMsg &msg, Committed committed);
    // Records durably that ids up to `until` may be in use, and waits until it is on disk. After
    // a restart, ids continue above it: an id seen by clients is never given out again, even
    // one whose message was lost with the process before its commit (and so never acked).
    bool reserveIds(qint64 until);
    qint64 reservedUntil() const { return m_reservedUntil; }
    // Commits what is queued and stops the thread.
    void close();

protected:
    void run() override;

private:
    struct Pending
    {
        ChatMsg msg;
        Committed committed;
        qint64 reserveUntil = 0; // a reservation instead of a message when set
    };
    bool openConnection(int historySize);
    bool commit(const std::vector<Pending> &batch);

    // The store thread's connection and statements.
    std::optional<QSqlDatabase> m_db;
    std::optional<QSqlQuery> m_insert;
    std::optional<QSqlQuery> m_reserve;

    const QString m_path;
    const QString m_connectionName;
    const bool m_fullSync;
    QString m_error;
    qint64 m_lastId = 0;
    qint64 m_reservedUntil = 0;
    qint64 m_droppedThrough = 0;
    QList<ChatMsg> m_recent;
    int m_historySize = 0;

    QMutex m_mutex;
    QWaitCondition m_wake;
    QWaitCondition m_opened;
    std::vector<Pending> m_queue;
    bool m_openDone = false;
    bool m_openOk = false;
    bool m_stopping = false;
};

} // namespace chat::server
