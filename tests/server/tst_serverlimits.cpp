#include "rawclient.h"
#include "serverfixture.h"
#include "testclient.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTcpSocket>

using chat::server::ChatServer;
using chat::server::ServerConfig;

namespace {
// A server whose replies can be far larger than its send cap: 100 messages of 3,900 bytes in
// general's history (≈400 KB in a join ack or a history page), a cap of 64 KiB.
std::unique_ptr<ChatServer> serverWithLargeHistory(TestClient &sender,
                                                   ServerConfig config = ServerConfig())
{
    config.messageRate = {0, 0};
    config.requestRate = {0, 0}; // scripted clients; the budget is tst_hostile's subject
    config.maxSendBufferBytes = 64 * 1024;
    config.maxHistoryBytes = 1024 * 1024;
    auto server = startServer(config);
    if (!server || !sender.open(serverUrl(*server)) || sender.join("sender").isEmpty())
        return nullptr;
    const QString text(3900, 'x');
    for (int i = 1; i <= config.historySize; ++i)
        sender.send("message", QJsonObject{{"text", text}}, i + 1);
    for (int i = 1; i <= config.historySize; ++i) {
        if (sender.next().contains("error"))
            return nullptr;
    }
    return server;
}

QJsonObject parsed(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

// A client that reads nothing more: Qt takes no more from the kernel, whose buffer is small.
void stopReading(RawClient &client)
{
    client.socket.setReadBufferSize(1);
}
} // namespace

class ServerLimitsTest : public QObject
{
    Q_OBJECT
private slots:
    void joinAckCarriesLimits();
    void connectionCapRefusesWith503();
    void perAddressCap();
    void silentPeerIsDropped();
    void clientThatStopsReadingIsClosed1008();
    void largeJoinAckIsNotSlowness();
    void largeReplyIsNotSlownessButOnlyOnce();
    void peerThatNeverReadsTheCloseIsCutOff_data();
    void peerThatNeverReadsTheCloseIsCutOff();
    void reloadAppliesNewLimitsToOpenConnections();
    void reloadNamesTheSettingsThatWaitForARestart();
    void reloadChangesTheConnectionCaps();
    void everyStartupSettingHasItsIniKey();
    void historyAndMessageSizeFollowTheirSettings();
};

void ServerLimitsTest::joinAckCarriesLimits()
{
    ServerConfig config;
    config.maxTextBytes = 1234;
    config.messageRate = {7, 3};
    auto server = startServer(config);
    TestClient client;
    QVERIFY(client.open(serverUrl(*server)));
    const QJsonObject limits = client.join("alice").value("limits").toObject();
    QCOMPARE(limits.value("maxTextBytes").toInt(), 1234);
    QCOMPARE(limits.value("maxMessageBytes").toInteger(), 64 * 1024);
    QCOMPARE(limits.value("maxNameLength").toInt(), 32);
    QCOMPARE(limits.value("historySize").toInt(), 100);
    QCOMPARE(limits.value("rateLimit").toObject(), (QJsonObject{{"burst", 7}, {"perSecond", 3}}));
}

void ServerLimitsTest::connectionCapRefusesWith503()
{
    ServerConfig config;
    config.maxConnections = 3;
    auto server = startServer(config);
    std::vector<std::unique_ptr<TestClient>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<TestClient>());
        QVERIFY(clients.back()->open(serverUrl(*server)));
    }
    RawClient refused;
    QByteArray response;
    QVERIFY(!refused.handshake(server->port(), &response));
    QVERIFY2(response.startsWith("HTTP/1.1 503"), response.constData());
    QTRY_COMPARE(refused.socket.state(), QAbstractSocket::UnconnectedState);

    // A place frees up when a client leaves; the existing ones never noticed.
    clients.front()->socket.close();
    QVERIFY(clients.front()->waitDisconnected());
    QTRY_COMPARE(server->openConnections(), 2);
    TestClient later;
    QVERIFY(later.open(serverUrl(*server)));
    QVERIFY(!clients.back()->join("still here").value("key").toString().isEmpty());
}

void ServerLimitsTest::perAddressCap()
{
    ServerConfig config;
    config.maxConnectionsPerAddress = 2;
    config.exemptAddresses = {}; // 127.0.0.1 counts too
    auto server = startServer(config);
    TestClient a, b;
    QVERIFY(a.open(serverUrl(*server)) && b.open(serverUrl(*server)));
    RawClient third;
    QByteArray response;
    QVERIFY(!third.handshake(server->port(), &response));
    QVERIFY(response.startsWith("HTTP/1.1 503"));
}

void ServerLimitsTest::silentPeerIsDropped()
{
    ServerConfig config;
    config.pingIntervalMs = 100;
    config.idleTimeoutMs = 500;
    auto server = startServer(config);
    TestClient alive; // QWebSocket answers pings by itself
    QVERIFY(alive.open(serverUrl(*server)));
    alive.join("alive");

    RawClient silent;
    QVERIFY(silent.handshake(server->port()));
    silent.sendText(R"({"event":"join","data":{"name":"silent"}})");
    QCOMPARE(alive.next().value("event").toString(), "user connected");
    // It never answers a ping: within the idle timeout (plus a ping interval) it is gone.
    const QJsonObject left = alive.next(3000);
    QCOMPARE(left.value("event").toString(), "user disconnected");
    QCOMPARE(left.value("data")["name"].toString(), "silent");
    QTRY_COMPARE(silent.socket.state(), QAbstractSocket::UnconnectedState);
    // The client that answers stays, across several idle timeouts.
    QVERIFY(!QTest::qWaitFor([&] { return alive.disconnected; }, 1500));
    QCOMPARE(server->userCount(), 1);
}

void ServerLimitsTest::clientThatStopsReadingIsClosed1008()
{
    ServerConfig config;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0}; // a scripted client; the budget is tst_hostile's subject
    config.maxSendBufferBytes = 256 * 1024;
    auto server = startServer(config);

    RawClient stalled;
    stalled.socket.setReadBufferSize(1); // Qt stops taking data from the kernel
    stalled.socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    QVERIFY(stalled.handshake(server->port()));
    stalled.sendText(R"({"event":"join","data":{"name":"stalled"}})");
    TestClient sender, reader;
    QVERIFY(sender.open(serverUrl(*server)) && reader.open(serverUrl(*server)));
    const QJsonArray users = sender.join("sender").value("users").toArray();
    QCOMPARE(users.size(), 2); // the stalled client has joined
    reader.join("reader");
    QCOMPARE(sender.next().value("event").toString(), "user connected");

    // 12 MiB of messages: more than the kernel's buffers hold, and far more than the stalled
    // client may fall behind.
    const QString text(3900, 'x');
    const int count = 3000;
    for (int i = 1; i <= count; ++i)
        sender.send("message", QJsonObject{{"text", text}}, i);
    // The reader gets every one of them, and learns that the stalled client was dropped.
    int messages = 0;
    bool stalledLeft = false;
    while (messages < count || !stalledLeft) {
        const QJsonObject event = reader.next(10'000);
        QVERIFY2(!event.isEmpty(), qPrintable(QString("after %1 messages").arg(messages)));
        if (event.value("event").toString() == "new chat msg")
            ++messages;
        else if (event.value("event").toString() == "user disconnected")
            stalledLeft = event.value("data")["name"].toString() == "stalled";
    }
    QTRY_COMPARE(server->userCount(), 2);
    // Its connection is closed (with 1008 queued behind what it never read, then cut off).
    stalled.socket.setReadBufferSize(0);
    QTRY_VERIFY_WITH_TIMEOUT(
        (stalled.socket.readAll(), stalled.socket.state() == QAbstractSocket::UnconnectedState),
        10'000);
}

void ServerLimitsTest::largeJoinAckIsNotSlowness()
{
    // A join ack (users and history) can be larger than the send cap (10,000 users with long
    // names: ~1.8 MB against 1 MiB). Sent to a client on a slow link, it must not get the
    // client closed as a slow reader: the client asked for it.
    TestClient sender;
    auto server = serverWithLargeHistory(sender);
    QVERIFY(server);
    RawClient slow;
    stopReading(slow);
    QVERIFY(slow.handshakeWithReceiveBuffer(server->port(), 4096));
    QVERIFY(slow.shrinkServerSendBuffer(4096));
    slow.sendText(R"({"event":"join","id":1,"data":{"name":"slow"}})");
    QCOMPARE(sender.next().value("event").toString(), "user connected");
    // It reads again, later: the whole ack, and the connection is still there to use.
    slow.socket.setReadBufferSize(0);
    const QJsonObject ack = parsed(slow.nextText(10'000));
    QCOMPARE(ack.value("id").toInt(), 1);
    QCOMPARE(ack.value("data")["history"].toArray().size(), 100);
    slow.sendText(R"({"event":"message","id":2,"data":{"text":"still here"}})");
    QCOMPARE(parsed(slow.nextText()).value("id").toInt(), 2);
    QCOMPARE(sender.next().value("data")["message"].toString(), "still here");
}

void ServerLimitsTest::largeReplyIsNotSlownessButOnlyOnce()
{
    TestClient sender;
    auto server = serverWithLargeHistory(sender);
    QVERIFY(server);
    RawClient slow;
    QVERIFY(slow.handshakeWithReceiveBuffer(server->port(), 4096));
    QVERIFY(slow.shrinkServerSendBuffer(4096));
    slow.sendText(R"({"event":"join","id":1,"data":{"name":"slow","features":["rooms"]}})");
    QCOMPARE(parsed(slow.nextText(10'000)).value("id").toInt(), 1);

    // A history page of ≈400 KB, queued behind what it is due (a reply of a joined client goes
    // through its lane), while it reads nothing: not slowness either.
    stopReading(slow);
    const QByteArray page = R"({"event":"history","id":%1,"data":{"room":"general","limit":100}})";
    slow.sendText(QByteArray(page).replace("%1", "2"));
    sender.send("message", QJsonObject{{"text", "meanwhile"}}, 200);
    QVERIFY(!sender.next().contains("error"));
    slow.socket.setReadBufferSize(0);
    // The page and the message, in either order (the message came from another connection).
    QJsonObject reply = parsed(slow.nextText(10'000));
    QJsonObject event = parsed(slow.nextText());
    if (reply.value("event").toString() == "new chat msg")
        std::swap(reply, event);
    QCOMPARE(reply.value("id").toInt(), 2);
    QCOMPARE(reply.value("data")["messages"].toArray().size(), 100);
    QCOMPARE(event.value("data")["message"].toString(), "meanwhile");
    slow.sendText(R"({"event":"rooms","id":3})");
    QCOMPARE(parsed(slow.nextText()).value("id").toInt(), 3);

    // One reply's worth of slack, not more: page after page, none of them read, and it is
    // closed as any reader that falls behind (1008).
    stopReading(slow);
    for (int id = 10; id < 30; ++id)
        slow.sendText(QByteArray(page).replace("%1", QByteArray::number(id)));
    QTRY_COMPARE_WITH_TIMEOUT(server->openConnections(), 1, 10'000);
    // (Its close frame waited behind what it never read, and was dropped when it was cut off.)
    slow.socket.setReadBufferSize(0);
    QTRY_VERIFY((slow.socket.readAll(), slow.socket.state() == QAbstractSocket::UnconnectedState));
}

void ServerLimitsTest::peerThatNeverReadsTheCloseIsCutOff_data()
{
    QTest::addColumn<bool>("takenOver"); // else: it sends a binary frame
    QTest::newRow("binary frame") << false;
    QTest::newRow("session taken over") << true;
}

void ServerLimitsTest::peerThatNeverReadsTheCloseIsCutOff()
{
    // Whatever the server closes a connection for, a peer that never takes the close frame (it
    // waits behind a reply the peer does not read: a dead client) does not keep its socket.
    QFETCH(bool, takenOver);
    ServerConfig config;
    config.pingIntervalMs = 0; // no keepalive: nothing else would ever drop it
    TestClient sender;
    auto server = serverWithLargeHistory(sender, config);
    QVERIFY(server);
    RawClient silent;
    QVERIFY(silent.handshakeWithReceiveBuffer(server->port(), 4096));
    QVERIFY(silent.shrinkServerSendBuffer(4096));
    silent.sendText(
        R"({"event":"join","id":1,"data":{"name":"silent","features":["rooms","resume"]}})");
    const QString token = parsed(silent.nextText(10'000)).value("data")["token"].toString();
    QVERIFY(!token.isEmpty());
    QCOMPARE(sender.next().value("event").toString(), "user connected");
    stopReading(silent);
    silent.sendText(R"({"event":"history","id":2,"data":{"room":"general","limit":100}})");
    silent.sendText(R"({"event":"message","id":3,"data":{"text":"probe"}})");
    // The page (sent before the probe) waits for the silent client now.
    QCOMPARE(sender.next().value("data")["message"].toString(), "probe");
    TestClient resumer;
    if (takenOver) {
        QVERIFY(resumer.open(serverUrl(*server)));
        resumer.send("join",
                     QJsonObject{{"name", "silent"},
                                 {"features", QJsonArray{"rooms", "resume"}},
                                 {"token", token}},
                     1);
        QVERIFY(resumer.next().value("data")["resumed"].toBool());
    } else {
        silent.sendFrame(0x2, QByteArray("\x01\x02", 2));
    }
    QTRY_COMPARE_WITH_TIMEOUT(server->openConnections(), takenOver ? 2 : 1, 5000);
    silent.socket.setReadBufferSize(0);
    QTRY_VERIFY(
        (silent.socket.readAll(), silent.socket.state() == QAbstractSocket::UnconnectedState));
}

void ServerLimitsTest::reloadAppliesNewLimitsToOpenConnections()
{
    ServerConfig config;
    config.maxTextBytes = 10;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0}; // a scripted client; the budget is tst_hostile's subject
    auto server = startServer(config);
    TestClient client;
    QVERIFY(client.open(serverUrl(*server)));
    client.join("alice");
    client.send("message", QJsonObject{{"text", "fifteen chars!!"}}, 2);
    QCOMPARE(client.next().value("error")["code"].toString(), "too_long");

    config.maxTextBytes = 20;
    config.messageRate = {1, 0.001}; // one message, then a long wait
    config.port = 1;                 // needs a restart: ignored, and the server keeps its port
    QVERIFY(server->reload(config));
    client.send("message", QJsonObject{{"text", "fifteen chars!!"}}, 3);
    QTRY_VERIFY(!client.received.empty());
    QVERIFY(!client.next().contains("error"));
    client.send("message", QJsonObject{{"text", "again"}}, 4);
    QCOMPARE(client.next().value("error")["code"].toString(), "rate_limited");
    QVERIFY(server->port() != 1);
}

void ServerLimitsTest::reloadNamesTheSettingsThatWaitForARestart()
{
    ServerConfig config;
    config.host = QHostAddress::LocalHost; // as startServer() has it
    config.port = 0;
    auto server = startServer(config);
    const quint16 port = server->port();
    // Nothing that needs a restart changed: nothing is said about it.
    QTest::failOnWarning(QRegularExpression("restart"));
    QVERIFY(server->reload(config));

    config.workerThreads = 3;
    config.exemptAddresses = {};
    config.maxConnectionsPerAddress = 1; // live: applies, but 127.0.0.1 is still exempt
    QTest::ignoreMessage(QtWarningMsg,
                         "not applied until a restart: server/workers, limits/exempt_addresses");
    QVERIFY(server->reload(config));
    TestClient a, b;
    QVERIFY(a.open(serverUrl(*server)));
    QVERIFY(b.open(serverUrl(*server)));
    QCOMPARE(server->port(), port);
}

void ServerLimitsTest::reloadChangesTheConnectionCaps()
{
    ServerConfig config;
    auto server = startServer(config);
    TestClient a, b;
    QVERIFY(a.open(serverUrl(*server)) && b.open(serverUrl(*server)));
    config.maxConnections = 2;
    QVERIFY(server->reload(config));
    RawClient refused;
    QByteArray response;
    QVERIFY(!refused.handshake(server->port(), &response));
    QVERIFY2(response.startsWith("HTTP/1.1 503"), response.constData());
    // The open ones stay; a raised cap lets the next one in.
    QVERIFY(!a.join("alice").value("key").toString().isEmpty());
    config.maxConnections = 3;
    QVERIFY(server->reload(config));
    TestClient c;
    QVERIFY(c.open(serverUrl(*server)));
}

void ServerLimitsTest::everyStartupSettingHasItsIniKey()
{
    // Each startup setting changed: reload() names each by its ini key, once, in this order.
    chat::server::StartupSettings was;
    chat::server::StartupSettings now;
    now.host = QHostAddress::LocalHost;
    now.port = 1;
    now.workerThreads = 2;
    now.listenBacklog = 3;
    now.databasePath = "chat.db";
    now.databaseFullSync = false;
    now.exemptAddresses = {};
    now.hashConcurrency = 4;
    now.hashQueueLimit = 5;
    QCOMPARE(chat::server::changedStartupSettings(was, now),
             QStringList({"server/host", "server/port", "server/workers", "server/listen_backlog",
                          "history/database", "history/sync", "limits/exempt_addresses",
                          "accounts/hash_concurrency", "accounts/hash_queue"}));
    QCOMPARE(chat::server::changedStartupSettings(now, now), QStringList());
}

void ServerLimitsTest::historyAndMessageSizeFollowTheirSettings()
{
    ServerConfig config;
    config.historySize = 3;
    config.maxIncomingMessageBytes = 2048;
    config.maxTextBytes = 1000;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0}; // a scripted client; the budget is tst_hostile's subject
    auto server = startServer(config);
    TestClient alice;
    QVERIFY(alice.open(serverUrl(*server)));
    alice.join("alice");
    for (int i = 1; i <= 5; ++i) {
        alice.send("message", QJsonObject{{"text", QString("m%1").arg(i)}}, i + 1);
        QVERIFY(!alice.next().contains("error"));
    }
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*server)));
    const QJsonObject ack = bob.join("bob");
    const QJsonArray history = ack.value("history").toArray();
    QCOMPARE(history.size(), 3);
    QCOMPARE(history.first()["message"].toString(), "m3");
    QCOMPARE(ack.value("limits")["maxMessageBytes"].toInteger(), 2048);
    QCOMPARE(ack.value("limits")["historySize"].toInt(), 3);

    // 3 KiB is over this server's 2 KiB message limit: close 1009.
    bob.send("message", QJsonObject{{"text", QString(3000, 'x')}}, 9);
    QVERIFY(bob.waitDisconnected());
    QCOMPARE(int(bob.socket.closeCode()), 1009);
}

QTEST_GUILESS_MAIN(ServerLimitsTest)
#include "tst_serverlimits.moc"
