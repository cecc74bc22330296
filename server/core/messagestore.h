#pragma once

#include "chatroom.h"
#include "databasetarget.h"
#include "events.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>
#include <QWaitCondition>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace chat::server {

class DatabaseLock;

// Durable chat history in SQLite (Qt SQL, QSQLITE) or PostgreSQL (QPSQL; DatabaseTarget): the
// messages of every room, the private ones, and the rooms with their topics (schema:
// storeschema.h). One thread owns the connection and commits whatever has queued meanwhile in
// one transaction (group commit; SQLite: WAL, synchronous=FULL; PostgreSQL: synchronous_commit
// on), then reports each write as committed, in order. Nothing is reported before it is on
// disk. Reads (`history` pages) queue behind the writes before them. A serving store holds the
// database's lock (SQLite: DatabaseLock; PostgreSQL: an advisory lock on its connection): a
// second server on the same database refuses to start.
class ServerMetrics;

// A stored message as readSince gives it: a room's (roomKey set) or a private one.
struct SinceMessage
{
    qint64 id = 0;
    QString key; // the author's user key
    QString sender;
    QString text;
    qint64 ts = 0;         // ms since the epoch
    QString roomKey;       // empty for a private message
    QString recipientKey;  // a private message's
    QString authorAccount; // empty: a guest
    QString recipientAccount;
};

class MessageStore : public QThread
{
    Q_OBJECT
public:
    using Committed = std::function<void(bool ok)>;
    // A page of a room's history, oldest first; `more`: older messages exist.
    using PageRead = std::function<void(bool ok, const QList<ChatMsg> &messages, bool more)>;

    using SinceRead = std::function<void(bool ok, const QList<SinceMessage> &messages)>;

    using StoredRoom = ChatRoomRecord;
    // Work on the store's connection, for the owners of other tables (AccountStore).
    using Work = std::function<bool(QSqlDatabase &db)>;

    // `location`: a SQLite file (or ":memory:") or a postgresql:// URL (DatabaseTarget).
    // `fullSync`: SQLite's synchronous=FULL (else NORMAL); PostgreSQL commits durably either way.
    MessageStore(QString location, bool fullSync, QObject *parent = nullptr);
    ~MessageStore() override;

    // PostgreSQL: several servers share the database (a cluster, whose ids another service
    // coordinates): open() shares the advisory lock instead of taking it alone, so shared
    // servers start beside each other, not beside a single-instance one. Call before open().
    void setShared(bool shared) { m_shared = shared; }

    // Opens (creating or migrating if needed) the database and reads the rooms with their last
    // `historySize` messages and the highest id. Blocks until done; false with errorString() on
    // failure.
    bool open(int historySize);
    QString errorString() const { return m_error; }
    // Where each transaction's commit time and failures are counted (/metrics, /healthz). Set
    // before the first write.
    void setMetrics(ServerMetrics *metrics) { m_metrics = metrics; }
    qint64 lastMessageId() const { return m_lastId; }
    const std::vector<StoredRoom> &rooms() const { return m_rooms; }

    // Queues a room's message (`roomKey`: the room's case-folded name); `committed` runs on the
    // store's thread once its transaction is on disk. Call in id order (the registry does,
    // under its lock). `authorAccount`, `recipientAccount`: the account keys of the author and
    // of a private message's recipient when logged in to a registered account; empty: a guest
    // (stored as NULL).
    void append(const ChatMsg &msg, const QString &roomKey, const QString &authorAccount,
                Committed committed);
    void appendPrivate(const PrivateMsg &msg, const QString &authorAccount,
                       const QString &recipientAccount, Committed committed);
    // Creates a room or sets its topic.
    void saveRoom(const QString &roomKey, const QString &name, const QString &topic,
                  Committed committed);
    // Reads a page of a room's messages: the newest `limit` below `before` (absent: all).
    void readPage(const QString &roomKey, std::optional<qint64> before, int limit, PageRead read);
    // Every stored message (room and private) with an id above `afterId`, oldest first, at most
    // `limit`; queued like readPage.
    void readSince(qint64 afterId, int limit, SinceRead read);
    // Records durably that ids up to `until` may be in use, and waits until it is on disk. After
    // a restart, ids continue above it: an id seen by clients is never given out again, even
    // one whose message was lost with the process before its commit (and so never acked). The
    // stored mark only rises (servers sharing a database may call this in any order).
    bool reserveIds(qint64 until);
    // `write` runs in the next group commit, in a savepoint of its own: when it returns false (a
    // database error) it is undone alone, the batch's messages are not. `committed` runs after
    // the commit, false when `write` failed or the commit did.
    void queueWrite(Work write, Committed committed);
    // The same for a write that removes what must not stay on disk (a deleted message): after
    // its commit the write-ahead log is checkpointed and truncated, so that with secure_delete
    // (set at open) the removed bytes are zeroed in the database file and gone from the log.
    // PostgreSQL keeps the dead row's bytes until the page is reused (SqlDialect::afterErasure;
    // docs/security.md).
    void queueErasure(Work write, Committed committed);
    // `read` runs (its result ignored) once the writes queued before it are committed.
    void queueRead(Work read);
    qint64 reservedUntil() const { return m_reservedUntil; }
    // Commits what is queued and stops the thread.
    void close();

protected:
    void run() override;

private:
    enum class Kind
    {
        Message,
        Private,
        Room,
        Reserve,
        Page,
        Since,
        Write, // work: queueWrite
        Read,  // work: queueRead
    };
    struct Pending
    {
        Kind kind = Kind::Message;
        ChatMsg msg;
        QString room;             // Message, Room, Page: the room's key
        QString text1;            // Private: recipient; Room: name
        QString text2;            // Room: topic
        QString authorAccount;    // Message, Private: empty for a guest
        QString recipientAccount; // Private: likewise
        qint64 number = 0;        // Reserve: until; Page: before; Since: after
        int limit = 0;
        Committed committed;
        PageRead read;
        SinceRead since;
        Work work;
        bool failed = false;  // Write: its work was undone, the batch went on
        bool erasure = false; // Write: queueErasure
    };
    void enqueue(Pending pending);
    bool openConnection(int historySize);
    bool lockAndConfigure(QSqlDatabase &db);
    bool prepareStatements(QSqlDatabase &db);
    bool loadRooms(int historySize);
    bool commit(std::vector<Pending> &batch);
    bool write(Pending &pending);
    bool writeInSavepoint(Pending &pending);
    void read(const Pending &pending);
    void readSince(const Pending &pending);
    void eraseAfterCommit();

    // The store thread's connection and statements.
    std::optional<QSqlDatabase> m_db;
    std::optional<QSqlQuery> m_insert;
    std::optional<QSqlQuery> m_reserve;
    std::optional<QSqlQuery> m_saveRoom;
    std::optional<QSqlQuery> m_page;
    std::optional<QSqlQuery> m_since;
    std::unique_ptr<DatabaseLock> m_lock; // SQLite's

    const QString m_path; // as given: may hold a password (show m_target's displayName())
    DatabaseTarget m_target;
    bool m_shared = false;
    bool m_holdsServerLock = false; // PostgreSQL's advisory lock, taken by this store's thread
    const QString m_connectionName;
    const bool m_fullSync;
    QString m_error;
    qint64 m_lastId = 0;
    qint64 m_reservedUntil = 0;
    std::vector<StoredRoom> m_rooms;
    int m_historySize = 0;

    QMutex m_mutex;
    QWaitCondition m_wake;
    QWaitCondition m_opened;
    std::vector<Pending> m_queue;
    bool m_openDone = false;
    bool m_openOk = false;
    bool m_stopping = false;
    ServerMetrics *m_metrics = nullptr;
};

} // namespace chat::server
