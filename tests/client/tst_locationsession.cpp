// The feature "location" end to end: ChatSessions against a real chat-server in this process.
// One shares, the others' models get it; stopping and leaving remove it; a resumed session gets
// the full set again; sharing survives a restarted server.
#include "chatsession.h"
#include "serverfixture.h"
#include "tcpproxy.h"

#include <QStandardPaths>
#include <QtTest>

using namespace chat;
using namespace chat::client;

namespace {
const GeoPosition paris{48.85, 2.35};
const GeoPosition tokyo{35.68, 139.69};
const GeoPosition lima{-12.05, -77.04};

chat::server::ServerConfig quietConfig()
{
    chat::server::ServerConfig config;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0};
    return config;
}

// Where `session` sees the user with this key, if it sees them at all.
std::optional<GeoPosition> seen(ChatSession &session, const QString &key)
{
    LocationBook *book = session.location()->book();
    const int row = book->rowOf(key);
    if (row < 0)
        return std::nullopt;
    return book->entry(row).position;
}

bool joinAs(ChatSession &session, const QUrl &url, const QString &name)
{
    QSignalSpy joined(&session, &ChatSession::joined);
    session.setReconnectDelays(200, 1000);
    session.open(url, name);
    return joined.wait(10'000) && session.location()->isAvailable();
}
} // namespace

class LocationSessionTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void sharedPositionReachesTheOthers();
    void leavingRemovesTheMarker();
    void resumedSessionGetsTheFullSet();
    void sharingSurvivesAServerRestart();
};

void LocationSessionTest::sharedPositionReachesTheOthers()
{
    auto server = startServer(quietConfig());
    QVERIFY(server);
    ChatSession alice, bob;
    QVERIFY(joinAs(alice, serverUrl(*server), "alice"));
    QVERIFY(joinAs(bob, serverUrl(*server), "bob"));
    QCOMPARE(bob.location()->book()->rowCount(), 0);

    QVERIFY(alice.location()->share(paris));
    QTRY_COMPARE(seen(bob, alice.key()), paris);
    const LocationBook *book = bob.location()->book();
    QCOMPARE(book->entry(book->rowOf(alice.key())).name, "alice");
    QVERIFY(!book->entry(book->rowOf(alice.key())).own);
    // Her own marker, once the server acknowledged it.
    QTRY_COMPARE(seen(alice, alice.key()), paris);
    QVERIFY(alice.location()->book()->entry(alice.location()->book()->rowOf(alice.key())).own);

    QVERIFY(alice.location()->share(tokyo)); // within the second: it goes when allowed
    QTRY_COMPARE(seen(bob, alice.key()), tokyo);

    alice.location()->stop();
    QCOMPARE(seen(alice, alice.key()), std::nullopt); // at once here
    QTRY_COMPARE(seen(bob, alice.key()), std::nullopt);
    QVERIFY(!alice.location()->isSharing());
}

void LocationSessionTest::leavingRemovesTheMarker()
{
    auto server = startServer(quietConfig());
    QVERIFY(server);
    ChatSession alice, bob;
    QVERIFY(joinAs(alice, serverUrl(*server), "alice"));
    QVERIFY(joinAs(bob, serverUrl(*server), "bob"));
    alice.location()->share(lima);
    QTRY_COMPARE(seen(bob, alice.key()), lima);
    const QString key = alice.key();
    alice.close();
    QTRY_COMPARE(seen(bob, key), std::nullopt);
}

void LocationSessionTest::resumedSessionGetsTheFullSet()
{
    auto server = startServer(quietConfig());
    QVERIFY(server);
    TcpProxy network(server->port());
    QVERIFY(network.listen());
    ChatSession alice, bob, carol;
    QVERIFY(joinAs(alice, network.url(), "alice"));
    QVERIFY(joinAs(bob, serverUrl(*server), "bob"));
    bob.location()->share(paris);
    QTRY_COMPARE(seen(alice, bob.key()), paris);

    QSignalSpy joined(&alice, &ChatSession::joined);
    alice.setReconnectDelays(5000, 10'000); // away while the others change the map
    network.dropAll();                      // alice's connection fails; her session is held
    QTRY_COMPARE(alice.state(), ChatSession::State::WaitingToReconnect);
    // Meanwhile bob moves and carol comes and shares: alice gets no event of it.
    QVERIFY(joinAs(carol, serverUrl(*server), "carol"));
    carol.location()->share(lima);
    QTRY_COMPARE(seen(bob, carol.key()), lima);
    bob.location()->share(tokyo);
    QTRY_COMPARE(seen(carol, bob.key()), tokyo);
    QCOMPARE(alice.state(), ChatSession::State::WaitingToReconnect); // she saw none of it
    QCOMPARE(seen(alice, bob.key()), paris);
    alice.reconnectNow();

    // It may be back already (the waits above ran the event loop).
    QVERIFY(joined.count() == 1 || joined.wait(10'000));
    QCOMPARE(joined.last().first().toBool(), true); // resumed
    QTRY_COMPARE(seen(alice, bob.key()), tokyo);
    QTRY_COMPARE(seen(alice, carol.key()), lima);
    QCOMPARE(alice.location()->book()->rowCount(), 2);
}

void LocationSessionTest::sharingSurvivesAServerRestart()
{
    chat::server::ServerConfig config = quietConfig();
    config.host = QHostAddress::LocalHost;
    config.port = 0;
    auto server = std::make_unique<chat::server::ChatServer>(config);
    QVERIFY(server->listen());
    config.port = server->port(); // the restarted server listens where the first one did
    const QUrl url = serverUrl(*server);
    ChatSession alice;
    QVERIFY(joinAs(alice, url, "alice"));
    alice.location()->share(paris);
    QTRY_COMPARE(seen(alice, alice.key()), paris);

    QSignalSpy joined(&alice, &ChatSession::joined);
    server.reset(); // stopped: every position is gone with it
    QTRY_COMPARE(alice.state(), ChatSession::State::WaitingToReconnect);
    server = std::make_unique<chat::server::ChatServer>(config);
    QVERIFY(server->listen());
    QVERIFY(joined.count() == 1 || joined.wait(10'000)); // a new session on the new server
    QVERIFY(alice.location()->isSharing());

    ChatSession bob;
    QVERIFY(joinAs(bob, url, "bob"));
    QTRY_COMPARE(seen(bob, alice.key()), paris); // alice sent it again on her own
}

QTEST_GUILESS_MAIN(LocationSessionTest)
#include "tst_locationsession.moc"
