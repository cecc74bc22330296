#include "serverfixture.h"
#include "testclient.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <csignal>

// Durable history: what was acknowledged survives a restart and a SIGKILL; ids never repeat. On
// SQLite, and on PostgreSQL in tst_durability_pg (a chat-server process on postgresql:///...).
class DurabilityTest : public QObject
{
    Q_OBJECT
private slots:
    void restartKeepsHistoryAndIds();
    void killNineLosesNothingAcknowledged();
    void unusableDatabaseStopsTheStart();

private:
    static int startProcess(QProcess &server, const QString &db);
};

void DurabilityTest::restartKeepsHistoryAndIds()
{
    chat::test::TestDatabase database;
    chat::server::ServerConfig config;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0}; // a scripted client; the budget is tst_hostile's subject
    config.databasePath = database.location();

    QList<qint64> ids;
    {
        auto server = startServer(config);
        QVERIFY(server);
        TestClient alice;
        QVERIFY(alice.open(serverUrl(*server)));
        alice.join("alice");
        for (int i = 1; i <= 5; ++i) {
            alice.send("message", QJsonObject{{"text", QString("m%1").arg(i)}}, i + 1);
            ids << alice.next().value("data")["id"].toInteger();
        }
    }
    auto server = startServer(config);
    QVERIFY(server);
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*server)));
    const QJsonArray history = bob.join("bob").value("history").toArray();
    QCOMPARE(history.size(), 5);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(history[i]["id"].toInteger(), ids[i]);
        QCOMPARE(history[i]["message"].toString(), QString("m%1").arg(i + 1));
        QCOMPARE(history[i]["sender"].toString(), "alice");
    }
    bob.send("message", QJsonObject{{"text", "after the restart"}}, 2);
    QVERIFY(bob.next().value("data")["id"].toInteger() > ids.last());
}

int DurabilityTest::startProcess(QProcess &server, const QString &db)
{
    server.start(QStringLiteral(CHAT_SERVER_PATH),
                 {"--host", "127.0.0.1", "--port", "0", "--rate-limit", "off", "--request-rate",
                  "off", "--db", db});
    if (!server.waitForStarted() || !QTest::qWaitFor([&] { return server.canReadLine(); }, 10'000))
        return 0;
    const auto match = QRegularExpression(":(\\d+)/").match(QString::fromUtf8(server.readLine()));
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

void DurabilityTest::killNineLosesNothingAcknowledged()
{
    chat::test::TestDatabase database;
    const QString db = database.location();
    QProcess server;
    const int port = startProcess(server, db);
    QVERIFY(port > 0);

    TestClient alice;
    QVERIFY(alice.open(QUrl(QString("ws://127.0.0.1:%1/").arg(port))));
    alice.join("alice");
    // A burst of 20,000 messages without waiting; SIGKILL in the middle of it: at the 300th
    // answer, from the handler that counts it (polling for it let a fast server finish the whole
    // burst between two polls on a busy machine, and the test then proved nothing).
    const auto pid = pid_t(server.processId());
    QObject::connect(&alice.socket, &QWebSocket::textMessageReceived, &alice.socket, [&] {
        if (alice.receivedCount == 300)
            ::kill(pid, SIGKILL);
    });
    for (int i = 1; i <= 20000; ++i)
        alice.send("message", QJsonObject{{"text", QString("burst %1").arg(i)}}, i + 1);
    QTRY_VERIFY_WITH_TIMEOUT(alice.receivedCount >= 300, 20000);
    // (It may have been reaped already while the answers were read.)
    QVERIFY(server.state() == QProcess::NotRunning || server.waitForFinished(10'000));
    QCOMPARE(server.exitStatus(), QProcess::CrashExit);
    QVERIFY(alice.waitDisconnected());

    QSet<qint64> acked;
    for (const QJsonObject &frame : alice.received) {
        if (frame.value("event").toString() == "ack" && frame.contains("data"))
            acked.insert(frame.value("data")["id"].toInteger());
    }
    qInfo() << acked.size() << "of 20000 acknowledged before SIGKILL";
    QVERIFY2(acked.size() >= 300, qPrintable(QString::number(acked.size())));
    QVERIFY2(acked.size() < 20000, "the kill came too late to prove anything");

    qint64 maxAcked = 0;
    {
        QSqlDatabase check = database.open("check");
        QVERIFY(check.isOpen());
        QSet<qint64> stored;
        QSqlQuery query("SELECT id FROM messages", check);
        while (query.next())
            stored.insert(query.value(0).toLongLong());
        for (qint64 id : std::as_const(acked)) {
            QVERIFY2(stored.contains(id), qPrintable(QString("acked id %1 was lost").arg(id)));
            maxAcked = qMax(maxAcked, id);
        }
        check.close();
    }
    QSqlDatabase::removeDatabase("check");

    // Restarted on the same database: the history ends at or after the last ack, ids go on.
    QProcess again;
    const int port2 = startProcess(again, db);
    QVERIFY(port2 > 0);
    TestClient bob;
    QVERIFY(bob.open(QUrl(QString("ws://127.0.0.1:%1/").arg(port2))));
    const QJsonArray history = bob.join("bob").value("history").toArray();
    QCOMPARE(history.size(), 100);
    QVERIFY(history.last()["id"].toInteger() >= maxAcked);
    bob.send("message", QJsonObject{{"text", "new"}}, 2);
    QVERIFY(bob.next().value("data")["id"].toInteger() > history.last()["id"].toInteger());
    again.terminate();
    QVERIFY(again.waitForFinished(10'000));
}

void DurabilityTest::unusableDatabaseStopsTheStart()
{
    QTemporaryDir dir;
    QFile blocker(dir.filePath("not-a-dir"));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    // PostgreSQL: a database that does not exist (the server does not create databases).
    const QString unusable = chat::test::onPostgres()
                                 ? chat::test::TestDatabase::urlFor("no_such_chat_database")
                                 : dir.filePath("not-a-dir/chat.db");
    QProcess server;
    server.start(QStringLiteral(CHAT_SERVER_PATH), {"--port", "0", "--db", unusable});
    QVERIFY(server.waitForFinished(10'000));
    QVERIFY(server.exitCode() != 0);
    const QString error = QString::fromUtf8(server.readAllStandardError());
    QVERIFY2(error.contains("history database"), qPrintable(error));
}

QTEST_GUILESS_MAIN(DurabilityTest)
#include "tst_durability.moc"
