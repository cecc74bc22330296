// The Redis command connection when things go wrong: Redis killed with commands pending (each
// fails once, the connection comes back when Redis does), Redis stalled past the command timeout,
// and the connection destroyed with commands pending, while logging in, and inside its callbacks
// (run under scripts/sanitize.sh: no use after free, no leak).
#include "redistesthelpers.h"

#include "redis/redisstats.h"

#include <QTcpServer>

using namespace chat::server::redis;

class RedisFailuresTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void killedWithCommandsPending();
    void commandTimeoutDropsAndReconnects();
    void destroyedWithCommandsPending();
    void destroyedInsideCallbacks();

private:
    std::unique_ptr<RedisServer> m_redis;
};

void RedisFailuresTest::init()
{
    REQUIRE_REDIS_SERVER();
    m_redis = std::make_unique<RedisServer>();
    QVERIFY2(m_redis->start(), m_redis->log().constData());
}

void RedisFailuresTest::killedWithCommandsPending()
{
    RedisStats stats;
    auto connection = openConnection(localEndpoint(*m_redis));
    QVERIFY(connection);
    connection->setStats(&stats);
    QCOMPARE(stats.connected.load(), 1);
    QSignalSpy disconnected(connection.get(), &Connection::disconnected);
    QSignalSpy connected(connection.get(), &Connection::connected);
    m_redis->pause(); // so that the commands are still pending when it dies
    QList<Reply> replies;
    for (int i = 0; i < 3; ++i)
        connection->command({"INCR", "n"}, [&replies](const Reply &r) { replies.append(r); });
    m_redis->kill();
    QTRY_COMPARE(replies.size(), 3);
    for (const Reply &reply : std::as_const(replies)) {
        QVERIFY(reply.isError());
        QVERIFY2(reply.string.startsWith("connection lost"), reply.string.constData());
    }
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(stats.connected.load(), 0);
    QVERIFY(m_redis->startAgain());
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, 15000);
    QCOMPARE(call(*connection, {"INCR", "n"})->integer, 1); // a new Redis, empty
    QCOMPARE(replies.size(), 3);                            // each failed once, no more
    QCOMPARE(disconnected.size(), 1); // the failed retries in between are not reported
    QCOMPARE(stats.connected.load(), 1);
    QCOMPARE(stats.reconnects.load(), quint64(1));
}

void RedisFailuresTest::commandTimeoutDropsAndReconnects()
{
    auto connection = openConnection(localEndpoint(*m_redis));
    QVERIFY(connection);
    connection->setCommandTimeout(500);
    QSignalSpy disconnected(connection.get(), &Connection::disconnected);
    m_redis->pause();
    QElapsedTimer clock;
    clock.start();
    std::optional<Reply> late;
    connection->command({"GET", "k"}, [&late](const Reply &r) { late = r; });
    QTRY_VERIFY_WITH_TIMEOUT(late.has_value(), 5000);
    QVERIFY(clock.elapsed() >= 500);
    QVERIFY2(late->string == "connection lost: no reply within 500 ms", late->string.constData());
    QCOMPARE(disconnected.size(), 1);
    QVERIFY(!connection->isConnected());
    m_redis->resume(); // the login of a later attempt gets its answer
    QTRY_VERIFY_WITH_TIMEOUT(connection->isConnected(), 15000);
    QCOMPARE(call(*connection, {"PING"})->string, QByteArray("PONG"));
}

void RedisFailuresTest::destroyedWithCommandsPending()
{
    bool called = false;
    auto connection = openConnection(localEndpoint(*m_redis));
    QVERIFY(connection);
    m_redis->pause();
    for (int i = 0; i < 10; ++i)
        connection->command({"PING"}, [&called](const Reply &) { called = true; });
    connection.reset();
    m_redis->resume();
    // While logging in: a server that accepts and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    Endpoint silentEndpoint;
    silentEndpoint.port = silent.serverPort();
    auto connecting = std::make_unique<Connection>(silentEndpoint);
    connecting->open();
    connecting->command({"PING"}, [&called](const Reply &) { called = true; });
    QVERIFY(silent.waitForNewConnection(5000));
    connecting.reset();
    // And right after open(), before the connect is done.
    connecting = std::make_unique<Connection>(silentEndpoint);
    connecting->open();
    connecting.reset();
    // A round trip on another connection: by its end the freed ones had every chance to call.
    auto other = openConnection(localEndpoint(*m_redis));
    QVERIFY(other);
    QCOMPARE(call(*other, {"PING"})->string, QByteArray("PONG"));
    QVERIFY(!called);
}

void RedisFailuresTest::destroyedInsideCallbacks()
{
    // Inside a reply's callback, with more replies in the same read.
    auto *connection = openConnection(localEndpoint(*m_redis)).release();
    QVERIFY(connection);
    QPointer<Connection> alive(connection);
    int calls = 0;
    connection->command({"PING"}, [&](const Reply &) {
        ++calls;
        delete connection;
    });
    for (int i = 0; i < 5; ++i)
        connection->command({"PING"}, [&calls](const Reply &) { ++calls; });
    QTRY_VERIFY(alive.isNull());
    // Inside a failure's callback (not connected), with more failures queued.
    auto *closed = new Connection(localEndpoint(*m_redis));
    QPointer<Connection> closedAlive(closed);
    closed->command({"PING"}, [&](const Reply &) {
        ++calls;
        delete closed;
    });
    closed->command({"PING"}, [&calls](const Reply &) { ++calls; });
    QTRY_VERIFY(closedAlive.isNull());
    // Inside connected().
    auto *fresh = new Connection(localEndpoint(*m_redis));
    QPointer<Connection> freshAlive(fresh);
    connect(fresh, &Connection::connected, fresh, [fresh] { delete fresh; });
    fresh->open();
    QTRY_VERIFY(freshAlive.isNull());
    auto other = openConnection(localEndpoint(*m_redis));
    QVERIFY(other);
    QCOMPARE(call(*other, {"PING"})->string, QByteArray("PONG"));
    QCOMPARE(calls, 2); // the first of each; nothing after the destruction
}

QTEST_GUILESS_MAIN(RedisFailuresTest)
#include "tst_redisfailures.moc"
