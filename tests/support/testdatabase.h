#pragma once

#include "databasetarget.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

// The database a test's server uses, on the engine the run asks for: a SQLite file in a
// temporary directory, or (CHAT_TEST_DATABASE=postgresql://..., which tests/support/
// with-postgres.sh sets for ctest's *_pg runs) a fresh PostgreSQL database on that server,
// made for this object and dropped with it, so that no test case sees another's rows.
// Suites that use it link chat_server_core and Qt6::Sql.
namespace chat::test {

// The PostgreSQL server of this run, or empty: SQLite.
inline QString postgresServer()
{
    const QString url = qEnvironmentVariable("CHAT_TEST_DATABASE");
    return chat::server::DatabaseTarget::isUrl(url) ? url : QString();
}
inline bool onPostgres()
{
    return !postgresServer().isEmpty();
}

class TestDatabase
{
public:
    explicit TestDatabase(const QString &fileName = QStringLiteral("chat.db"))
    {
        if (!onPostgres()) {
            m_location = m_dir.filePath(fileName);
            return;
        }
        static int made = 0;
        m_name =
            QStringLiteral("chat_test_%1_%2").arg(QCoreApplication::applicationPid()).arg(++made);
        if (admin(QStringLiteral("CREATE DATABASE %1").arg(m_name))) {
            m_location = urlFor(m_name);
            return;
        }
        // Loudly: an empty location would be a server without a database.
        qCritical("cannot create the test database %s: %s", qPrintable(m_name),
                  qPrintable(m_error));
        m_location = QStringLiteral("postgresql://test-database-not-created/");
        m_name.clear();
    }
    ~TestDatabase()
    {
        // WITH (FORCE): a connection the test left open must not keep the database.
        if (!m_name.isEmpty())
            admin(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
    }
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    bool isPostgres() const { return m_postgres; }
    // What --db, history/database or MessageStore takes (a PostgreSQL database that could not be
    // made: a URL that fails to connect, errorString() says why).
    QString location() const { return m_location; }
    QString errorString() const { return m_error; }
    // A directory of the test's own (ini files, a SQLite database's file).
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

    // A connection of the test's own (to seed or to check rows), named `connectionName`.
    QSqlDatabase open(const QString &connectionName) const
    {
        const auto target = chat::server::DatabaseTarget::parse(m_location);
        if (!target || chat::server::openDatabase(*target, connectionName))
            return {};
        return QSqlDatabase::database(connectionName, false);
    }

    // `server` (a postgresql:// URL) with its path replaced by the database `name`.
    static QString urlFor(const QString &name, const QString &server = postgresServer())
    {
        const qsizetype authority = server.indexOf(QStringLiteral("://")) + 3;
        qsizetype end = server.indexOf(u'/', authority);
        const qsizetype query = server.indexOf(u'?', authority);
        if (end < 0 || (query >= 0 && query < end))
            end = query < 0 ? server.size() : query;
        return server.left(end) + u'/' + name + (query < 0 ? QString() : server.mid(query));
    }

private:
    bool admin(const QString &statement)
    {
        const QString connection = QStringLiteral("chat-test-admin");
        bool ok = false;
        {
            const auto target = chat::server::DatabaseTarget::parse(postgresServer());
            if (const auto error = chat::server::openDatabase(*target, connection)) {
                m_error = *error;
            } else {
                QSqlQuery query(QSqlDatabase::database(connection, false));
                ok = query.exec(statement);
                if (!ok)
                    m_error = query.lastError().text();
            }
            QSqlDatabase::database(connection, false).close();
        }
        QSqlDatabase::removeDatabase(connection);
        return ok;
    }

    QTemporaryDir m_dir;
    const bool m_postgres = onPostgres();
    QString m_name; // PostgreSQL: the database made for this object
    QString m_location;
    QString m_error;
};

} // namespace chat::test

// In a case that only means something for SQLite (its file, its PRAGMAs, files of old releases).
#define CHAT_SQLITE_ONLY(why)                                                                      \
    do {                                                                                           \
        if (chat::test::onPostgres())                                                              \
            QSKIP("SQLite only: " why);                                                            \
    } while (false)

// In a case that needs PostgreSQL. Under ctest it always runs (the *_pg tests go through
// with-postgres.sh); run by hand without it, it says how to run it.
#define CHAT_POSTGRES_ONLY()                                                                       \
    do {                                                                                           \
        if (!chat::test::onPostgres())                                                             \
            QSKIP("needs PostgreSQL: ctest runs this under tests/support/with-postgres.sh; by "    \
                  "hand: tests/support/with-postgres.sh <this test>, or set "                      \
                  "CHAT_TEST_DATABASE=postgresql://USER:PASSWORD@HOST:PORT/DBNAME");               \
    } while (false)
