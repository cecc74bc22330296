#pragma once

#include "events.h"

#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <functional>
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

    explicit MessageStore(QString path, QObject *parent = nullptr);
    ~MessageStore() override;

    // Opens (creating if needed) the database and reads the last `historySize` messages and the
    // highest id. Blocks until done; false with errorString() on failure.
    bool open(int historySize);
    QString errorString() const { return m_error; }
    qint64 lastMessageId() const { return m_lastId; }
    QList<ChatMsg> recentMessages() const { return m_recent; }

    // Queues `msg`; `committed` runs on the store's thread once its transaction is on disk.
    // Call in id order (the room does, under its lock).
    void append(const ChatMsg &msg, Committed committed);
    // Commits what is queued and stops the thread.
    void close();

protected:
    void run() override;

private:
    struct Pending
    {
        ChatMsg msg;
        Committed committed;
    };
    bool openConnection(int historySize);
    bool commit(const std::vector<Pending> &batch);

    const QString m_path;
    const QString m_connectionName;
    QString m_error;
    qint64 m_lastId = 0;
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
