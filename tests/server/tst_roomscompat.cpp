// Feature "rooms" next to protocol v1: a client that did not list "rooms" sees exactly v1, and
// a rooms session resumes with its rooms and what it missed in them.
#include "roomsfixture.h"

#include <QtTest>

using namespace chat::server;
using namespace rooms;

namespace {
QStringList keysOf(const QJsonValue &value)
{
    return value.toObject().keys();
}
} // namespace

class RoomsCompatTest : public QObject
{
    Q_OBJECT
private slots:
    void v1ClientSeesExactlyV1();
    void v1ClientsGetUnknownEventForRoomsRequests();
    void resumeRestoresRoomsAndMissedMessages();
};

void RoomsCompatTest::v1ClientSeesExactlyV1()
{
    auto server = startServer(scriptedConfig());
    QVERIFY(server);
    TestClient dave, alice, bob;
    const QJsonObject daveAck = joinV1(dave, *server, "dave");
    QVERIFY(!daveAck.contains("rooms") && !daveAck.contains("private"));
    QVERIFY(!daveAck.value("features").toArray().contains("rooms"));
    QVERIFY(!daveAck.value("limits").toObject().contains("maxRooms"));
    QVERIFY(!daveAck.value("limits").toObject().contains("maxTopicLength"));
    for (const QJsonValue &msg : daveAck.value("history").toArray())
        QCOMPARE(keysOf(msg), QStringList({"id", "key", "message", "sender", "ts"}));

    // Everything rooms clients can do, next to dave.
    const QString aliceKey = joinRooms(alice, *server, "alice").value("key").toString();
    const QString bobKey = joinRooms(bob, *server, "bob", {{"rooms", QJsonArray{"general", "Dev"}}})
                               .value("key")
                               .toString();
    requestData(alice, "enter", QJsonObject{{"room", "Dev"}}, 2);
    requestData(alice, "topic", QJsonObject{{"room", "general"}, {"topic", "hello"}}, 3);
    requestData(alice, "topic", QJsonObject{{"room", "Dev"}, {"topic", "builds"}}, 4);
    requestData(alice, "message", QJsonObject{{"room", "Dev"}, {"text", "dev only"}}, 5);
    requestData(alice, "private", QJsonObject{{"to", bobKey}, {"text", "psst"}}, 6);
    requestData(alice, "message", QJsonObject{{"room", "general"}, {"text", "to all"}}, 7);
    requestData(bob, "leave", QJsonObject{{"room", "general"}}, 2);
    requestData(bob, "enter", QJsonObject{{"room", "general"}}, 3);
    requestData(alice, "history", QJsonObject{{"room", "general"}}, 8);
    dave.send("message", QJsonObject{{"text", "from dave"}}, 2);
    // Its ack first (it follows the commit, and could otherwise come after bob's leave).
    QTRY_VERIFY(std::any_of(dave.received.begin(), dave.received.end(),
                            [](const QJsonObject &f) { return f.value("event") == "ack"; }));
    bob.socket.close();
    // The last thing dave is due: bob's disconnect.
    QTRY_VERIFY(std::any_of(dave.received.begin(), dave.received.end(), [](const QJsonObject &f) {
        return f.value("event") == "user disconnected";
    }));

    QStringList events;
    for (const QJsonObject &frame : dave.received) {
        const QString event = frame.value("event").toString();
        events << event;
        if (event == "ack") {
            QCOMPARE(frame.keys(), QStringList({"data", "event", "id"}));
            QCOMPARE(keysOf(frame.value("data")), QStringList({"id", "ts"}));
            continue;
        }
        QCOMPARE(frame.keys(), QStringList({"data", "event"}));
        if (event == "new chat msg") {
            QCOMPARE(keysOf(frame.value("data")),
                     QStringList({"id", "key", "message", "sender", "ts"}));
        } else {
            QCOMPARE(keysOf(frame.value("data")), QStringList({"key", "name"}));
        }
    }
    QCOMPARE(events, QStringList({"user connected", "user connected", "new chat msg", "ack",
                                  "user disconnected"}));
    QCOMPARE(dave.received.at(2).value("data").toObject().value("message").toString(), "to all");
    QCOMPARE(dave.received.at(2).value("data").toObject().value("key").toString(), aliceKey);
}

void RoomsCompatTest::v1ClientsGetUnknownEventForRoomsRequests()
{
    auto server = startServer(scriptedConfig());
    QVERIFY(server);
    TestClient dave, alice;
    QVERIFY(!joinV1(dave, *server, "dave").isEmpty());
    const QString aliceKey = joinRooms(alice, *server, "alice").value("key").toString();
    const QList<QPair<QString, QJsonValue>> requests{
        {"rooms", QJsonValue()},
        {"enter", QJsonObject{{"room", "Dev"}}},
        {"enter", QJsonValue(5)}, // malformed too: still unknown to v1
        {"leave", QJsonObject{{"room", "general"}}},
        {"topic", QJsonObject{{"room", "general"}, {"topic", "x"}}},
        {"private", QJsonObject{{"to", aliceKey}, {"text", "x"}}},
        {"history", QJsonObject{{"room", "general"}}},
    };
    qint64 id = 10;
    for (const auto &[event, data] : requests)
        QCOMPARE(errorCode(dave, event, data, id++), "unknown_event");
    // "room" in a v1 message is an unknown member: the message goes to general.
    dave.send("message", QJsonObject{{"room", "Dev"}, {"text", "still general"}}, id++);
    QJsonObject got;
    do
        got = nextEvent(alice);
    while (!got.isEmpty() && got.value("event") != "new chat msg");
    QCOMPARE(got.value("data").toObject().value("room").toString(), "general");
    QCOMPARE(server->roomCount(), 1);
}

void RoomsCompatTest::resumeRestoresRoomsAndMissedMessages()
{
    auto server = startServer(scriptedConfig());
    QVERIFY(server);
    TestClient alice, bob;
    const QJsonObject first = joinRooms(
        alice, *server, "alice", {{"rooms", QJsonArray{"general", "Dev"}}}, {"rooms", "resume"});
    const QString aliceKey = first.value("key").toString();
    QVERIFY(!joinRooms(bob, *server, "bob", {{"rooms", QJsonArray{"general", "Dev", "Ops"}}})
                 .isEmpty());
    const qint64 seen =
        requestData(bob, "message", QJsonObject{{"room", "Dev"}, {"text", "seen"}}, 2)
            .value("id")
            .toInteger();

    alice.socket.abort(); // lost, not closed: held
    QTRY_COMPARE(server->heldUserCount(), 1);
    const qint64 inDev =
        requestData(bob, "message", QJsonObject{{"room", "Dev"}, {"text", "missed in dev"}}, 3)
            .value("id")
            .toInteger();
    const qint64 inGeneral =
        requestData(bob, "message", QJsonObject{{"text", "missed in general"}}, 4)
            .value("id")
            .toInteger();
    requestData(bob, "message", QJsonObject{{"room", "Ops"}, {"text", "not alice's room"}}, 5);
    const qint64 inPrivate =
        requestData(bob, "private", QJsonObject{{"to", aliceKey}, {"text", "missed privately"}}, 6)
            .value("id")
            .toInteger();
    QVERIFY(inPrivate > 0);

    TestClient again;
    const QJsonObject resumed =
        joinRooms(again, *server, "alice", {{"token", first.value("token")}, {"lastSeenId", seen}},
                  {"rooms", "resume"});
    QCOMPARE(resumed.value("resumed").toBool(), true);
    QCOMPARE(resumed.value("key").toString(), aliceKey);
    QCOMPARE(resumed.value("history").toArray().size(), 0);
    const QJsonArray states = resumed.value("rooms").toArray();
    QCOMPARE(states.size(), 2);
    const QJsonArray dev = roomState(states, "Dev").value("history").toArray();
    QCOMPARE(dev.size(), 1);
    QCOMPARE(dev.at(0).toObject().value("id").toInteger(), inDev);
    const QJsonArray general = roomState(states, "general").value("history").toArray();
    QCOMPARE(general.size(), 1);
    QCOMPARE(general.at(0).toObject().value("id").toInteger(), inGeneral);
    const QJsonArray missed = resumed.value("private").toArray();
    QCOMPARE(missed.size(), 1);
    QCOMPARE(missed.at(0).toObject().value("id").toInteger(), inPrivate);
    QCOMPARE(missed.at(0).toObject().value("message").toString(), "missed privately");

    // Back in its rooms on the new connection.
    requestData(bob, "message", QJsonObject{{"room", "Dev"}, {"text", "welcome back"}}, 7);
    QCOMPARE(nextEvent(again).value("data").toObject().value("message").toString(), "welcome back");
}

QTEST_GUILESS_MAIN(RoomsCompatTest)
#include "tst_roomscompat.moc"
