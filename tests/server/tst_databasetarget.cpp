// --db and history/database: a SQLite path or a postgresql:// URL (DatabaseTarget), parsed and
// percent-decoded, libpq options passed through, and shown (logs, errors) without the password.
// Needs no PostgreSQL: tst_pgstore connects.
#include "databasetarget.h"

#include <QtTest>

using namespace chat::server;

class DatabaseTargetTest : public QObject
{
    Q_OBJECT
private slots:
    void urlParsing_data();
    void urlParsing();
};

void DatabaseTargetTest::urlParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("postgres");
    // host|port|user|password|database|options, or "error: <part of the message>"
    QTest::addColumn<QString>("parts");
    QTest::addColumn<QString>("shown"); // redacted()
    QTest::newRow("path") << "/var/lib/chat/chat.db" << false << ""
                          << "/var/lib/chat/chat.db";
    QTest::newRow("memory") << ":memory:" << false << ""
                            << ":memory:";
    QTest::newRow("all empty") << "postgresql:///" << true << "|-1||||"
                               << "postgresql:///";
    QTest::newRow("postgres scheme")
        << "postgres://db.example/chat" << true << "db.example|-1|||chat|"
        << "postgresql://db.example/chat";
    QTest::newRow("full") << "postgresql://chat:s3cret@10.0.0.5:6432/history" << true
                          << "10.0.0.5|6432|chat|s3cret|history|"
                          << "postgresql://chat:***@10.0.0.5:6432/history";
    QTest::newRow("percent-decoded")
        << "postgresql://us%40er:p%40ss%3Aw%2Fd@host/d%20b" << true << "host|-1|us@er|p@ss:w/d|d b|"
        << "postgresql://us%40er:***@host/d%20b";
    QTest::newRow("IPv6") << "postgresql://[::1]:5433/chat" << true << "::1|5433|||chat|"
                          << "postgresql://[::1]:5433/chat";
    QTest::newRow("options") << "postgresql://h/db?sslmode=require&connect_timeout=5" << true
                             << "h|-1|||db|sslmode=require;connect_timeout=5"
                             << "postgresql://h/db?sslmode=require&connect_timeout=5";
    QTest::newRow("search path") << "postgresql:///chat?options=-csearch_path%3Dchat" << true
                                 << "|-1|||chat|options=-csearch_path=chat"
                                 << "postgresql:///chat?options=-csearch_path=chat";
    QTest::newRow("password option")
        << "postgresql://h/db?password=hunter2" << true << "error: give the password as"
        << "postgresql://(unparsable URL)";
    QTest::newRow("option with a space")
        << "postgresql://h/db?options=-c%20x%3D1" << true << "error: KEYWORD=VALUE"
        << "postgresql://(unparsable URL)";
    QTest::newRow("bad port") << "postgresql://u:hunter2@h:99999/db" << true
                              << "error: is not a valid PostgreSQL URL"
                              << "postgresql://(unparsable URL)";
    QTest::newRow("two path parts") << "postgresql://h/a/b" << true << "error: one database name"
                                    << "postgresql://(unparsable URL)";
}

void DatabaseTargetTest::urlParsing()
{
    QFETCH(QString, text);
    QFETCH(bool, postgres);
    QFETCH(QString, parts);
    QFETCH(QString, shown);
    QCOMPARE(DatabaseTarget::isUrl(text), postgres);
    QString error;
    const auto target = DatabaseTarget::parse(text, &error);
    QCOMPARE(DatabaseTarget::redacted(text), shown);
    QVERIFY(!shown.contains("hunter2") && !error.contains("hunter2"));
    if (parts.startsWith("error: ")) {
        QVERIFY(!target);
        QVERIFY2(error.contains(parts.mid(7)), qPrintable(error));
        return;
    }
    QVERIFY2(target, qPrintable(error));
    QCOMPARE(target->engine, postgres ? SqlEngine::PostgreSQL : SqlEngine::SQLite);
    if (!postgres) {
        QCOMPARE(target->path, text);
        return;
    }
    QCOMPARE(QStringList({target->host, QString::number(target->port), target->user,
                          target->password, target->database, target->options})
                 .join('|'),
             parts);
}

QTEST_GUILESS_MAIN(DatabaseTargetTest)
#include "tst_databasetarget.moc"
