#include "testclient.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>

#include <csignal>

// The chat-server executable as an operator runs it: the listening line, signals, exit codes.
class ServerProcessTest : public QObject
{
    Q_OBJECT
private slots:
    void printsListeningLineAndStopsOnSigterm_data();
    void printsListeningLineAndStopsOnSigterm();
    void cannotListenExitsNonZero();
    void badOptionExitsNonZero_data();
    void badOptionExitsNonZero();

private:
    static QString serverPath() { return QStringLiteral(CHAT_SERVER_PATH); }
};

void ServerProcessTest::printsListeningLineAndStopsOnSigterm_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void ServerProcessTest::printsListeningLineAndStopsOnSigterm()
{
    QFETCH(int, signal);
    QProcess server;
    server.setProcessChannelMode(QProcess::SeparateChannels);
    server.start(serverPath(), {"--host", "127.0.0.1", "--port", "0", "--db", ":memory:"});
    QVERIFY(server.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 10'000);
    const QString line = QString::fromUtf8(server.readLine()).trimmed();
    const auto match =
        QRegularExpression("^listening on ws://127\\.0\\.0\\.1:(\\d+)/$").match(line);
    QVERIFY2(match.hasMatch(), qPrintable(line));
    const int port = match.captured(1).toInt();
    QVERIFY(port > 0);

    TestClient alice;
    QVERIFY(alice.open(QUrl(QString("ws://127.0.0.1:%1/").arg(port))));
    QVERIFY(!alice.join("alice").value("key").toString().isEmpty());
    TestClient lurker;
    QVERIFY(lurker.open(QUrl(QString("ws://127.0.0.1:%1/").arg(port))));

    ::kill(pid_t(server.processId()), signal);
    QVERIFY(alice.waitDisconnected(10'000));
    QVERIFY(lurker.waitDisconnected(10'000));
    QCOMPARE(int(alice.socket.closeCode()), 1001);
    QCOMPARE(int(lurker.socket.closeCode()), 1001);
    QTRY_COMPARE_WITH_TIMEOUT(server.state(), QProcess::NotRunning, 10'000);
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
    QVERIFY(server.readAllStandardError().contains("chat.server"));
}

void ServerProcessTest::cannotListenExitsNonZero()
{
    QTcpServer occupier;
    QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
    QProcess server;
    server.start(serverPath(), {"--host", "127.0.0.1", "--port",
                                QString::number(occupier.serverPort()), "--db", ":memory:"});
    QVERIFY(server.waitForFinished(10'000));
    QVERIFY(server.exitCode() != 0);
    const QString error = QString::fromUtf8(server.readAllStandardError());
    QVERIFY2(error.contains("cannot listen"), qPrintable(error));
    QVERIFY(server.readAllStandardOutput().isEmpty());
}

void ServerProcessTest::badOptionExitsNonZero_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("port") << QStringList{"--port", "70000"} << "--port";
    QTest::newRow("host") << QStringList{"--host", "not-an-ip"} << "--host";
    QTest::newRow("rate") << QStringList{"--rate-limit", "fast"} << "--rate-limit";
}

void ServerProcessTest::badOptionExitsNonZero()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    QProcess server;
    server.start(serverPath(), arguments);
    QVERIFY(server.waitForFinished(10'000));
    QVERIFY(server.exitCode() != 0);
    QVERIFY(QString::fromUtf8(server.readAllStandardError()).contains(mentions));
}

QTEST_GUILESS_MAIN(ServerProcessTest)
#include "tst_serverprocess.moc"
