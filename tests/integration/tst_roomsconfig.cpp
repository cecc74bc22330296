// The limits of the feature "rooms" from the configuration file of a real chat-server process:
// each key reaches the server and its rooms clients' join ack; a bad value stops the start.
#include "roomsclient.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace rooms;

class RoomsConfigTest : public QObject
{
    Q_OBJECT
private slots:
    void iniKeysSetTheLimits();
    void iniKeySetsTheCreationBudget();
    void badValuesStopTheStart_data();
    void badValuesStopTheStart();

private:
    static QString writeIni(QTemporaryDir &dir, const QByteArray &content)
    {
        QFile ini(dir.filePath("chat.ini"));
        if (!ini.open(QIODevice::WriteOnly))
            return {};
        ini.write(content);
        return ini.fileName();
    }
};

void RoomsConfigTest::iniKeysSetTheLimits()
{
    QTemporaryDir dir;
    const QString ini = writeIni(dir, "[rooms]\nmax_per_user=2\nmax_rooms=3\nmax_topic_length=4\n"
                                      "[limits]\nrate_limit=off\nrequest_rate=off\n");
    QProcess server;
    server.start(QStringLiteral(CHAT_SERVER_PATH),
                 {"--config", ini, "--host", "127.0.0.1", "--port", "0", "--db", ":memory:"});
    QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 10'000);
    const auto port = QRegularExpression(":(\\d+)/").match(QString::fromUtf8(server.readLine()));
    const QUrl url(QString("ws://127.0.0.1:%1/").arg(port.captured(1)));

    TestClient alice, bob, dave;
    QVERIFY(alice.open(url));
    const QJsonObject limits =
        requestData(alice, "join", joinData("alice"), 1).value("limits").toObject();
    QCOMPARE(limits.value("maxRooms").toInt(), 2);
    QCOMPARE(limits.value("maxTopicLength").toInt(), 4);
    QCOMPARE(errorCode(alice, "enter", QJsonObject{{"room", "a"}, {"topic", "12345"}}, 2),
             "invalid_topic");
    QVERIFY(
        !requestData(alice, "enter", QJsonObject{{"room", "a"}, {"topic", "1234"}}, 3).isEmpty());
    QCOMPARE(errorCode(alice, "enter", QJsonObject{{"room", "b"}}, 4), "too_many_rooms");
    QVERIFY(bob.open(url));
    requestData(bob, "join", joinData("bob"), 1);
    QVERIFY(!requestData(bob, "enter", QJsonObject{{"room", "b"}}, 2).isEmpty());
    QCOMPARE(errorCode(bob, "enter", QJsonObject{{"room", "c"}}, 3), "too_many_rooms");
    // A v1 client's limits say nothing of rooms.
    QVERIFY(dave.open(url));
    QVERIFY(!dave.join("dave").value("limits").toObject().contains("maxRooms"));

    server.terminate();
    QVERIFY(server.waitForFinished(10'000));
    QCOMPARE(server.exitCode(), 0);
}

void RoomsConfigTest::iniKeySetsTheCreationBudget()
{
    QTemporaryDir dir;
    const QString ini = writeIni(dir, "[rooms]\ncreations_per_address_per_day=1\n"
                                      "[limits]\nexempt_addresses=none\n"); // 127.0.0.1 counts
    QProcess server;
    server.start(QStringLiteral(CHAT_SERVER_PATH),
                 {"--config", ini, "--host", "127.0.0.1", "--port", "0", "--db", ":memory:"});
    QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 10'000);
    const auto port = QRegularExpression(":(\\d+)/").match(QString::fromUtf8(server.readLine()));
    const QUrl url(QString("ws://127.0.0.1:%1/").arg(port.captured(1)));

    TestClient alice;
    QVERIFY(alice.open(url));
    requestData(alice, "join", joinData("alice"), 1);
    QVERIFY(!requestData(alice, "enter", QJsonObject{{"room", "a"}}, 2).isEmpty());
    QCOMPARE(errorCode(alice, "enter", QJsonObject{{"room", "b"}}, 3), "too_many_rooms");
    QVERIFY(!requestData(alice, "enter", QJsonObject{{"room", "general"}}, 4).isEmpty());

    server.terminate();
    QVERIFY(server.waitForFinished(10'000));
    QCOMPARE(server.exitCode(), 0);
}

void RoomsConfigTest::badValuesStopTheStart_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("max_per_user=0")
        << QByteArray("[rooms]\nmax_per_user=0\n") << "rooms/max_per_user";
    QTest::newRow("max_rooms=x") << QByteArray("[rooms]\nmax_rooms=x\n") << "rooms/max_rooms";
    QTest::newRow("max_topic_length=-1")
        << QByteArray("[rooms]\nmax_topic_length=-1\n") << "rooms/max_topic_length";
    QTest::newRow("creations_per_address_per_day=-1")
        << QByteArray("[rooms]\ncreations_per_address_per_day=-1\n")
        << "rooms/creations_per_address_per_day";
}

void RoomsConfigTest::badValuesStopTheStart()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, mentions);
    QTemporaryDir dir;
    QProcess server;
    server.start(QStringLiteral(CHAT_SERVER_PATH),
                 {"--config", writeIni(dir, content), "--db", ":memory:"});
    QVERIFY(server.waitForFinished(10'000));
    QCOMPARE(server.exitCode(), 2);
    const QString error = QString::fromUtf8(server.readAllStandardError());
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

QTEST_GUILESS_MAIN(RoomsConfigTest)
#include "tst_roomsconfig.moc"
