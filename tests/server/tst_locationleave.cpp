// Feature "location": positions last only while their user is there (docs/protocol.md,
// "Locations"). Leaving for good (closing, the resume grace running out, a kick) tells the
// others with a null update; a held session keeps its position and gets it back on resume; a
// flood of updates from many clients keeps one entry per sharing user and relays at most one
// update per user per window.
#include "locationfixture.h"
#include "moderationfixture.h"

#include <QtTest>

using namespace chat::server;
using location::hasUpdateFrom;
using location::position;
using location::share;
using location::updates;

class LocationLeaveTest : public QObject
{
    Q_OBJECT
private slots:
    void leavingTellsTheOthers();
    void leavingWithoutSharingTellsNothing();
    void resumeKeepsThePosition();
    void graceExpiryTellsTheOthers();
    void kickTellsTheOthers();
    void floodKeepsOneEntryPerUser();
};

void LocationLeaveTest::leavingTellsTheOthers()
{
    auto server = startServer(location::config(1000));
    QVERIFY(server);
    TestClient alice, bob;
    const QString aliceKey = location::join(alice, *server, "alice").value("key").toString();
    QVERIFY(!location::join(bob, *server, "bob").isEmpty());
    QCOMPARE(share(alice, position(40.4, -3.7), 2), "");
    QCOMPARE(share(alice, position(40.5, -3.7), 3), ""); // waits for the window
    alice.socket.close();
    // A null update, then the disconnect; what waited for the window is not relayed after it.
    QTRY_VERIFY(std::any_of(bob.received.begin(), bob.received.end(), [](const QJsonObject &f) {
        return f.value("event") == "user disconnected";
    }));
    QList<QJsonValue> seen; // lat of each update, then the key of the disconnect
    for (const QJsonObject &frame : bob.received) {
        const QJsonObject data = frame.value("data").toObject();
        if (frame.value("event") == "location update") {
            QCOMPARE(data.value("key").toString(), aliceKey);
            seen << data.value("lat");
        } else if (frame.value("event") == "user disconnected") {
            seen << data.value("key");
        }
    }
    QCOMPARE(seen, (QList<QJsonValue>{40.4, QJsonValue(), aliceKey}));
    QCOMPARE(server->sharedLocationCount(), 0);
}

void LocationLeaveTest::leavingWithoutSharingTellsNothing()
{
    auto server = startServer(location::config(0));
    QVERIFY(server);
    TestClient alice, bob, newcomer;
    QVERIFY(!location::join(alice, *server, "alice").isEmpty());
    QVERIFY(!location::join(bob, *server, "bob").isEmpty());
    alice.socket.close();
    QTRY_COMPARE(server->userCount(), 1);
    QVERIFY(location::everyoneSawJoin(*server, newcomer, "newcomer", {&bob}));
    QVERIFY(updates(bob).isEmpty());
}

void LocationLeaveTest::resumeKeepsThePosition()
{
    auto server = startServer(location::config(0));
    QVERIFY(server);
    TestClient alice, bob, newcomer;
    const QJsonObject first = location::join(alice, *server, "alice", {"resume"});
    const QString aliceKey = first.value("key").toString();
    QVERIFY(!location::join(bob, *server, "bob").isEmpty());
    QCOMPARE(share(alice, position(35.68, 139.69), 2), "");
    QTRY_VERIFY(hasUpdateFrom(bob, aliceKey, 35.68));
    alice.socket.abort(); // lost, not closed: the session is held
    QTRY_COMPARE(server->heldUserCount(), 1);
    QCOMPARE(location::locations(bob, 2).value(aliceKey).value("lat").toDouble(), 35.68);
    TestClient again;
    const QJsonObject resumed =
        location::join(again, *server, "alice", {"resume"}, {{"token", first.value("token")}});
    QVERIFY(resumed.value("resumed").toBool());
    QCOMPARE(resumed.value("key").toString(), aliceKey);
    QCOMPARE(location::locations(again, 2).value(aliceKey).value("lng").toDouble(), 139.69);
    // Nobody was told it stopped.
    QVERIFY(location::everyoneSawJoin(*server, newcomer, "newcomer", {&bob}));
    QCOMPARE(updates(bob).size(), 1);
}

void LocationLeaveTest::graceExpiryTellsTheOthers()
{
    ServerConfig config = location::config(0);
    config.resumeGraceMs = 300;
    auto server = startServer(config);
    QVERIFY(server);
    TestClient alice, bob;
    const QString aliceKey =
        location::join(alice, *server, "alice", {"resume"}).value("key").toString();
    QVERIFY(!location::join(bob, *server, "bob").isEmpty());
    QCOMPARE(share(alice, position(-1.29, 36.82), 2), "");
    QTRY_VERIFY(hasUpdateFrom(bob, aliceKey, -1.29));
    alice.socket.abort();
    QTRY_VERIFY_WITH_TIMEOUT(hasUpdateFrom(bob, aliceKey, QJsonValue()), 5000);
    QTRY_COMPARE(server->sharedLocationCount(), 0);
    QVERIFY(location::locations(bob, 2).isEmpty());
}

void LocationLeaveTest::kickTellsTheOthers()
{
    accounts::Database db;
    auto server = startServer([&] {
        ServerConfig config = db.config();
        config.locationIntervalMs = 0;
        return config;
    }());
    QVERIFY(server);
    QVERIFY(db.addAccount("mo", moderation::password.toUtf8(), Role::Moderator));
    TestClient mo, gus, bob;
    QVERIFY(!moderation::join(mo, *server, "mo", moderation::password, {"accounts", "location"})
                 .isEmpty());
    const QString gusKey =
        moderation::join(gus, *server, "gus", {}, {"accounts", "location"}).value("key").toString();
    QVERIFY(!location::join(bob, *server, "bob").isEmpty());
    QCOMPARE(share(gus, position(52.52, 13.40), 2), "");
    QTRY_VERIFY(hasUpdateFrom(mo, gusKey, 52.52));
    QCOMPARE(rooms::errorCode(mo, "kick", QJsonObject{{"key", gusKey}, {"reason", "spam"}}, 2), "");
    for (TestClient *other : {&mo, &bob})
        QTRY_VERIFY(hasUpdateFrom(*other, gusKey, QJsonValue()));
    QCOMPARE(server->sharedLocationCount(), 0);
}

void LocationLeaveTest::floodKeepsOneEntryPerUser()
{
    const int intervalMs = 1000;
    auto server = startServer(location::config(intervalMs));
    QVERIFY(server);
    TestClient watcher;
    QVERIFY(!location::join(watcher, *server, "watcher").isEmpty());
    const int clients = 20;
    const int each = 100;
    std::vector<std::unique_ptr<TestClient>> flooders;
    QStringList keys;
    for (int c = 0; c < clients; ++c) {
        flooders.push_back(std::make_unique<TestClient>());
        keys << location::join(*flooders.back(), *server, QString("f%1").arg(c))
                    .value("key")
                    .toString();
        QVERIFY(!keys.last().isEmpty());
    }
    QElapsedTimer flood;
    flood.start();
    for (int i = 0; i < each; ++i) {
        for (int c = 0; c < clients; ++c)
            flooders[c]->send("send location", position(i * 0.5, c), 10 + i);
    }
    const auto acked = [&] {
        return std::all_of(flooders.begin(), flooders.end(), [&](const auto &client) {
            return std::count_if(client->received.begin(), client->received.end(),
                                 [](const QJsonObject &f) { return f.value("event") == "ack"; }) >=
                   each;
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(acked(), 30'000);
    const qint64 floodMs = flood.elapsed();
    // One entry per sharing user, however many updates came.
    QCOMPARE(server->sharedLocationCount(), clients);
    // Every user's last position arrives.
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(keys.begin(), keys.end(),
                                         [&](const QString &key) {
                                             return hasUpdateFrom(watcher, key, (each - 1) * 0.5);
                                         }),
                             10'000);
    // At most one relay per user per window (plus the first, at once).
    const qint64 allowed = qint64(clients) * (2 + floodMs / intervalMs);
    QVERIFY2(updates(watcher).size() <= allowed,
             qPrintable(QString("%1 updates in %2 ms").arg(updates(watcher).size()).arg(floodMs)));
    for (auto &client : flooders)
        client->socket.close();
    QTRY_COMPARE(server->sharedLocationCount(), 0);
}

QTEST_GUILESS_MAIN(LocationLeaveTest)
#include "tst_locationleave.moc"
