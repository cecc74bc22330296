#include "hostile.h"
#include "rawclient.h"
#include "serverfixture.h"
#include "testclient.h"

#include <QJsonArray>

using chat::server::ServerConfig;

// Hostile byte streams, each from its own connection, while a bystander chats on: the
// bystander never notices, and the server answers each as the protocol says.
class HostileInputTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void invalidUtf8Closes1007();
    void duplicateKeys();
    void hugeObject();
    void hugeNumbers();
    void fragmentedMessage();
    void frameSplitAcrossManyWrites();
    void vanishesMidFrame();
    void garbageInsteadOfHandshake();

private:
    void bystanderStillChats();
    std::unique_ptr<chat::server::ChatServer> m_server;
    std::unique_ptr<TestClient> m_bystander;
    std::unique_ptr<TestClient> m_listener;
};

void HostileInputTest::init()
{
    ServerConfig config;
    config.messageRate = {0, 0};
    config.handshakeTimeoutMs = 2000;
    m_server = startServer(config);
    QVERIFY(m_server);
    m_bystander = std::make_unique<TestClient>();
    m_listener = std::make_unique<TestClient>();
    QVERIFY(m_bystander->open(serverUrl(*m_server)) && m_listener->open(serverUrl(*m_server)));
    m_bystander->join("bystander");
    m_listener->join("listener");
    QCOMPARE(m_bystander->next().value("event").toString(), "user connected");
}

void HostileInputTest::cleanup()
{
    bystanderStillChats();
    m_bystander.reset();
    m_listener.reset();
    m_server.reset();
}

void HostileInputTest::bystanderStillChats()
{
    static int n = 0;
    const QString text = QString("still fine %1").arg(++n);
    m_bystander->received.clear();
    m_bystander->send("message", QJsonObject{{"text", text}}, 1000 + n);
    QJsonObject ack;
    do {
        ack = m_bystander->next();
    } while (!ack.isEmpty() && ack.value("event").toString() != "ack");
    QCOMPARE(ack.value("id").toInteger(), 1000 + n);
    QJsonObject seen;
    do {
        seen = m_listener->next();
    } while (!seen.isEmpty() && seen.value("data")["message"].toString() != text);
    QCOMPARE(seen.value("data")["message"].toString(), text);
}

void HostileInputTest::invalidUtf8Closes1007()
{
    RawClient client;
    QVERIFY(client.handshake(m_server->port()));
    client.sendText(QByteArray("{\"event\":\"join\",\"data\":{\"name\":\"\xff\xfe\"}}"));
    QTRY_COMPARE(client.socket.state(), QAbstractSocket::UnconnectedState);
    const QByteArray received = client.socket.readAll();
    const auto at = received.indexOf(char(0x88));
    QVERIFY(at >= 0);
    QCOMPARE((quint8(received[at + 2]) << 8) | quint8(received[at + 3]), 1007);
}

void HostileInputTest::duplicateKeys()
{
    TestClient client;
    QVERIFY(client.open(serverUrl(*m_server)));
    // The last value of a duplicated key counts; either way the answer is well formed.
    client.sendRaw(
        R"({"event":"join","event":"join","data":{"name":"a"},"data":{"name":"dup"},"id":3,"id":4})");
    const QJsonObject ack = client.next();
    QCOMPARE(ack.value("event").toString(), "ack");
    QVERIFY(ack.value("id").toInteger() == 3 || ack.value("id").toInteger() == 4);
    QVERIFY(!client.disconnected);
}

void HostileInputTest::hugeObject()
{
    // A 100,000-member object fits in 64 KiB only with tiny members; both sizes are refused
    // cleanly: as a bad request under the limit, with 1009 over it.
    QByteArray members;
    for (int i = 0; i < 100'000; ++i)
        members += "\"" + QByteArray::number(i, 36) + "\":0,";
    const QByteArray big = "{\"event\":\"x\"," + members + "\"z\":0}";
    RawClient over;
    QVERIFY(over.handshake(m_server->port()));
    over.sendText(big);
    QTRY_COMPARE(over.socket.state(), QAbstractSocket::UnconnectedState);

    QByteArray small = "{";
    for (int i = 0; i < 8'000; ++i)
        small += "\"" + QByteArray::number(i, 36) + "\":0,";
    small += "\"event\":\"join\",\"id\":2}";
    QVERIFY(small.size() < 64 * 1024);
    TestClient under;
    QVERIFY(under.open(serverUrl(*m_server)));
    under.sendRaw(QString::fromUtf8(small));
    // Refused by the pre-scan, before it is parsed: so without its id.
    const QJsonObject refused = under.next();
    QCOMPARE(refused.value("event").toString(), "error");
    QCOMPARE(refused.value("data")["code"].toString(), "bad_request");
}

void HostileInputTest::hugeNumbers()
{
    TestClient client;
    QVERIFY(client.open(serverUrl(*m_server)));
    for (const char *id : {"1e308", "-1e308", "1e999", "123456789012345678901234567890", "-0"}) {
        client.sendRaw(QString(R"({"event":"join","data":{"name":"n"},"id":%1})").arg(id));
        const QJsonObject answer = client.next();
        QCOMPARE(answer.value("event").toString(), "error");
        QCOMPARE(answer.value("data")["code"].toString(), "bad_request");
    }
    // A number beyond double's range inside data: Qt's parser refuses the frame as a whole.
    client.sendRaw(R"({"event":"join","data":{"name":"n","x":1e999},"id":5})");
    const QJsonObject answer = client.next();
    QVERIFY(answer.value("id").toInteger() == 5 ||
            answer.value("data")["code"].toString() == "bad_request");
    QVERIFY(!client.disconnected);
}

void HostileInputTest::fragmentedMessage()
{
    RawClient client;
    QVERIFY(client.handshake(m_server->port()));
    const QByteArray join = R"({"event":"join","data":{"name":"pieces"}})";
    client.sendFrame(0x1, join.left(5), false);
    client.sendFrame(0x9, "ping in between"); // a control frame may interleave
    client.sendFrame(0x0, join.mid(5, 10), false);
    client.sendFrame(0x0, join.mid(15), true);
    const QJsonObject joined = m_bystander->next();
    QCOMPARE(joined.value("event").toString(), "user connected");
    QCOMPARE(joined.value("data")["name"].toString(), "pieces");
}

void HostileInputTest::frameSplitAcrossManyWrites()
{
    RawClient client;
    QVERIFY(client.handshake(m_server->port()));
    client.socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    const QByteArray join = R"({"event":"join","data":{"name":"trickle"}})";
    const QByteArray frame =
        QByteArray(1, char(0x81)) + char(0x80 | join.size()) + QByteArray(4, '\0') + join;
    for (char byte : std::as_const(frame)) {
        client.socket.write(&byte, 1);
        client.socket.flush();
        QTest::qWait(1); // separate TCP segments, on purpose: the subject of this test
    }
    QCOMPARE(m_bystander->next().value("data")["name"].toString(), "trickle");
}

void HostileInputTest::vanishesMidFrame()
{
    RawClient client;
    QVERIFY(client.handshake(m_server->port()));
    client.sendText(R"({"event":"join","data":{"name":"ghost"}})");
    QCOMPARE(m_bystander->next().value("data")["name"].toString(), "ghost");
    // Half a frame announcing 60 KiB, then the TCP connection is cut.
    QByteArray header(1, char(0x81));
    header += char(0x80 | 126);
    header += char(0xF0);
    header += char(0x00);
    header += QByteArray(4, '\0');
    client.socket.write(header + QByteArray(1000, 'x'));
    client.socket.flush();
    client.socket.abort();
    const QJsonObject left = m_bystander->next();
    QCOMPARE(left.value("event").toString(), "user disconnected");
    QCOMPARE(left.value("data")["name"].toString(), "ghost");
    QTRY_COMPARE(m_server->openConnections(), 2);
}

void HostileInputTest::garbageInsteadOfHandshake()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(5000));
    QByteArray garbage(20'000, '\0');
    for (int i = 0; i < garbage.size(); ++i)
        garbage[i] = char((i * 7919) & 0xff);
    socket.write(garbage);
    // Refused, or cut off at the handshake deadline (2 s here).
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::UnconnectedState, 10'000);
    QTRY_COMPARE(m_server->openConnections(), 2);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int failed = 0;
    {
        HostileInputTest test;
        failed += QTest::qExec(&test, argc, argv);
    }
    failed += runHostileBudgetTests(argc, argv);
    failed += runHostileAddressTests(argc, argv);
    failed += runHostileContentTests(argc, argv);
    failed += runHostileHttpTests(argc, argv);
    return failed;
}
#include "tst_hostile.moc"
