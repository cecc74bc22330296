// Feature "rooms" (protocol-v2.md): every request and event through real sockets against a real
// server in this process.
#include "roomsfixture.h"

#include <QtTest>

using namespace chat::server;
using namespace rooms;

class RoomsTest : public QObject
{
    Q_OBJECT
private slots:
    void joinAckOfARoomsClient();
    void joinEntersTheListedRooms();
    void joinRefusesABadRoomAndJoinsNothing();
    void enterCreatesTellsAndReentersQuietly();
    void roomNamesAndTopics();
    void messagesReachTheRoomOnly();
    void generalIsSharedWithV1Clients();
    void leaveAndTopic();
    void roomsAreListedSortedIgnoringCase();
    void privateMessages();
    void historyPagesFromMemory();
    void limits();
    void enterAckComesBeforeTheRoomsEvents();
};

void RoomsTest::joinAckOfARoomsClient()
{
    auto server = startServer(scriptedConfig());
    QVERIFY(server);
    TestClient alice;
    const QJsonObject ack = joinRooms(alice, *server, "alice");
    QVERIFY(ack.value("features").toArray().contains("rooms"));
    QCOMPARE(ack.value("history").toArray().size(), 0);
    QVERIFY(ack.value("private").isArray());
    QCOMPARE(ack.value("private").toArray().size(), 0);
    const QJsonArray states = ack.value("rooms").toArray();
    QCOMPARE(states.size(), 1); // general, by default
    const QJsonObject general = states.at(0).toObject();
    QCOMPARE(general.keys(), QStringList({"history", "historyGap", "name", "topic", "users"}));
    QCOMPARE(general.value("name").toString(), "general");
    QCOMPARE(names(general.value("users").toArray()), QStringList{"alice"});
    const QJsonObject limits = ack.value("limits").toObject();
    QCOMPARE(limits.value("maxRooms").toInt(), 50);
    QCOMPARE(limits.value("maxTopicLength").toInt(), 200);
}

void RoomsTest::joinEntersTheListedRooms()
{
    auto server = startServer(scriptedConfig());
    QVERIFY(server);
    TestClient alice, bob;
    joinRooms(alice, *server, "alice", {{"rooms", QJsonArray{"Dev"}}});
    const QJsonObject ack =
        joinRooms(bob, *server, "bob", {{"rooms", QJsonArray{"dev", "Ops", "DEV"}}});
    const QJsonArray states = ack.value("rooms").toArray();
    QCOMPARE(states.size(), 2); // dev and DEV are one room: "Dev", as its creator spelled it
    QCOMPARE(names(roomState(states, "Dev").value("users").toArray()),
             QStringList({"alice", "bob"}));
    QCOMPARE(names(roomState(states, "Ops").value("users").toArray()), QStringList{"bob"});
    QVERIFY(roomState(states, "general").isEmpty()); // not listed: not entered
    // Alice: user connected (server-wide), then user entered for Dev.
    QCOMPARE(nextEvent(alice).value("event").toString(), "user connected");
    const QJsonObject entered = nextEvent(alice);
    QCOMPARE(entered.value("event").toString(), "user entered");
    QCOMPARE(entered.value("data").toObject().value("room").toString(), "Dev");
    QCOMPARE(entered.value("data").toObject().value("name").toString(), "bob");
    QCOMPARE(entered.value("data").toObject().value("key").toString(), ack.value("key").toString());
}

void RoomsTest::joinRefusesABadRoomAndJoinsNothing()
{
    auto server = startServer(scriptedConfig());
    QVERIFY(server);
    TestClient alice;
    QVERIFY(alice.open(serverUrl(*server)));
    QJsonObject data = joinData("alice");
    data.insert("rooms", QJsonArray{"fine", "not fine"});
    QCOMPARE(errorCode(alice, "join", data, 1), "invalid_room");
    QCOMPARE(server->userCount(), 0);
    data.insert("rooms", "general");
    QCOMPARE(errorCode(alice, "join", data, 2), "bad_request");
    data.insert("rooms", QJsonArray{"fine"});
    QVERIFY(!requestData(alice, "join", data, 3).isEmpty());
    QCOMPARE(server->roomCount(), 2);
}

void RoomsTest::enterCreatesTellsAndReentersQuietly()
{
    auto server = startServer(scriptedConfig());
    QVERIFY(server);
    TestClient alice, bob;
    joinRooms(alice, *server, "alice");
    const QString bobKey = joinRooms(bob, *server, "bob").value("key").toString();
    QCOMPARE(nextEvent(alice).value("event").toString(), "user connected");
    const QJsonObject inGeneral = nextEvent(alice); // bob's join entered general
    QCOMPARE(inGeneral.value("event").toString(), "user entered");
    QCOMPARE(inGeneral.value("data").toObject().value("room").toString(), "general");

    const QJsonObject created =
        requestData(alice, "enter", QJsonObject{{"room", " Dev "}, {"topic", "builds"}}, 2);
    const QJsonObject state = created.value("room").toObject();
    QCOMPARE(state.value("name").toString(), "Dev");
    QCOMPARE(state.value("topic").toString(), "builds");
    QCOMPARE(names(state.value("users").toArray()), QStringList{"alice"});
    QCOMPARE(state.value("history").toArray().size(), 0);
    QCOMPARE(state.value("historyGap").toBool(true), false);

    // The topic applies only on creation.
    const QJsonObject second =
        requestData(bob, "enter", QJsonObject{{"room", "dev"}, {"topic", "other"}}, 2);
    QCOMPARE(second.value("room").toObject().value("topic").toString(), "builds");
    QCOMPARE(names(second.value("room").toObject().value("users").toArray()),
             QStringList({"alice", "bob"}));
    const QJsonObject entered = nextEvent(alice);
    QCOMPARE(entered.value("event").toString(), "user entered");
    QCOMPARE(entered.value("data").toObject(),
             QJsonObject({{"room", "Dev"}, {"key", bobKey}, {"name", "bob"}}));

    // Re-entering answers the state again and tells nobody: alice's next frame is the marker.
    const QJsonObject again = requestData(bob, "enter", QJsonObject{{"room", "DEV"}}, 3);
    QCOMPARE(again.value("room").toObject().value("name").toString(), "Dev");
    requestData(bob, "message", QJsonObject{{"room", "Dev"}, {"text", "marker"}}, 4);
    const QJsonObject marker = nextEvent(alice);
    QCOMPARE(marker.value("event").toString(), "new chat msg");
    QCOMPARE(marker.value("data").toObject().value("message").toString(), "marker");
}

void RoomsTest::roomNamesAndTopics()
{
    auto server = startServer(scriptedConfig());
    QVERIFY(server);
    TestClient alice;
    joinRooms(alice, *server, "alice");
    qint64 id = 2;
    for (const QString &bad : {QString(), QString("  "), QString("two words"), QString("x!"),
                               QString(33, QChar('a')), QString("tab\there"), QString("a+b")})
        QCOMPARE(errorCode(alice, "enter", QJsonObject{{"room", bad}}, id++), "invalid_room");
    for (const QString &good :
         {QString("Café-1.x_y"), QString(32, QChar('b')), QString("Мир"), QString("日本語")})
        QVERIFY(!requestData(alice, "enter", QJsonObject{{"room", good}}, id++).isEmpty());
    QCOMPARE(errorCode(alice, "enter", QJsonObject{{"room", "new"}, {"topic", "a\u0007b"}}, id++),
             "invalid_topic");
    QCOMPARE(
        errorCode(alice, "enter", QJsonObject{{"room", "new"}, {"topic", QString(201, 'x')}}, id++),
        "invalid_topic");
    QVERIFY(!requestData(alice, "enter", QJsonObject{{"room", "new"}, {"topic", QString(200, 'x')}},
                         id++)
                 .isEmpty());
    QCOMPARE(errorCode(alice, "enter", QJsonObject{{"room", 5}}, id++), "bad_request");
    QCOMPARE(errorCode(alice, "enter", QJsonObject{{"room", "x"}, {"topic", 5}}, id++),
             "bad_request");
}

void RoomsTest::messagesReachTheRoomOnly()
{
    auto server = startServer(scriptedConfig());
    QVERIFY(server);
    TestClient alice, bob, carol;
    joinRooms(alice, *server, "alice", {{"rooms", QJsonArray{"Dev", "general"}}});
    joinRooms(bob, *server, "bob", {{"rooms", QJsonArray{"Dev"}}});
    joinRooms(carol, *server, "carol", {{"rooms", QJsonArray{"general"}}});
    alice.received.clear();
    bob.received.clear();

    const QJsonObject ack =
        requestData(alice, "message", QJsonObject{{"room", "dev"}, {"text", "in dev"}}, 2);
    QVERIFY(ack.value("id").toInteger() > 0);
    const QJsonObject got = nextEvent(bob);
    QCOMPARE(got.value("event").toString(), "new chat msg");
    const QJsonObject msg = got.value("data").toObject();
    QCOMPARE(msg.keys(), QStringList({"id", "key", "message", "room", "sender", "ts"}));
    QCOMPARE(msg.value("room").toString(), "Dev");
    QCOMPARE(msg.value("id").toInteger(), ack.value("id").toInteger());
    // Carol (not in Dev) sees general's message next, not Dev's.
    requestData(alice, "message", QJsonObject{{"text", "in general"}}, 3);
    const QJsonObject general = nextEvent(carol);
    QCOMPARE(general.value("data").toObject().value("message").toString(), "in general");
    QCOMPARE(general.value("data").toObject().value("room").toString(), "general");
    // Not a member: not_in_room; an unknown room too.
    QCOMPARE(errorCode(carol, "message", QJsonObject{{"room", "Dev"}, {"text", "x"}}, 2),
             "not_in_room");
    QCOMPARE(errorCode(carol, "message", QJsonObject{{"room", "nowhere"}, {"text", "x"}}, 3),
             "not_in_room");
    QCOMPARE(errorCode(carol, "message", QJsonObject{{"room", 7}, {"text", "x"}}, 4),
             "bad_request");
    QCOMPARE(errorCode(bob, "message", QJsonObject{{"text", "general?"}}, 2), "not_in_room");
}

void RoomsTest::generalIsSharedWithV1Clients()
{
    auto server = startServer(scriptedConfig());
    QVERIFY(server);
    TestClient alice, dave;
    joinRooms(alice, *server, "alice");
    QVERIFY(!joinV1(dave, *server, "dave").isEmpty());
    QCOMPARE(nextEvent(alice).value("event").toString(), "user connected");
    // Dave (v1) is in general: its rooms members learn it as of anyone entering.
    const QJsonObject entered = nextEvent(alice);
    QCOMPARE(entered.value("event").toString(), "user entered");
    QCOMPARE(entered.value("data").toObject().value("room").toString(), "general");
    QCOMPARE(entered.value("data").toObject().value("name").toString(), "dave");
    dave.send("message", QJsonObject{{"text", "from v1"}}, 2);
    const QJsonObject got = nextEvent(alice);
    QCOMPARE(got.value("data").toObject().value("room").toString(), "general");
    requestData(alice, "message", QJsonObject{{"room", "general"}, {"text", "from rooms"}}, 2);
    const QJsonObject v1 = nextEvent(dave);
    QCOMPARE(v1.value("data").toObject().keys(),
             QStringList({"id", "key", "message", "sender", "ts"}));
    // A rooms client that left general no longer sees it.
    requestData(alice, "leave", QJsonObject{{"room", "general"}}, 3);
    // Acknowledged before alice comes back: it was relayed while she was out of general.
    QVERIFY(!requestData(dave, "message", QJsonObject{{"text", "unseen"}}, 3).isEmpty());
    requestData(alice, "enter", QJsonObject{{"room", "general"}}, 4);
    const QJsonObject state = requestData(alice, "enter", QJsonObject{{"room", "general"}}, 5);
    QCOMPARE(state.value("room").toObject().value("history").toArray().size(), 3);
    dave.send("message", QJsonObject{{"text", "seen"}}, 4);
    QCOMPARE(nextEvent(alice).value("data").toObject().value("message").toString(), "seen");
}

void RoomsTest::leaveAndTopic()
{
    auto server = startServer(scriptedConfig());
    QVERIFY(server);
    TestClient alice, bob;
    joinRooms(alice, *server, "alice", {{"rooms", QJsonArray{"Dev"}}});
    const QString bobKey =
        joinRooms(bob, *server, "bob", {{"rooms", QJsonArray{"Dev"}}}).value("key").toString();
    alice.received.clear();

    QCOMPARE(errorCode(bob, "topic", QJsonObject{{"room", "general"}, {"topic", "t"}}, 2),
             "not_in_room");
    QCOMPARE(errorCode(bob, "topic", QJsonObject{{"room", "Dev"}, {"topic", "a\nb"}}, 3),
             "invalid_topic");
    QCOMPARE(errorCode(bob, "topic", QJsonObject{{"room", "Dev"}}, 4), "bad_request");
    QVERIFY(request(bob, "topic", QJsonObject{{"room", "dev"}, {"topic", "ship it"}}, 5)
                .value("data")
                .toObject()
                .isEmpty());
    const QJsonObject changed = nextEvent(alice);
    QCOMPARE(changed.value("event").toString(), "topic changed");
    QCOMPARE(
        changed.value("data").toObject(),
        QJsonObject({{"room", "Dev"}, {"topic", "ship it"}, {"key", bobKey}, {"name", "bob"}}));

    QCOMPARE(errorCode(bob, "leave", QJsonObject{{"room", "general"}}, 6), "not_in_room");
    QCOMPARE(errorCode(bob, "leave", QJsonObject{{"room", "bad name"}}, 7), "not_in_room");
    const QJsonObject left = request(bob, "leave", QJsonObject{{"room", "DEV"}}, 8);
    QVERIFY(left.contains("data") && !left.contains("error"));
    const QJsonObject event = nextEvent(alice);
    QCOMPARE(event.value("event").toString(), "user left");
    QCOMPARE(event.value("data").toObject(),
             QJsonObject({{"room", "Dev"}, {"key", bobKey}, {"name", "bob"}}));
    QCOMPARE(errorCode(bob, "message", QJsonObject{{"room", "Dev"}, {"text", "x"}}, 9),
             "not_in_room");
    // Disconnecting is not `user left`: `user disconnected` says it all.
    alice.socket.close();
    const QJsonObject gone = nextEvent(bob);
    QCOMPARE(gone.value("event").toString(), "user disconnected");
}

void RoomsTest::roomsAreListedSortedIgnoringCase()
{
    auto server = startServer(scriptedConfig());
    QVERIFY(server);
    TestClient alice, dave;
    joinRooms(alice, *server, "alice");
    QVERIFY(!joinV1(dave, *server, "dave").isEmpty());
    requestData(alice, "enter", QJsonObject{{"room", "beta"}, {"topic", "b"}}, 2);
    requestData(alice, "enter", QJsonObject{{"room", "Alpha"}}, 3);
    requestData(alice, "enter", QJsonObject{{"room", "Gamma"}}, 4);
    const QJsonArray listed = requestData(alice, "rooms", QJsonValue(), 5).value("rooms").toArray();
    QStringList order;
    for (const QJsonValue &room : listed)
        order << room.toObject().value("name").toString();
    QCOMPARE(order, QStringList({"Alpha", "beta", "Gamma", "general"}));
    QCOMPARE(listed.at(1).toObject(),
             QJsonObject({{"name", "beta"}, {"topic", "b"}, {"members", 1}}));
    QCOMPARE(listed.at(3).toObject().value("members").toInt(), 2); // alice and the v1 client
}

void RoomsTest::privateMessages()
{
    auto server = startServer(scriptedConfig());
    QVERIFY(server);
    TestClient alice, bob, dave;
    const QString aliceKey = joinRooms(alice, *server, "alice").value("key").toString();
    const QString bobKey = joinRooms(bob, *server, "bob").value("key").toString();
    const QString daveKey = joinV1(dave, *server, "dave").value("key").toString();

    QCOMPARE(errorCode(alice, "private", QJsonObject{{"to", daveKey}, {"text", "hi"}}, 2),
             "unsupported");
    QCOMPARE(errorCode(alice, "private", QJsonObject{{"to", aliceKey}, {"text", "hi"}}, 3),
             "bad_request");
    QCOMPARE(errorCode(alice, "private", QJsonObject{{"to", "nobody"}, {"text", "hi"}}, 4),
             "no_such_user");
    QCOMPARE(errorCode(alice, "private", QJsonObject{{"to", bobKey}, {"text", "  "}}, 5),
             "invalid_message");
    QCOMPARE(errorCode(alice, "private", QJsonObject{{"to", bobKey}}, 6), "bad_request");
    const qint64 roomId =
        requestData(alice, "message", QJsonObject{{"text", "public"}}, 7).value("id").toInteger();
    const QJsonObject ack =
        requestData(alice, "private", QJsonObject{{"to", bobKey}, {"text", "psst"}}, 8);
    QVERIFY(ack.value("id").toInteger() > roomId); // one sequence
    QVERIFY(ack.value("ts").toInteger() > 0);
    const QJsonObject got = [&] {
        for (;;) {
            const QJsonObject frame = nextEvent(bob);
            if (frame.isEmpty() || frame.value("event") == "private msg")
                return frame;
        }
    }();
    QCOMPARE(got.value("data").toObject(), QJsonObject({{"id", ack.value("id")},
                                                        {"key", aliceKey},
                                                        {"sender", "alice"},
                                                        {"to", bobKey},
                                                        {"message", "psst"},
                                                        {"ts", ack.value("ts")}}));
}

void RoomsTest::historyPagesFromMemory()
{
    auto server = startServer(scriptedConfig());
    QVERIFY(server);
    TestClient alice, bob;
    joinRooms(alice, *server, "alice", {{"rooms", QJsonArray{"Dev"}}});
    joinRooms(bob, *server, "bob");
    QList<qint64> ids;
    for (int i = 0; i < 7; ++i)
        ids << requestData(alice, "message",
                           QJsonObject{{"room", "Dev"}, {"text", QString::number(i)}}, 10 + i)
                   .value("id")
                   .toInteger();
    QCOMPARE(errorCode(bob, "history", QJsonObject{{"room", "Dev"}}, 2), "not_in_room");
    QCOMPARE(errorCode(alice, "history", QJsonObject{{"room", "Dev"}, {"limit", 0}}, 3),
             "bad_request");
    QCOMPARE(errorCode(alice, "history", QJsonObject{{"room", "Dev"}, {"limit", 101}}, 4),
             "bad_request");
    QCOMPARE(errorCode(alice, "history", QJsonObject{{"room", "Dev"}, {"before", "x"}}, 5),
             "bad_request");
    QCOMPARE(errorCode(alice, "history", QJsonObject{{"limit", 5}}, 6), "bad_request");

    QJsonObject page =
        requestData(alice, "history", QJsonObject{{"room", "dev"}, {"limit", 3}}, 20);
    QJsonArray messages = page.value("messages").toArray();
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages.at(0).toObject().value("id").toInteger(), ids[4]); // oldest first
    QCOMPARE(messages.at(2).toObject().value("id").toInteger(), ids[6]);
    QCOMPARE(messages.at(2).toObject().value("room").toString(), "Dev");
    QCOMPARE(page.value("more").toBool(), true);
    page = requestData(alice, "history",
                       QJsonObject{{"room", "Dev"}, {"limit", 3}, {"before", ids[4]}}, 21);
    QCOMPARE(page.value("messages").toArray().at(0).toObject().value("id").toInteger(), ids[1]);
    QCOMPARE(page.value("more").toBool(), true);
    page = requestData(alice, "history",
                       QJsonObject{{"room", "Dev"}, {"limit", 3}, {"before", ids[1]}}, 22);
    QCOMPARE(page.value("messages").toArray().size(), 1);
    QCOMPARE(page.value("more").toBool(), false);
    page = requestData(alice, "history", QJsonObject{{"room", "Dev"}, {"before", ids[0]}}, 23);
    QCOMPARE(page.value("messages").toArray().size(), 0);
    QCOMPARE(page.value("more").toBool(), false);
    page = requestData(alice, "history", QJsonObject{{"room", "Dev"}}, 24); // default limit 50
    QCOMPARE(page.value("messages").toArray().size(), 7);
}

void RoomsTest::limits()
{
    ServerConfig config = scriptedConfig();
    config.maxRoomsPerUser = 3; // general and two more
    config.maxRooms = 4;
    config.maxTopicCodePoints = 5;
    auto server = startServer(config);
    QVERIFY(server);
    TestClient alice, bob;
    const QJsonObject ack = joinRooms(alice, *server, "alice");
    QCOMPARE(ack.value("limits").toObject().value("maxRooms").toInt(), 3);
    QCOMPARE(ack.value("limits").toObject().value("maxTopicLength").toInt(), 5);
    QVERIFY(
        !requestData(alice, "enter", QJsonObject{{"room", "a"}, {"topic", "12345"}}, 2).isEmpty());
    QCOMPARE(errorCode(alice, "enter", QJsonObject{{"room", "b"}, {"topic", "123456"}}, 3),
             "invalid_topic");
    QVERIFY(!requestData(alice, "enter", QJsonObject{{"room", "b"}}, 4).isEmpty());
    QCOMPARE(errorCode(alice, "enter", QJsonObject{{"room", "c"}}, 5), "too_many_rooms");
    // At the limit, entering a room one is in still answers its state.
    QVERIFY(!requestData(alice, "enter", QJsonObject{{"room", "A"}}, 6).isEmpty());
    // The server's limit: general, a, b and one more.
    joinRooms(bob, *server, "bob");
    QVERIFY(!requestData(bob, "enter", QJsonObject{{"room", "c"}}, 2).isEmpty());
    QCOMPARE(server->roomCount(), 4);
    QCOMPARE(errorCode(bob, "enter", QJsonObject{{"room", "d"}}, 3), "too_many_rooms");
    QVERIFY(!requestData(bob, "enter", QJsonObject{{"room", "a"}}, 4).isEmpty()); // exists
    TestClient carol;
    QVERIFY(carol.open(serverUrl(*server)));
    QJsonObject data = joinData("carol");
    data.insert("rooms", QJsonArray{"x", "y"});
    QCOMPARE(errorCode(carol, "join", data, 1), "too_many_rooms");
}

void RoomsTest::enterAckComesBeforeTheRoomsEvents()
{
    // Two workers: alice's enter ack and bob's `user entered` come from different threads
    // (the race behind a random tst_clientrooms failure in CI).
    auto config = scriptedConfig();
    config.workerThreads = 2;
    auto server = startServer(config);
    QVERIFY(server);
    TestClient alice, bob;
    joinRooms(alice, *server, "alice");
    joinRooms(bob, *server, "bob");
    const QString outcome = enterRaceOutcome(alice, bob, "bob", 15);
    QVERIFY2(outcome.isEmpty(), qPrintable(outcome));
}

QTEST_GUILESS_MAIN(RoomsTest)
#include "tst_rooms.moc"
