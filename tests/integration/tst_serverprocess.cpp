#include "rawclient.h"
#include "testclient.h"

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>

#include <csignal>

// The chat-server executable as an operator runs it: the listening line, signals, exit codes.
class ServerProcessTest : public QObject
{
    Q_OBJECT
private slots:
    void printsListeningLineAndStopsOnSigterm_data();
    void printsListeningLineAndStopsOnSigterm();
    void sigtermAtTheListeningLineExitsZero();
    void secondSigtermWhileClosingExitsZero();
    void cannotListenExitsNonZero();
    void badOptionExitsNonZero_data();
    void badOptionExitsNonZero();
    void configFileIsAppliedAndOverridden();
    void badConfigFileNamesTheKey_data();
    void badConfigFileNamesTheKey();
    void sampleConfigIsValid();
    void sighupReloadsTheConfigFile();

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

void ServerProcessTest::sigtermAtTheListeningLineExitsZero()
{
    // A supervisor may stop the server the moment it reads the line: by then the signals must
    // be handled (a default SIGTERM would kill it with status 143). scripts/stress-exit.sh runs
    // the same check 200 times.
    for (int run = 1; run <= 20; ++run) {
        QProcess server;
        server.start(serverPath(), {"--host", "127.0.0.1", "--port", "0", "--db", ":memory:"});
        QVERIFY(server.waitForStarted());
        while (!server.canReadLine())
            QVERIFY2(server.waitForReadyRead(10'000), qPrintable(server.readAllStandardError()));
        QVERIFY(server.readLine().startsWith("listening on "));
        server.terminate();
        QVERIFY(server.waitForFinished(10'000));
        const QByteArray why =
            "run " + QByteArray::number(run) + ": " + server.readAllStandardError();
        QVERIFY2(server.exitStatus() == QProcess::NormalExit, why.constData());
        QVERIFY2(server.exitCode() == 0, why.constData());
    }
}

void ServerProcessTest::secondSigtermWhileClosingExitsZero()
{
    // Two workers. One holds a client that has stopped reading with a backlog queued for it, so
    // its close frame cannot go out and its worker's drain waits out the grace period; the
    // other worker has drained at once. A second SIGTERM then (an impatient operator, a
    // supervisor that repeats itself) must not stall the shutdown.
    QProcess server;
    server.start(serverPath(), {"--host", "127.0.0.1", "--port", "0", "--db", ":memory:",
                                "--workers", "2", "--rate-limit", "off", "--request-rate", "off"});
    QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 10'000);
    const auto match = QRegularExpression(":(\\d+)/").match(QString::fromUtf8(server.readLine()));
    const quint16 port = quint16(match.captured(1).toUInt());
    RawClient stalled;
    QVERIFY(stalled.handshake(port));
    stalled.sendText(R"({"event":"join","id":1,"data":{"name":"stalled"}})");
    QVERIFY(stalled.socket.waitForReadyRead(10'000));
    stalled.socket.setReadBufferSize(1); // reads no more: what the server sends piles up
    TestClient talker;
    QVERIFY(talker.open(QUrl(QString("ws://127.0.0.1:%1/").arg(port))));
    QCOMPARE(talker.join("talker").value("users").toArray().size(), 2);
    // 4.4 MB for the stalled client: more than the kernel's send buffer takes (4 MiB at most
    // with Linux's default net.ipv4.tcp_wmem), the rest (under the 1 MiB send cap) queued in
    // the server, where it holds the close frame back.
    const int messages = 1100;
    for (int id = 2; id < 2 + messages; ++id)
        talker.send("message", QJsonObject{{"text", QString(4000, 'x')}}, id);
    QTRY_COMPARE_WITH_TIMEOUT(talker.receivedCount, messages + 1, 10'000);

    server.terminate();
    QByteArray log;
    QTRY_VERIFY2_WITH_TIMEOUT((log += server.readAllStandardError()).contains("received"),
                              log.constData(), 10'000);
    QVERIFY(talker.waitDisconnected(10'000)); // its worker has drained
    // The stalled client's worker has not (else the kernel took it all: see `messages`).
    QVERIFY2(server.state() == QProcess::Running,
             QByteArray(log + server.readAllStandardError()).constData());
    server.terminate();
    QVERIFY2(server.waitForFinished(10'000), "the server hangs after a second SIGTERM");
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
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

void ServerProcessTest::configFileIsAppliedAndOverridden()
{
    QTemporaryDir dir;
    QFile ini(dir.filePath("chat.ini"));
    QVERIFY(ini.open(QIODevice::WriteOnly));
    ini.write("[server]\nhost=127.0.0.1\nport=1\n[limits]\nmax_text_bytes=10\n"
              "[history]\ndatabase=:memory:\n");
    ini.close();
    QProcess server;
    // --port on the command line wins over the file's port.
    server.start(serverPath(), {"--config", ini.fileName(), "--port", "0"});
    QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 10'000);
    const auto match = QRegularExpression("^listening on ws://127\\.0\\.0\\.1:(\\d+)/")
                           .match(QString::fromUtf8(server.readLine()));
    QVERIFY(match.hasMatch());
    TestClient client;
    QVERIFY(client.open(QUrl(QString("ws://127.0.0.1:%1/").arg(match.captured(1)))));
    QCOMPARE(client.join("alice").value("limits")["maxTextBytes"].toInt(), 10);
    client.send("message", QJsonObject{{"text", "eleven char"}}, 2);
    QCOMPARE(client.next().value("error")["code"].toString(), "too_long");
    server.terminate();
    QVERIFY(server.waitForFinished(10'000));
}

void ServerProcessTest::badConfigFileNamesTheKey_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("port") << QByteArray("[server]\nport=seventy\n") << "server/port";
    QTest::newRow("rate") << QByteArray("[limits]\nrate_limit=fast\n") << "limits/rate_limit";
    QTest::newRow("unknown key") << QByteArray("[limits]\nmax_txt_bytes=5\n")
                                 << "unknown key 'limits/max_txt_bytes'";
    QTest::newRow("sync") << QByteArray("[history]\nsync=sometimes\n") << "history/sync";
    QTest::newRow("idle") << QByteArray("[keepalive]\nping_interval_s=30\nidle_timeout_s=10\n")
                          << "keepalive/idle_timeout_s";
    QTest::newRow("grace") << QByteArray("[session]\nresume_grace_s=-1\n")
                           << "session/resume_grace_s";
    QTest::newRow("deletions kept") << QByteArray("[session]\ndeletions_kept_for_resume=-1\n")
                                    << "session/deletions_kept_for_resume";
    QTest::newRow("typing") << QByteArray("[session]\ntyping_interval_ms=soon\n")
                            << "session/typing_interval_ms";
    QTest::newRow("location interval")
        << QByteArray("[location]\nmin_interval_ms=-1\n") << "location/min_interval_ms";
    QTest::newRow("location enabled")
        << QByteArray("[location]\nenabled=maybe\n") << "location/enabled";
    QTest::newRow("hash concurrency")
        << QByteArray("[accounts]\nhash_concurrency=0\n") << "accounts/hash_concurrency";
    QTest::newRow("hash queue") << QByteArray("[accounts]\nhash_queue=-1\n")
                                << "accounts/hash_queue";
    QTest::newRow("request burst below a frame's cost")
        << QByteArray("[limits]\nmax_message_bytes=1048576\nrequest_rate=60:30\n")
        << "limits/request_rate";
}

void ServerProcessTest::badConfigFileNamesTheKey()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, mentions);
    QTemporaryDir dir;
    QFile ini(dir.filePath("bad.ini"));
    QVERIFY(ini.open(QIODevice::WriteOnly));
    ini.write(content);
    ini.close();
    QProcess server;
    server.start(serverPath(), {"--config", ini.fileName(), "--db", ":memory:"});
    QVERIFY(server.waitForFinished(10'000));
    QCOMPARE(server.exitCode(), 2);
    const QString error = QString::fromUtf8(server.readAllStandardError());
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

void ServerProcessTest::sampleConfigIsValid()
{
    // The shipped sample, with a free port and no database file: it must start as it is.
    QProcess server;
    server.start(serverPath(), {"--config", QStringLiteral(SAMPLE_CONFIG_PATH), "--port", "0",
                                "--host", "127.0.0.1", "--db", ":memory:"});
    QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 10'000);
    QVERIFY(server.readLine().startsWith("listening on"));
    server.terminate();
    QVERIFY(server.waitForFinished(10'000));
    QCOMPARE(server.exitCode(), 0);
}

void ServerProcessTest::sighupReloadsTheConfigFile()
{
    QTemporaryDir dir;
    QFile ini(dir.filePath("chat.ini"));
    QVERIFY(ini.open(QIODevice::WriteOnly));
    ini.write("[limits]\nmax_text_bytes=10\n");
    ini.close();
    QProcess server;
    server.start(serverPath(), {"--config", ini.fileName(), "--host", "127.0.0.1", "--port", "0",
                                "--db", ":memory:"});
    QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 10'000);
    const auto match = QRegularExpression(":(\\d+)/").match(QString::fromUtf8(server.readLine()));
    TestClient client;
    QVERIFY(client.open(QUrl(QString("ws://127.0.0.1:%1/").arg(match.captured(1)))));
    client.join("alice");
    client.send("message", QJsonObject{{"text", "fifteen chars!!"}}, 2);
    QCOMPARE(client.next().value("error")["code"].toString(), "too_long");

    QVERIFY(ini.open(QIODevice::WriteOnly | QIODevice::Truncate));
    ini.write("[limits]\nmax_text_bytes=100\n[server]\nworkers=3\n");
    ini.close();
    ::kill(pid_t(server.processId()), SIGHUP);
    QByteArray log;
    QTRY_VERIFY2_WITH_TIMEOUT((log += server.readAllStandardError()).contains("reloaded"),
                              log.constData(), 10'000);
    // The new worker count waits for a restart, and the log says so by its key.
    QVERIFY2(log.contains("not applied until a restart: server/workers"), log.constData());
    client.send("message", QJsonObject{{"text", "fifteen chars!!"}}, 3);
    QVERIFY(!client.next().contains("error"));
    QCOMPARE(server.state(), QProcess::Running);
    server.terminate();
    QVERIFY(server.waitForFinished(10'000));
    QCOMPARE(server.exitCode(), 0);
}

QTEST_GUILESS_MAIN(ServerProcessTest)
#include "tst_serverprocess.moc"
