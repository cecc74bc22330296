#pragma once

#include "databasetarget.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

class QSqlQuery;

// Everything where SQLite and PostgreSQL differ for the store, in one place; the schema
// (storeschema.cpp), the store (messagestore*.cpp) and the tables share every other statement.
// What differs: column types (SQLite's INTEGER is 64-bit and `INTEGER PRIMARY KEY` is the rowid;
// PostgreSQL needs BIGINT and an identity column), where the schema version is kept (SQLite's
// PRAGMA user_version; PostgreSQL's `meta` row 'schema_version'), how a table's columns are
// listed, the session's settings, what runs after a commit that erased a message, and who
// keeps a second server out (SQLite: DatabaseLock, a file; PostgreSQL: an advisory lock).
namespace chat::server {

class SqlDialect
{
public:
    explicit SqlDialect(SqlEngine engine) : m_engine(engine) {}
    // The dialect of an open connection, by its driver (QSQLITE or QPSQL).
    static SqlDialect of(const QSqlDatabase &db);

    SqlEngine engine() const { return m_engine; }
    bool isPostgres() const { return m_engine == SqlEngine::PostgreSQL; }

    // A 64-bit integer column (ids, epoch-ms times).
    QString integer() const;
    // An id the database assigns on insert (bans): SQLite's rowid, PostgreSQL's identity.
    QString generatedId() const;

    // The version the schema says it has (0: none yet), or nothing on error.
    std::optional<int> schemaVersion(QSqlDatabase &db) const;
    QString setSchemaVersion(int version) const; // a statement, run in the migration
    bool hasColumn(QSqlQuery &query, const QString &table, const QString &column) const;
    // Run in the migration's transaction before it reads the version: PostgreSQL serialises
    // the servers that share a database (setShared) on a transaction lock; SQLite's write lock
    // does that already.
    QStringList beginMigration() const;

    // Statements for a new connection of the server. SQLite: WAL, secure_delete, the sync
    // level. PostgreSQL: UTC for the session; synchronous_commit is left on (the server's
    // default), so a commit is durable before its acks whatever `fullSync` says.
    QStringList sessionSetup(bool fullSync) const;
    // After a commit that deleted a message (MessageStore::queueErasure), outside any
    // transaction; empty: nothing. SQLite checkpoints and truncates the WAL (with secure_delete
    // the bytes are gone). PostgreSQL: nothing. A VACUUM of `messages` after one delete took
    // 16-32 ms at 100,000 rows and 96-112 ms at 1,000,000 (index cleanup; measured in
    // docs/security.md), on the store's thread, ahead of every ack, and left the deleted text
    // in the table's file and in the WAL all the same: autovacuum reclaims the space.
    QString afterErasure() const;

    // PostgreSQL: the session-level advisory lock that says "a chat-server serves this
    // database" (SQLite's is DatabaseLock): a single-instance server takes it exclusively, the
    // servers of a cluster (MessageStore::setShared) share it, so that neither kind starts
    // beside the other. True: taken; false with an empty `error`: held by another session.
    static bool tryServerLock(QSqlDatabase &db, bool shared, QString *error);
    // Given back before the connection closes: PostgreSQL frees a session's locks only when its
    // backend has exited, a moment after the client hung up, and a server restarted at once
    // would find the lock still taken.
    static bool releaseServerLock(QSqlDatabase &db, bool shared = false);
    // The advisory lock keys (pg_locks: classid is the high 32 bits, objid the low).
    static constexpr qint64 serverLockKey = 0x6368617473727672;    // "chatsrvr"
    static constexpr qint64 migrationLockKey = 0x636861746d696772; // "chatmigr"

private:
    SqlEngine m_engine;
};

} // namespace chat::server
