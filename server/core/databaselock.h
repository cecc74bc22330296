#pragma once

#include <QString>

namespace chat::server {

// Says "a chat-server serves this database": an exclusive advisory lock (flock(2)) on the file
// "<database>.lock" beside it, held by the serving process for its life. The kernel drops it
// when the process ends, however it ends (no stale lock after a kill -9 or a power loss).
//
// What it guards against (SQLite itself makes concurrent transactions from several processes
// safe on a local file system):
// - two servers on one file: each would hand out message ids from its own counter;
// - a schema change (migration) under a running server that expects the old schema. The
//   operator's command line (`chat-server account`) takes the lock only to learn whether a
//   server runs: it then works beside a server of its own schema (SQLite's locking orders the
//   writes; the server reads accounts at each login) and refuses one of another schema.
// It is advisory: a program that does not ask (the sqlite3 shell) is not stopped.
class DatabaseLock
{
public:
    enum class State
    {
        Unlocked,      // not asked yet, or released
        Held,          // this object holds it
        HeldElsewhere, // another process (or another object here) holds it
        Failed,        // the lock file cannot be opened (errorString())
    };

    explicit DatabaseLock(QString databasePath);
    ~DatabaseLock(); // releases
    DatabaseLock(const DatabaseLock &) = delete;
    DatabaseLock &operator=(const DatabaseLock &) = delete;

    // Takes the lock if it is free, without waiting.
    State tryLock();
    void unlock();
    State state() const { return m_state; }
    QString errorString() const { return m_error; }
    QString lockFilePath() const { return m_lockPath; }

    static QString lockFilePathFor(const QString &databasePath);

private:
    const QString m_lockPath;
    int m_fd = -1;
    State m_state = State::Unlocked;
    QString m_error;
};

} // namespace chat::server
