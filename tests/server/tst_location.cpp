// Feature "location" through real sockets (docs/protocol.md, "Locations"): negotiation, who gets
// a `location update` (the clients that listed the feature, never the sender, never a v1 or a
// rooms-only client), bad_request, the throttle (coalesced updates, the latest relayed when the
// window ends), `request locations` and stopping. Leaving, resuming, kicks and floods are
// tst_locationleave's.
#include "locationfixture.h"

#include <QtTest>

#include <QDateTime>

using namespace chat::server;
using location::hasUpdateFrom;
using location::position;
using location::share;
using location::updates;

class LocationTest : public QObject
{
    Q_OBJECT
private slots:
    void negotiation();
    void notOfferedWhenDisabled();
    void notJoinedBeforeJoin();
    void relayedToLocationClientsOnly();
    void badRequestsLeaveTheConnectionUsable_data();
    void badRequestsLeaveTheConnectionUsable();
    void burstIsCoalesced();
    void defaultWindowIsOneSecond();
    void requestLocationsListsEveryShare();
    void stopSharing();
};

void LocationTest::negotiation()
{
    auto server = startServer(location::config(0));
    QVERIFY(server);
    TestClient alice, ron, vic;
    const QJsonObject aliceAck = location::join(alice, *server, "alice", {"rooms"});
    QVERIFY(aliceAck.value("features").toArray().contains("location"));
    QVERIFY(aliceAck.value("features").toArray().contains("rooms"));
    const QJsonObject ronAck = rooms::joinRooms(ron, *server, "ron");
    QVERIFY(!ronAck.isEmpty());
    QVERIFY(!ronAck.value("features").toArray().contains("location"));
    const QJsonObject vicAck = rooms::joinV1(vic, *server, "vic");
    QVERIFY(!vicAck.isEmpty());
    QVERIFY(!vicAck.value("features").toArray().contains("location"));
    // A client that did not list it: the requests are unknown, as before the feature.
    for (TestClient *other : {&ron, &vic}) {
        QCOMPARE(share(*other, position(1, 2), 5), "unknown_event");
        QCOMPARE(rooms::errorCode(*other, "request locations", QJsonValue(), 6), "unknown_event");
    }
    QCOMPARE(share(alice, position(1, 2), 5), "");
}

void LocationTest::notOfferedWhenDisabled()
{
    ServerConfig config = location::config(0);
    config.locationEnabled = false;
    auto server = startServer(config);
    QVERIFY(server);
    TestClient alice;
    const QJsonObject ack = location::join(alice, *server, "alice");
    QVERIFY(!ack.isEmpty());
    QVERIFY(!ack.value("features").toArray().contains("location"));
    QCOMPARE(share(alice, position(1, 2), 2), "unknown_event");
}

void LocationTest::notJoinedBeforeJoin()
{
    auto server = startServer(location::config(0));
    QVERIFY(server);
    TestClient early;
    QVERIFY(early.open(serverUrl(*server)));
    QCOMPARE(share(early, position(1, 2), 1), "not_joined");
    QCOMPARE(rooms::errorCode(early, "request locations", QJsonValue(), 2), "not_joined");
    QVERIFY(!location::join(early, *server, "early").isEmpty());
}

void LocationTest::relayedToLocationClientsOnly()
{
    auto server = startServer(location::config(0));
    QVERIFY(server);
    TestClient vic, ron, alice, bob, newcomer;
    QVERIFY(!rooms::joinV1(vic, *server, "vic").isEmpty());
    QVERIFY(!rooms::joinRooms(ron, *server, "ron").isEmpty());
    const QString aliceKey = location::join(alice, *server, "alice").value("key").toString();
    QVERIFY(!location::join(bob, *server, "bob", {"rooms", "typing"}).isEmpty());
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(share(alice, position(48.8566, 2.3522), 2), "");
    QTRY_COMPARE(updates(bob).size(), 1);
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject update = updates(bob).first();
    QCOMPARE(update.keys(), QStringList({"key", "lat", "lng", "name", "ts"}));
    QCOMPARE(update.value("key").toString(), aliceKey);
    QCOMPARE(update.value("name").toString(), "alice");
    QCOMPARE(update.value("lat").toDouble(), 48.8566);
    QCOMPARE(update.value("lng").toDouble(), 2.3522);
    QVERIFY(update.value("ts").toInteger() >= before && update.value("ts").toInteger() <= after);

    // Whatever reached them came before the newcomer's `user connected`: no update for the
    // sender, none for the v1 and the rooms-only clients, whose frames are what they were.
    QVERIFY(location::everyoneSawJoin(*server, newcomer, "newcomer", {&vic, &ron, &alice, &bob}));
    QVERIFY(updates(alice).isEmpty());
    QVERIFY(updates(ron).isEmpty());
    QStringList vicEvents;
    for (const QJsonObject &frame : vic.received) {
        vicEvents << frame.value("event").toString();
        QCOMPARE(frame.value("data").toObject().keys(), QStringList({"key", "name"}));
    }
    QCOMPARE(vicEvents,
             QStringList({"user connected", "user connected", "user connected", "user connected"}));
    for (const QJsonObject &frame : ron.received)
        QVERIFY(frame.value("event") == "user connected" || frame.value("event") == "user entered");
}

void LocationTest::badRequestsLeaveTheConnectionUsable_data()
{
    QTest::addColumn<QJsonValue>("data");
    QTest::newRow("lat over 90") << QJsonValue(position(90.0001, 0));
    QTest::newRow("lat under -90") << QJsonValue(position(-91, 0));
    QTest::newRow("lng over 180") << QJsonValue(position(0, 180.5));
    QTest::newRow("lng under -180") << QJsonValue(position(0, -181));
    QTest::newRow("strings") << QJsonValue(QJsonObject{{"lat", "48.8"}, {"lng", "2.3"}});
    QTest::newRow("no lng") << QJsonValue(QJsonObject{{"lat", 1}});
    QTest::newRow("no lat") << QJsonValue(QJsonObject{{"lng", 1}});
    QTest::newRow("empty object") << QJsonValue(QJsonObject{});
    QTest::newRow("null lat") << QJsonValue(QJsonObject{{"lat", QJsonValue()}, {"lng", 1}});
    QTest::newRow("array") << QJsonValue(QJsonArray{48.8, 2.3});
    QTest::newRow("number") << QJsonValue(5);
    QTest::newRow("string") << QJsonValue("here");
    QTest::newRow("bool") << QJsonValue(true);
}

void LocationTest::badRequestsLeaveTheConnectionUsable()
{
    QFETCH(QJsonValue, data);
    auto server = startServer(location::config(0));
    QVERIFY(server);
    TestClient alice, bob;
    const QString aliceKey = location::join(alice, *server, "alice").value("key").toString();
    QVERIFY(!location::join(bob, *server, "bob").isEmpty());
    QCOMPARE(share(alice, data, 2), "bad_request");
    // Still joined, still served; the edges of the ranges are positions.
    QCOMPARE(share(alice, position(-90, 180), 3), "");
    QTRY_VERIFY(hasUpdateFrom(bob, aliceKey, -90));
    QCOMPARE(share(alice, position(90, -180), 4), "");
    QTRY_VERIFY(hasUpdateFrom(bob, aliceKey, 90));
    QCOMPARE(location::locations(bob, 2).size(), 1);
}

void LocationTest::burstIsCoalesced()
{
    const int intervalMs = 300;
    auto server = startServer(location::config(intervalMs));
    QVERIFY(server);
    TestClient alice, bob, newcomer;
    const QString aliceKey = location::join(alice, *server, "alice").value("key").toString();
    QVERIFY(!location::join(bob, *server, "bob").isEmpty());
    QElapsedTimer sent;
    sent.start();
    for (int i = 0; i < 20; ++i)
        alice.send("send location", position(i, i), 10 + i);
    // Every one acknowledged (nothing is refused)...
    QTRY_COMPARE(int(std::count_if(alice.received.begin(), alice.received.end(),
                                   [](const QJsonObject &frame) {
                                       return frame.value("event") == "ack" &&
                                              !frame.contains("error");
                                   })),
                 20);
    // ...and the others get the first at once and the last when the window ends.
    QTRY_VERIFY(hasUpdateFrom(bob, aliceKey, 19));
    QVERIFY2(sent.elapsed() >= intervalMs - 20, qPrintable(QString::number(sent.elapsed())));
    QVERIFY(location::everyoneSawJoin(*server, newcomer, "newcomer", {&bob}));
    const QList<QJsonObject> got = updates(bob);
    QVERIFY2(got.size() <= 2, qPrintable(QString::number(got.size())));
    QCOMPARE(got.first().value("lat").toDouble(), 0.0);
    QCOMPARE(got.last().value("lat").toDouble(), 19.0);
    QCOMPARE(location::locations(bob, 2).value(aliceKey).value("lat").toDouble(), 19.0);
}

void LocationTest::defaultWindowIsOneSecond()
{
    QCOMPARE(ServerConfig().locationIntervalMs, 1000);
    ServerConfig config = location::config(0);
    config.locationIntervalMs = ServerConfig().locationIntervalMs;
    auto server = startServer(config);
    QVERIFY(server);
    TestClient alice, bob;
    const QString aliceKey = location::join(alice, *server, "alice").value("key").toString();
    QVERIFY(!location::join(bob, *server, "bob").isEmpty());
    QCOMPARE(share(alice, position(10, 10), 2), "");
    QTRY_COMPARE(updates(bob).size(), 1);
    QElapsedTimer sinceFirst;
    sinceFirst.start();
    for (int i = 0; i < 19; ++i)
        alice.send("send location", position(11 + i, 11), 10 + i);
    QTRY_VERIFY_WITH_TIMEOUT(hasUpdateFrom(bob, aliceKey, 29), 5000);
    // Not before the second is over (the first went out before the timer started).
    QVERIFY2(sinceFirst.elapsed() >= 900, qPrintable(QString::number(sinceFirst.elapsed())));
    QCOMPARE(updates(bob).size(), 2);
}

void LocationTest::requestLocationsListsEveryShare()
{
    auto server = startServer(location::config(0));
    QVERIFY(server);
    TestClient alice, bob, carol;
    const QString aliceKey = location::join(alice, *server, "alice").value("key").toString();
    const QString bobKey = location::join(bob, *server, "bob", {"rooms"}).value("key").toString();
    QVERIFY(!location::join(carol, *server, "carol").isEmpty());
    QVERIFY(location::locations(carol, 2).isEmpty());
    QCOMPARE(share(alice, position(51.5, -0.12), 2), "");
    QCOMPARE(share(bob, position(-33.9, 151.2), 2), "");
    const auto listed = location::locations(carol, 3); // carol shares nothing
    QStringList expected{aliceKey, bobKey};
    expected.sort();
    QCOMPARE(listed.keys(), expected);
    QCOMPARE(listed.value(aliceKey).keys(), QStringList({"key", "lat", "lng", "name", "ts"}));
    QCOMPARE(listed.value(aliceKey).value("name").toString(), "alice");
    QCOMPARE(listed.value(bobKey).value("lat").toDouble(), -33.9);
    QCOMPARE(listed.value(bobKey).value("lng").toDouble(), 151.2);
    // The requester's own is there too.
    QVERIFY(location::locations(alice, 3).contains(aliceKey));
    QCOMPARE(server->sharedLocationCount(), 2);
}

void LocationTest::stopSharing()
{
    const int intervalMs = 200;
    auto server = startServer(location::config(intervalMs));
    QVERIFY(server);
    TestClient alice, bob, newcomer;
    const QString aliceKey = location::join(alice, *server, "alice").value("key").toString();
    QVERIFY(!location::join(bob, *server, "bob").isEmpty());
    // Not sharing yet: stopping is acknowledged and nobody hears of it.
    QCOMPARE(share(alice, QJsonValue(), 2), "");
    QCOMPARE(share(alice, position(1, 1), 3), "");
    QCOMPARE(share(alice, QJsonValue(), 4), ""); // inside the window: relayed when it ends
    QTRY_VERIFY(hasUpdateFrom(bob, aliceKey, QJsonValue()));
    const QJsonObject stopped = updates(bob).last();
    QVERIFY(stopped.value("lng").isNull());
    QCOMPARE(stopped.value("name").toString(), "alice");
    QVERIFY(location::locations(bob, 2).isEmpty());
    // Nothing of it is kept once its window is over.
    QTRY_COMPARE(server->sharedLocationCount(), 0);
    QVERIFY(location::everyoneSawJoin(*server, newcomer, "newcomer", {&bob}));
    QCOMPARE(updates(bob).size(), 2);
}

QTEST_GUILESS_MAIN(LocationTest)
#include "tst_location.moc"
