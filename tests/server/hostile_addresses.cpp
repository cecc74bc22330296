// Per-address caps in tst_hostile: connections, unjoined connections, held sessions, joins and
// room creations per address, the exemptions, and plain HTTP.
#include "hostile.h"
#include "rawclient.h"
#include "serverfixture.h"
#include "testclient.h"

#include <memory>
#include <vector>

using chat::server::ServerConfig;

namespace {
const QHostAddress attacker(QStringLiteral("127.0.0.2"));

QByteArray join(const QByteArray &name, bool resumable = false)
{
    return R"({"event":"join","id":1,"data":{"name":")" + name + "\"" +
           (resumable ? R"(,"features":["resume"])" : "") + "}}";
}

// A rooms client's join that enters `room`.
QByteArray joinRooms(const QByteArray &name, const QByteArray &room)
{
    return R"({"event":"join","id":1,"data":{"name":")" + name +
           R"(","features":["rooms"],"rooms":[")" + room + R"("]}})";
}

QByteArray roomRequest(const QByteArray &event, const QByteArray &room, int id)
{
    return R"({"event":")" + event + R"(","id":)" + QByteArray::number(id) +
           R"(,"data":{"room":")" + room + R"("}})";
}
} // namespace

class HostileAddressTest : public QObject
{
    Q_OBJECT
private slots:
    void unjoinedPerAddressByDefault();
    void connectionsPerAddress();
    void heldSessionsPerAddress();
    void joinsPerAddressPerMinute();
    void roomCreationsPerAddress();
    void exemptionsAreExact();
    void plainHttpGets426AndIsFreed();
};

void HostileAddressTest::unjoinedPerAddressByDefault()
{
    // Defaults: 127.0.0.2 is another host; it may hold 8 connections that have not joined.
    auto server = startServer();
    std::vector<std::unique_ptr<RawClient>> idle;
    for (int i = 0; i < ServerConfig().maxUnjoinedPerAddress; ++i) {
        idle.push_back(std::make_unique<RawClient>());
        QVERIFY(idle.back()->handshake(server->port(), nullptr, attacker));
    }
    RawClient refused;
    QByteArray response;
    QVERIFY(!refused.handshake(server->port(), &response, attacker));
    QVERIFY2(response.startsWith("HTTP/1.1 503"), response.constData());
    // One of them joins: a place for one more that has not.
    idle.front()->sendText(join("first"));
    QVERIFY(idle.front()->nextText().contains("\"key\""));
    RawClient next;
    QVERIFY(next.handshake(server->port(), nullptr, attacker));
    // 127.0.0.1 is exempt: a local tool is not counted.
    std::vector<std::unique_ptr<TestClient>> local;
    for (int i = 0; i < 12; ++i) {
        local.push_back(std::make_unique<TestClient>());
        QVERIFY(local.back()->open(serverUrl(*server)));
    }
}

void HostileAddressTest::connectionsPerAddress()
{
    ServerConfig config;
    config.maxConnectionsPerAddress = 3;
    config.maxUnjoinedPerAddress = 2;
    auto server = startServer(config);
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<RawClient>());
        QVERIFY(clients.back()->handshake(server->port(), nullptr, attacker));
        clients.back()->sendText(join("user" + QByteArray::number(i)));
        QVERIFY(clients.back()->nextText().contains("\"key\""));
    }
    RawClient fourth;
    QByteArray response;
    QVERIFY(!fourth.handshake(server->port(), &response, attacker));
    QVERIFY(response.startsWith("HTTP/1.1 503"));
}

void HostileAddressTest::heldSessionsPerAddress()
{
    ServerConfig config;
    config.maxHeldSessionsPerAddress = 2;
    auto server = startServer(config);
    TestClient bystander;
    QVERIFY(bystander.open(serverUrl(*server)));
    bystander.join("bystander");
    for (int i = 0; i < 3; ++i) {
        RawClient resumable;
        QVERIFY(resumable.handshake(server->port(), nullptr, attacker));
        resumable.sendText(join("held" + QByteArray::number(i), true));
        QVERIFY(resumable.nextText().contains("\"token\""));
        QCOMPARE(bystander.next().value("event").toString(), "user connected");
        resumable.socket.abort(); // lost without a close handshake: held, up to the cap
    }
    // The third is over the cap: it leaves at once; two are held.
    const QJsonObject left = bystander.next();
    QCOMPARE(left.value("event").toString(), "user disconnected");
    QCOMPARE(left.value("data")["name"].toString(), "held2");
    QTRY_COMPARE(server->heldUserCount(), 2);
    QCOMPARE(server->userCount(), 3);
}

void HostileAddressTest::joinsPerAddressPerMinute()
{
    ServerConfig config;
    config.joinsPerAddressPerMinute = 3;
    auto server = startServer(config);
    RawClient client;
    QVERIFY(client.handshake(server->port(), nullptr, attacker));
    // Failing joins count too: each one costs the room a name check.
    for (int i = 0; i < 3; ++i) {
        client.sendText(join(""));
        QVERIFY(client.nextText().contains("invalid_name"));
    }
    client.sendText(join("fourth"));
    QVERIFY(client.nextText().contains("rate_limited"));
    // Another address is not affected.
    TestClient local;
    QVERIFY(local.open(serverUrl(*server)));
    QVERIFY(!local.join("local").value("key").toString().isEmpty());
}

void HostileAddressTest::roomCreationsPerAddress()
{
    // Rooms are never removed: one address creating them all would leave nobody a new one.
    ServerConfig config;
    config.roomCreationsPerAddressPerDay = 3;
    auto server = startServer(config);
    RawClient mallory;
    QVERIFY(mallory.handshake(server->port(), nullptr, attacker));
    mallory.sendText(joinRooms("mallory", "spam1")); // a join's rooms are created from it too
    QVERIFY(mallory.nextText().contains("\"key\""));
    for (int i = 2; i <= 3; ++i) {
        mallory.sendText(roomRequest("enter", "spam" + QByteArray::number(i), i));
        QVERIFY(mallory.nextText().contains("\"room\":{"));
    }
    mallory.sendText(roomRequest("enter", "spam4", 4));
    const QByteArray refused = mallory.nextText();
    QVERIFY2(refused.contains("too_many_rooms") && refused.contains("one address"),
             refused.constData());
    // Entering rooms that exist is not limited.
    mallory.sendText(roomRequest("leave", "spam1", 5));
    QVERIFY(mallory.nextText().contains("\"id\":5"));
    mallory.sendText(roomRequest("enter", "SPAM1", 6));
    QVERIFY(mallory.nextText().contains("\"room\":{"));
    // Another user from the same address shares the budget; its join is refused as a whole.
    RawClient accomplice;
    QVERIFY(accomplice.handshake(server->port(), nullptr, attacker));
    accomplice.sendText(joinRooms("accomplice", "spam5"));
    QVERIFY(accomplice.nextText().contains("too_many_rooms"));
    accomplice.sendText(joinRooms("accomplice", "spam3"));
    QVERIFY(accomplice.nextText().contains("\"key\""));
    // Another address, and an exempt one, still create rooms.
    RawClient neighbour;
    QVERIFY(neighbour.handshake(server->port(), nullptr, QHostAddress("127.0.0.3")));
    neighbour.sendText(joinRooms("neighbour", "ours"));
    QVERIFY(neighbour.nextText().contains("\"key\""));
    for (int i = 0; i < 4; ++i) {
        RawClient local;
        QVERIFY(local.handshake(server->port()));
        local.sendText(joinRooms("local" + QByteArray::number(i), "local" + QByteArray::number(i)));
        QVERIFY(local.nextText().contains("\"key\""));
    }
    QCOMPARE(server->roomCount(), 1 + 3 + 1 + 4);
}

void HostileAddressTest::exemptionsAreExact()
{
    const ServerConfig defaults;
    QCOMPARE(defaults.exemptAddresses.size(), 2);
    QCOMPARE(defaults.exemptAddresses[0].first, QHostAddress("127.0.0.1"));
    QCOMPARE(defaults.exemptAddresses[0].second, 32);
    QCOMPARE(defaults.exemptAddresses[1].first, QHostAddress("::1"));
    QCOMPARE(defaults.exemptAddresses[1].second, 128);
    ServerConfig config;
    config.maxUnjoinedPerAddress = 1;
    auto server = startServer(config);
    RawClient a, b, c, d;
    QVERIFY(a.handshake(server->port(), nullptr, QHostAddress("127.0.0.1")));
    QVERIFY(b.handshake(server->port(), nullptr, QHostAddress("127.0.0.1")));
    QVERIFY(c.handshake(server->port(), nullptr, QHostAddress("127.0.0.3")));
    QVERIFY(!d.handshake(server->port(), nullptr, QHostAddress("127.0.0.3")));
}

void HostileAddressTest::plainHttpGets426AndIsFreed()
{
    ServerConfig config;
    config.handshakeTimeoutMs = 60'000; // freed at once, not at the handshake deadline
    config.webClient = false; // a server for WebSocket clients only (hostile_http: with it)
    auto server = startServer(config);
    for (int i = 0; i < 20; ++i) {
        QTcpSocket socket;
        QVERIFY(socket.bind(attacker));
        socket.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QByteArray response;
        QVERIFY(QTest::qWaitFor(
            [&] {
                response += socket.readAll();
                return socket.state() == QAbstractSocket::UnconnectedState;
            },
            5000));
        response += socket.readAll();
        QVERIFY2(response.startsWith("HTTP/1.1 426 Upgrade Required\r\n"), response.constData());
        QVERIFY(response.contains("\r\nUpgrade: websocket\r\n"));
        QVERIFY(response.size() < 512);
    }
    QTRY_COMPARE(server->openConnections(), 0);
}

int runHostileAddressTests(int argc, char **argv)
{
    HostileAddressTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "hostile_addresses.moc"
