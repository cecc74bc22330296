// Per-connection budgets in tst_hostile: control frames, the send cap on everything, the join
// deadline, the request budget, the JSON pre-scan and fragments per message.
#include "hostile.h"
#include "rawclient.h"
#include "serverfixture.h"
#include "testclient.h"

using chat::server::ServerConfig;

namespace {
const QHostAddress attacker(QStringLiteral("127.0.0.2"));
const QByteArray joinFrame(const QByteArray &name)
{
    return R"({"event":"join","id":1,"data":{"name":")" + name + R"("}})";
}
} // namespace

class HostileBudgetTest : public QObject
{
    Q_OBJECT
private slots:
    void pingFloodIsClosedNotAnswered();
    void pingsSentWithTheUpgradeAreCounted();
    void sendCapCoversPongs();
    void joinDeadline();
    void joinDeadlineShortenedByAReload();
    void requestBudgetAnswersThenCloses();
    void requestBudgetSparesAPerson();
    void requestCostCountsSize();
    void preScanRefusesManyKeysAndDeepNesting();
    void fragmentsPerMessageBounded();
};

void HostileBudgetTest::pingFloodIsClosedNotAnswered()
{
    auto server = startServer();
    TestClient bystander;
    QVERIFY(bystander.open(serverUrl(*server)));
    bystander.join("bystander");
    RawClient flood;
    QVERIFY(flood.handshake(server->port(), nullptr, attacker));
    // A client pings a few times a minute; 2,000 pings at once are a flood.
    const QByteArray payload(125, 'p');
    for (int i = 0; i < 2000; ++i)
        flood.sendFrame(0x9, payload);
    QCOMPARE(flood.closeCode(), 1008);
    int pongs = 0;
    for (const auto &frame : flood.readFrames())
        pongs += frame.opcode == 0xA;
    QVERIFY2(pongs <= ServerConfig().controlFrameRate.burst + 2,
             qPrintable(QString::number(pongs)));
    QTRY_COMPARE(server->openConnections(), 1);
    bystander.send("message", QJsonObject{{"text", "still here"}}, 2);
    QCOMPARE(bystander.next().value("id").toInteger(), 2);
}

void HostileBudgetTest::pingsSentWithTheUpgradeAreCounted()
{
    // The upgrade request and 2,000 pings in one write: QWebSocket processes what arrived with
    // the handshake before the connection's budgets exist, so the server reads no more than a
    // request head and a little until they do.
    auto server = startServer();
    RawClient flood;
    QVERIFY(flood.socket.bind(attacker));
    flood.socket.connectToHost(QHostAddress::LocalHost, server->port());
    QVERIFY(flood.socket.waitForConnected(5000));
    QByteArray burst = RawClient::upgradeRequest();
    for (int i = 0; i < 2000; ++i)
        burst += RawClient::frameBytes(0x9, QByteArray(125, 'p'));
    flood.socket.write(burst);
    flood.socket.flush();
    QByteArray all;
    int pongs = 0;
    QTRY_VERIFY_WITH_TIMEOUT(flood.socket.state() == QAbstractSocket::UnconnectedState, 10'000);
    all = flood.socket.readAll();
    // What came back: the 101 response, some pongs, the close. Count the pongs' headers.
    for (qsizetype at = all.indexOf("\r\n\r\n") + 4; at >= 4 && at + 1 < all.size();) {
        const int opcode = quint8(all[at]) & 0x0f;
        const int length = quint8(all[at + 1]) & 0x7f; // pongs and closes are short
        pongs += opcode == 0xA;
        at += 2 + length;
    }
    QVERIFY2(pongs <= 250, qPrintable(QString::number(pongs)));
}

void HostileBudgetTest::sendCapCoversPongs()
{
    // Pings within their budget, but never reading the pongs: what QWebSocket writes by itself
    // counts against the send cap like anything else (an unjoined connection too).
    ServerConfig config;
    config.controlFrameRate = {0, 0};
    config.maxSendBufferBytes = 64 * 1024;
    auto server = startServer(config);
    RawClient stalled;
    stalled.socket.setReadBufferSize(1);
    stalled.socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    QVERIFY(stalled.handshake(server->port(), nullptr, attacker));
    const QByteArray payload(125, 'p');
    // Far more pong bytes than the kernel's buffers and the cap hold.
    for (int i = 0; i < 40'000 && stalled.socket.state() == QAbstractSocket::ConnectedState; ++i)
        stalled.sendFrame(0x9, payload);
    QTRY_COMPARE_WITH_TIMEOUT(server->openConnections(), 0, 10'000);
}

void HostileBudgetTest::joinDeadline()
{
    ServerConfig config;
    config.joinTimeoutMs = 300;
    auto server = startServer(config);
    TestClient joined;
    QVERIFY(joined.open(serverUrl(*server)));
    joined.join("joined");
    RawClient idle;
    QVERIFY(idle.handshake(server->port(), nullptr, attacker));
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(idle.closeCode(3000), 1008);
    QVERIFY(timer.elapsed() < 2500);
    QTRY_COMPARE(server->openConnections(), 1);
    QVERIFY(!joined.disconnected); // joined in time, long before the deadline: stays
}

void HostileBudgetTest::joinDeadlineShortenedByAReload()
{
    // The worker keeps every connection's deadline in one queue: a connection that comes after
    // a reload shortened the deadline is closed first, the one before keeps its own.
    ServerConfig config;
    config.joinTimeoutMs = 60'000;
    auto server = startServer(config);
    RawClient before;
    QVERIFY(before.handshake(server->port(), nullptr, attacker));
    QTRY_COMPARE(server->connectionCount(), 1);
    config.joinTimeoutMs = 300;
    QVERIFY(server->reload(config));
    RawClient after;
    QVERIFY(after.handshake(server->port(), nullptr, attacker));
    QCOMPARE(after.closeCode(3000), 1008);
    QCOMPARE(before.socket.state(), QAbstractSocket::ConnectedState);
    QTRY_COMPARE(server->openConnections(), 1);
}

void HostileBudgetTest::requestBudgetAnswersThenCloses()
{
    auto server = startServer();
    TestClient bystander, script;
    QVERIFY(bystander.open(serverUrl(*server)) && script.open(serverUrl(*server)));
    bystander.join("bystander");
    script.join("script");
    // Pipelined typing events, as fast as it can: far more than a few dozen a second.
    for (int i = 2; i < 2000; ++i)
        script.send("typing", QJsonValue(), i);
    QVERIFY(script.waitDisconnected(5000));
    QCOMPARE(int(script.socket.closeCode()), 1008);
    bool limited = false;
    for (const QJsonObject &answer : script.received)
        limited |= answer.value("error")["code"].toString() == "rate_limited" ||
                   answer.value("data")["code"].toString() == "rate_limited";
    QVERIFY(limited);
    QVERIFY(script.received.size() < 200); // answered within its budget, then refused, closed
    bystander.send("message", QJsonObject{{"text", "fine"}}, 9);
    QJsonObject ack;
    do {
        ack = bystander.next();
    } while (!ack.isEmpty() && ack.value("event").toString() != "ack");
    QCOMPARE(ack.value("id").toInteger(), 9);
}

void HostileBudgetTest::requestBudgetSparesAPerson()
{
    // A fast typist at the message rate's limit: a message every 200 ms and a typing hint with
    // each, for 3 s; never refused.
    auto server = startServer();
    TestClient person;
    QVERIFY(person.open(serverUrl(*server)));
    person.join("person");
    for (int i = 0; i < 15; ++i) {
        person.send("typing", QJsonValue(), 1000 + i);
        QVERIFY(!person.next().contains("error"));
        person.send("message", QJsonObject{{"text", QString(3000, 'a')}}, 2000 + i);
        QVERIFY(!person.next().contains("error"));
        QTest::qWait(200); // the pace of the person this test plays
    }
    QVERIFY(!person.disconnected);
}

void HostileBudgetTest::requestCostCountsSize()
{
    // Six frames of 50 KB cost more than the burst (13 units each); six small ones do not.
    auto server = startServer();
    TestClient big, small;
    QVERIFY(big.open(serverUrl(*server)) && small.open(serverUrl(*server)));
    const QString padding(50'000, 'x');
    for (int i = 1; i <= 6; ++i) {
        big.send(QJsonObject{{"event", "nothing"}, {"id", i}, {"pad", padding}});
        small.send(QJsonObject{{"event", "nothing"}, {"id", i}});
    }
    // (A large frame over the budget is not parsed for its id: its answer is an error event.)
    const auto code = [](const QJsonObject &answer) {
        return answer.contains("error") ? answer.value("error")["code"].toString()
                                        : answer.value("data")["code"].toString();
    };
    QStringList bigCodes, smallCodes;
    for (int i = 0; i < 6; ++i) {
        bigCodes << code(big.next());
        smallCodes << code(small.next());
    }
    QCOMPARE(smallCodes, QStringList(6, "unknown_event"));
    QCOMPARE(bigCodes.last(), "rate_limited");
}

void HostileBudgetTest::preScanRefusesManyKeysAndDeepNesting()
{
    auto server = startServer();
    TestClient client;
    QVERIFY(client.open(serverUrl(*server)));
    QByteArray manyKeys = "{\"event\":\"join\",\"data\":{\"name\":\"keys\"}";
    for (int i = 0; i < 300; ++i)
        manyKeys += ",\"k" + QByteArray::number(i) + "\":0";
    client.sendRaw(QString::fromUtf8(manyKeys + "}"));
    QCOMPARE(client.next().value("data")["code"].toString(), "bad_request");
    const QByteArray deep = QByteArray(20, '[') + QByteArray(20, ']');
    client.sendRaw(
        QString::fromUtf8(R"({"event":"join","data":{"name":"deep"},"x":)" + deep + "}"));
    QCOMPARE(client.next().value("data")["code"].toString(), "bad_request");
    // Under both bounds (unknown members are ignored): a join like any other.
    QByteArray someKeys = "{\"event\":\"join\",\"id\":3,\"data\":{\"name\":\"fine\"}";
    for (int i = 0; i < 200; ++i)
        someKeys += ",\"k" + QByteArray::number(i) + "\":[[[0]]]";
    client.sendRaw(QString::fromUtf8(someKeys + "}"));
    const QJsonObject ack = client.next();
    QCOMPARE(ack.value("id").toInteger(), 3);
    QVERIFY(!ack.value("data")["key"].toString().isEmpty());
}

void HostileBudgetTest::fragmentsPerMessageBounded()
{
    auto server = startServer();
    RawClient pieces;
    QVERIFY(pieces.handshake(server->port(), nullptr, attacker));
    // A join in 10 fragments is fine...
    const QByteArray join = joinFrame("pieces");
    const int step = int(join.size() / 10) + 1;
    for (int at = 0; at < join.size(); at += step)
        pieces.sendFrame(at == 0 ? 0x1 : 0x0, join.mid(at, step), at + step >= join.size());
    QVERIFY(pieces.nextText().contains("\"key\""));
    // ...a message in 1,000 one-byte fragments is not.
    const QByteArray message =
        R"({"event":"message","data":{"text":")" + QByteArray(990, 'x') + "\"}}";
    for (int i = 0; i < 1000; ++i)
        pieces.sendFrame(i == 0 ? 0x1 : 0x0, message.mid(i, 1), false);
    QCOMPARE(pieces.closeCode(), 1008);
}

int runHostileBudgetTests(int argc, char **argv)
{
    HostileBudgetTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "hostile_budgets.moc"
