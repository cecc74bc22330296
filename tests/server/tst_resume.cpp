// Session resume and typing (protocol extensions, docs/protocol.md): through real sockets against
// a real server in this process.
#include "serverfixture.h"
#include "testclient.h"

#include <QJsonArray>
#include <QtTest>

using namespace chat::server;

namespace {
const QStringList allFeatures{QStringLiteral("resume"), QStringLiteral("typing")};

QJsonObject joinData(const QString &name, const QStringList &features = allFeatures,
                     const QString &token = {}, qint64 lastSeenId = -1)
{
    QJsonObject data{{"name", name}, {"features", QJsonArray::fromStringList(features)}};
    if (!token.isEmpty())
        data.insert("token", token);
    if (lastSeenId >= 0)
        data.insert("lastSeenId", lastSeenId);
    return data;
}

QJsonObject joinWith(TestClient &client, const QJsonObject &data, qint64 id = 1)
{
    client.send("join", data, id);
    const QJsonObject ack = client.next();
    return ack.value("data").toObject();
}

// A server with alice (a resumable client) and bob (a plain v1 client) joined.
struct Pair
{
    std::unique_ptr<ChatServer> server;
    TestClient alice;
    TestClient bob;
    QJsonObject aliceAck; // alice's join ack data

    bool start(const ServerConfig &config = ServerConfig())
    {
        server = startServer(config);
        if (!server || !alice.open(serverUrl(*server)) || !bob.open(serverUrl(*server)))
            return false;
        aliceAck = joinWith(alice, joinData("alice"));
        return !aliceAck.isEmpty() && !bob.join("bob").isEmpty();
    }
    QString aliceToken() const { return aliceAck.value("token").toString(); }
};

// Sends a message and waits for its ack; returns the message's id.
qint64 say(TestClient &client, const QString &text, qint64 requestId)
{
    client.send("message", QJsonObject{{"text", text}}, requestId);
    const QJsonObject ack = client.next();
    return ack.value("data").toObject().value("id").toInteger();
}
} // namespace

class ResumeTest : public QObject
{
    Q_OBJECT
private slots:
    void lostConnectionIsHeldAndResumed();
    void cleanCloseLeavesAtOnce();
    void plainV1ClientLeavesAtOnce();
    void gracePeriodExpires();
    void resumeTakesOverAStaleConnection();
    void historyGapIsReported();
    void lastSeenIdFiltersAFreshJoin();
    void typingReachesOnlyThoseWhoAskedAndIsThrottled();
    void typingBeforeJoinIsRefused();
};

void ResumeTest::lostConnectionIsHeldAndResumed()
{
    auto server = startServer();
    QVERIFY(server);
    TestClient alice, bob;
    QVERIFY(alice.open(serverUrl(*server)));
    QVERIFY(bob.open(serverUrl(*server)));
    const QJsonObject first = joinWith(alice, joinData("alice"));
    const QString key = first.value("key").toString();
    const QString token = first.value("token").toString();
    QVERIFY(!token.isEmpty());
    QCOMPARE(first.value("resumed").toBool(true), false);
    QCOMPARE(first.value("features").toArray().toVariantList(), QVariantList({"resume", "typing"}));
    QVERIFY(!bob.join("bob").isEmpty());
    QCOMPARE(alice.next().value("event").toString(), "user connected");
    const qint64 seen = say(bob, "before the drop", 2);
    QCOMPARE(alice.next().value("event").toString(), "new chat msg");

    // The network goes away: no close handshake.
    alice.socket.abort();
    QTRY_COMPARE(server->heldUserCount(), 1);
    QCOMPARE(server->userCount(), 2); // still there for everyone
    const qint64 missed1 = say(bob, "while you were away", 3);
    const qint64 missed2 = say(bob, "and this", 4);
    QVERIFY(missed1 > seen && missed2 > missed1);

    TestClient again;
    QVERIFY(again.open(serverUrl(*server)));
    const QJsonObject resumed = joinWith(again, joinData("alice", allFeatures, token, seen));
    QCOMPARE(resumed.value("resumed").toBool(), true);
    QCOMPARE(resumed.value("key").toString(), key);
    QVERIFY(resumed.value("token").toString() != token); // a fresh token each time
    QCOMPARE(resumed.value("historyGap").toBool(true), false);
    const QJsonArray history = resumed.value("history").toArray();
    QCOMPARE(history.size(), 2); // exactly what was missed
    QCOMPARE(history.at(0).toObject().value("id").toInteger(), missed1);
    QCOMPARE(history.at(1).toObject().value("id").toInteger(), missed2);
    QCOMPARE(resumed.value("users").toArray().size(), 2);
    QCOMPARE(server->heldUserCount(), 0);

    // Bob saw neither a leave nor a join: his next frame is alice's message, same key.
    say(again, "back", 5);
    const QJsonObject next = bob.next();
    QCOMPARE(next.value("event").toString(), "new chat msg");
    QCOMPARE(next.value("data").toObject().value("key").toString(), key);
    QVERIFY(bob.received.empty());
}

void ResumeTest::cleanCloseLeavesAtOnce()
{
    Pair pair;
    QVERIFY(pair.start());
    auto &[server, alice, bob, first] = pair;
    alice.socket.close(QWebSocketProtocol::CloseCodeNormal, "bye");
    const QJsonObject left = bob.next();
    QCOMPARE(left.value("event").toString(), "user disconnected");
    QCOMPARE(left.value("data").toObject().value("name").toString(), "alice");
    QCOMPARE(server->heldUserCount(), 0);
}

void ResumeTest::plainV1ClientLeavesAtOnce()
{
    // The contract: without the "resume" feature a user leaves when its socket closes.
    auto server = startServer();
    QVERIFY(server);
    TestClient alice, bob;
    QVERIFY(alice.open(serverUrl(*server)));
    QVERIFY(bob.open(serverUrl(*server)));
    QVERIFY(!alice.join("alice").isEmpty());
    QVERIFY(!bob.join("bob").isEmpty());
    alice.socket.abort();
    QCOMPARE(bob.next().value("event").toString(), "user disconnected");
}

void ResumeTest::gracePeriodExpires()
{
    ServerConfig config;
    config.resumeGraceMs = 300;
    Pair pair;
    QVERIFY(pair.start(config));
    auto &[server, alice, bob, first] = pair;
    alice.socket.abort();
    QTRY_COMPARE(server->heldUserCount(), 1);
    const QJsonObject left = bob.next(3000);
    QCOMPARE(left.value("event").toString(), "user disconnected");
    QCOMPARE(server->heldUserCount(), 0);

    // Too late to resume: a fresh join, announced like any other.
    TestClient again;
    QVERIFY(again.open(serverUrl(*server)));
    const QJsonObject fresh =
        joinWith(again, joinData("alice", allFeatures, first.value("token").toString(), 0));
    QCOMPARE(fresh.value("resumed").toBool(), false);
    QVERIFY(fresh.value("key").toString() != first.value("key").toString());
    QCOMPARE(bob.next().value("event").toString(), "user connected");
}

void ResumeTest::resumeTakesOverAStaleConnection()
{
    // The client noticed the drop before the server did: its old connection still looks alive.
    Pair pair;
    QVERIFY(pair.start());
    auto &[server, alice, bob, first] = pair;
    QCOMPARE(alice.next().value("event").toString(), "user connected");

    TestClient again;
    QVERIFY(again.open(serverUrl(*server)));
    const QJsonObject resumed =
        joinWith(again, joinData("alice", allFeatures, first.value("token").toString(), 0));
    QCOMPARE(resumed.value("resumed").toBool(), true);
    QVERIFY(alice.waitDisconnected());
    QCOMPARE(int(alice.socket.closeCode()), 4000);
    QCOMPARE(server->userCount(), 2);
    say(again, "still me", 2);
    QCOMPARE(bob.next().value("event").toString(), "new chat msg");

    // The old token is spent: it cannot take the session back.
    TestClient thief;
    QVERIFY(thief.open(serverUrl(*server)));
    thief.send("join", joinData("alice", allFeatures, first.value("token").toString()), 1);
    QCOMPARE(thief.next().value("error").toObject().value("code").toString(), "name_taken");
}

void ResumeTest::historyGapIsReported()
{
    ServerConfig config;
    config.historySize = 3;
    Pair pair;
    QVERIFY(pair.start(config));
    auto &[server, alice, bob, first] = pair;
    alice.socket.abort();
    QTRY_COMPARE(server->heldUserCount(), 1);
    qint64 last = 0;
    for (int i = 0; i < 5; ++i)
        last = say(bob, QStringLiteral("m%1").arg(i), 10 + i);

    TestClient again;
    QVERIFY(again.open(serverUrl(*server)));
    const QJsonObject resumed =
        joinWith(again, joinData("alice", allFeatures, first.value("token").toString(), 0));
    QCOMPARE(resumed.value("resumed").toBool(), true);
    QCOMPARE(resumed.value("historyGap").toBool(), true);
    const QJsonArray history = resumed.value("history").toArray();
    QCOMPARE(history.size(), 3);
    QCOMPARE(history.last().toObject().value("id").toInteger(), last);
}

void ResumeTest::lastSeenIdFiltersAFreshJoin()
{
    // After a server restart there is nothing to resume, but lastSeenId still spares the client
    // the messages it has.
    auto server = startServer();
    QVERIFY(server);
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*server)));
    QVERIFY(!bob.join("bob").isEmpty());
    const qint64 one = say(bob, "one", 2);
    const qint64 two = say(bob, "two", 3);
    TestClient alice;
    QVERIFY(alice.open(serverUrl(*server)));
    const QJsonObject ack = joinWith(alice, joinData("alice", allFeatures, "unknown-token", one));
    QCOMPARE(ack.value("resumed").toBool(), false);
    QCOMPARE(ack.value("historyGap").toBool(), false);
    const QJsonArray history = ack.value("history").toArray();
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.at(0).toObject().value("id").toInteger(), two);
}

void ResumeTest::typingReachesOnlyThoseWhoAskedAndIsThrottled()
{
    auto server = startServer();
    QVERIFY(server);
    TestClient alice, bob, carol;
    QVERIFY(alice.open(serverUrl(*server)));
    QVERIFY(bob.open(serverUrl(*server)));
    QVERIFY(carol.open(serverUrl(*server)));
    const QString aliceKey = joinWith(alice, joinData("alice")).value("key").toString();
    QVERIFY(!bob.join("bob").isEmpty());                                // a v1 client
    QVERIFY(!joinWith(carol, joinData("carol", {"typing"})).isEmpty()); // asked for typing
    QTRY_COMPARE(bob.receivedCount, 2);                                 // the ack, carol joined
    QTRY_COMPARE(alice.receivedCount, 3); // the ack, bob and carol joined
    bob.received.clear();
    alice.received.clear();

    alice.send(QJsonObject{{"event", "typing"}});
    alice.send(QJsonObject{{"event", "typing"}, {"id", 7}});
    alice.send(QJsonObject{{"event", "typing"}});
    QCOMPARE(alice.next().value("event").toString(), "ack"); // the typing with an id
    say(alice, "hello", 8);

    const QJsonObject typing = carol.next();
    QCOMPARE(typing.value("event").toString(), "typing");
    QCOMPARE(typing.value("data").toObject().value("key").toString(), aliceKey);
    QCOMPARE(typing.value("data").toObject().value("name").toString(), "alice");
    // Throttled: one relayed of three; then the message.
    QCOMPARE(carol.next().value("event").toString(), "new chat msg");
    // Bob never asked: he gets the message and nothing else.
    QCOMPARE(bob.next().value("event").toString(), "new chat msg");
    QVERIFY(bob.received.empty());
}

void ResumeTest::typingBeforeJoinIsRefused()
{
    auto server = startServer();
    QVERIFY(server);
    TestClient alice;
    QVERIFY(alice.open(serverUrl(*server)));
    alice.send(QJsonObject{{"event", "typing"}, {"id", 3}});
    QCOMPARE(alice.next().value("error").toObject().value("code").toString(), "not_joined");
}

QTEST_GUILESS_MAIN(ResumeTest)
#include "tst_resume.moc"
