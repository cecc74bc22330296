// The Redis subscriber against a real redis-server: messages in publish order, patterns, ready()
// only once Redis confirmed every subscription, and subscriptions made again after Redis died
// and came back.
#include "redistesthelpers.h"

#include "redis/redisstats.h"
#include "redis/redissubscriber.h"

using namespace chat::server::redis;

namespace {
struct Received
{
    QByteArray channel;
    QByteArray payload;
};
} // namespace

class RedisSubscriberTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void messagesInPublishOrder();
    void patternSubscriptions();
    void readyOnlyWhenConfirmed();
    void resubscribesAfterRestart();
    void unconfirmedSubscriptionDrops();
    void destroyedInsideMessage();

private:
    void collect(Subscriber &subscriber);
    std::unique_ptr<RedisServer> m_redis;
    QList<Received> m_received;
};

void RedisSubscriberTest::init()
{
    REQUIRE_REDIS_SERVER();
    m_received.clear();
    m_redis = std::make_unique<RedisServer>();
    QVERIFY2(m_redis->start(), m_redis->log().constData());
}

void RedisSubscriberTest::collect(Subscriber &subscriber)
{
    connect(&subscriber, &Subscriber::message, this,
            [this](const QByteArray &channel, const QByteArray &payload) {
                m_received.append({channel, payload});
            });
}

void RedisSubscriberTest::messagesInPublishOrder()
{
    Subscriber subscriber(localEndpoint(*m_redis));
    collect(subscriber);
    QSignalSpy ready(&subscriber, &Subscriber::ready);
    subscriber.subscribe("room.1");
    subscriber.open();
    QVERIFY(ready.wait(5000));
    auto publisher = openConnection(localEndpoint(*m_redis));
    QVERIFY(publisher);
    constexpr int count = 2000;
    for (int i = 0; i < count; ++i)
        publisher->command({"PUBLISH", "room.1", QByteArray::number(i)});
    QTRY_COMPARE_WITH_TIMEOUT(m_received.size(), count, 20000);
    for (int i = 0; i < count; ++i) {
        QCOMPARE(m_received.at(i).channel, QByteArray("room.1"));
        QCOMPARE(m_received.at(i).payload, QByteArray::number(i));
    }
    QCOMPARE(ready.size(), 1);
}

void RedisSubscriberTest::patternSubscriptions()
{
    Subscriber subscriber(localEndpoint(*m_redis));
    collect(subscriber);
    subscriber.psubscribe("room.*");
    subscriber.subscribe("direct");
    subscriber.open();
    QTRY_VERIFY(subscriber.isReady());
    auto publisher = openConnection(localEndpoint(*m_redis));
    QVERIFY(publisher);
    QCOMPARE(call(*publisher, {"PUBLISH", "room.a", QByteArray("1\0x", 3)})->integer, 1);
    QCOMPARE(call(*publisher, {"PUBLISH", "other", "2"})->integer, 0);
    QCOMPARE(call(*publisher, {"PUBLISH", "direct", "3"})->integer, 1);
    QCOMPARE(call(*publisher, {"PUBLISH", "room.b", "4"})->integer, 1);
    QTRY_COMPARE(m_received.size(), 3);
    QCOMPARE(m_received.at(0).channel, QByteArray("room.a")); // the channel, not the pattern
    QCOMPARE(m_received.at(0).payload, QByteArray("1\0x", 3));
    QCOMPARE(m_received.at(1).channel, QByteArray("direct"));
    QCOMPARE(m_received.at(2).channel, QByteArray("room.b"));
    subscriber.punsubscribe("room.*");
    subscriber.unsubscribe("direct");
    QTRY_COMPARE(call(*publisher, {"PUBLISH", "room.c", "5"})->integer, 0);
    QCOMPARE(call(*publisher, {"PUBLISH", "direct", "6"})->integer, 0);
    subscriber.subscribe("direct"); // and back: a subscription after all were gone
    QTRY_VERIFY(subscriber.isReady());
    QCOMPARE(call(*publisher, {"PUBLISH", "direct", "7"})->integer, 1);
    QTRY_COMPARE(m_received.size(), 4);
    QCOMPARE(m_received.at(3).payload, QByteArray("7"));
}

void RedisSubscriberTest::readyOnlyWhenConfirmed()
{
    auto publisher = openConnection(localEndpoint(*m_redis));
    QVERIFY(publisher);
    Subscriber subscriber(localEndpoint(*m_redis));
    for (int i = 0; i < 50; ++i)
        subscriber.subscribe("channel." + QByteArray::number(i));
    subscriber.psubscribe("pattern.*");
    // When ready() comes, Redis counts the subscriber on every channel and the pattern.
    QList<qint64> receivers;
    connect(&subscriber, &Subscriber::ready, this, [&] {
        QVERIFY(subscriber.isReady());
        publisher->command({"PUBLISH", "channel.49", "x"},
                           [&receivers](const Reply &r) { receivers.append(r.integer); });
        publisher->command({"PUBLISH", "pattern.1", "x"},
                           [&receivers](const Reply &r) { receivers.append(r.integer); });
    });
    QVERIFY(!subscriber.isReady());
    subscriber.open();
    QVERIFY(!subscriber.isReady());
    QTRY_COMPARE(receivers, (QList<qint64>{1, 1}));
    // A subscription added later: not ready until it is confirmed, then ready() again.
    subscriber.subscribe("late");
    QVERIFY(!subscriber.isReady());
    QTRY_COMPARE(receivers.size(), 4);
    QCOMPARE(receivers, (QList<qint64>{1, 1, 1, 1}));
    QCOMPARE(call(*publisher, {"PUBLISH", "late", "x"})->integer, 1);
}

void RedisSubscriberTest::resubscribesAfterRestart()
{
    RedisStats stats;
    Subscriber subscriber(localEndpoint(*m_redis));
    subscriber.setStats(&stats);
    collect(subscriber);
    QSignalSpy ready(&subscriber, &Subscriber::ready);
    QSignalSpy disconnected(&subscriber, &Subscriber::disconnected);
    subscriber.subscribe("events");
    subscriber.psubscribe("user.*");
    subscriber.open();
    QVERIFY(ready.wait(5000));
    QCOMPARE(stats.connected.load(), 1);
    auto publisher = openConnection(localEndpoint(*m_redis));
    QVERIFY(publisher);
    QCOMPARE(call(*publisher, {"PUBLISH", "events", "before"})->integer, 1);
    QTRY_COMPARE(m_received.size(), 1);

    m_redis->kill();
    QVERIFY(disconnected.wait(5000));
    QVERIFY(!subscriber.isReady());
    QCOMPARE(stats.connected.load(), 0);
    QVERIFY(m_redis->startAgain());
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 2, 15000);
    QVERIFY(subscriber.isReady());
    QTRY_VERIFY_WITH_TIMEOUT(publisher->isConnected(), 15000);
    QCOMPARE(call(*publisher, {"PUBLISH", "events", "after"})->integer, 1);
    QCOMPARE(call(*publisher, {"PUBLISH", "user.7", "pattern after"})->integer, 1);
    QTRY_COMPARE(m_received.size(), 3);
    QCOMPARE(m_received.at(1).payload, QByteArray("after"));
    QCOMPARE(m_received.at(2).channel, QByteArray("user.7"));
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(stats.connected.load(), 1);
    QCOMPARE(stats.reconnects.load(), quint64(1));
}

void RedisSubscriberTest::unconfirmedSubscriptionDrops()
{
    Subscriber subscriber(localEndpoint(*m_redis));
    subscriber.setTimeout(500);
    QSignalSpy ready(&subscriber, &Subscriber::ready);
    QSignalSpy disconnected(&subscriber, &Subscriber::disconnected);
    subscriber.open();
    QVERIFY(ready.wait(5000)); // no subscriptions: ready once logged in
    m_redis->pause();
    subscriber.subscribe("never.confirmed");
    QVERIFY(disconnected.wait(5000));
    QCOMPARE(disconnected.at(0).at(0).toString(),
             QString("subscriptions not confirmed within 500 ms"));
    m_redis->resume();
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 2, 15000);
    auto publisher = openConnection(localEndpoint(*m_redis));
    QVERIFY(publisher);
    QCOMPARE(call(*publisher, {"PUBLISH", "never.confirmed", "x"})->integer, 1);
}

void RedisSubscriberTest::destroyedInsideMessage()
{
    auto *subscriber = new Subscriber(localEndpoint(*m_redis));
    QPointer<Subscriber> alive(subscriber);
    int messages = 0;
    connect(subscriber, &Subscriber::message, this, [&](const QByteArray &, const QByteArray &) {
        ++messages;
        delete subscriber;
    });
    subscriber->subscribe("doomed");
    subscriber->open();
    QTRY_VERIFY(subscriber->isReady());
    auto publisher = openConnection(localEndpoint(*m_redis));
    QVERIFY(publisher);
    for (int i = 0; i < 10; ++i) // several in one read, most after the destruction
        publisher->command({"PUBLISH", "doomed", "x"});
    QTRY_VERIFY(alive.isNull());
    QCOMPARE(call(*publisher, {"PING"})->string, QByteArray("PONG"));
    QCOMPARE(messages, 1);
}

QTEST_GUILESS_MAIN(RedisSubscriberTest)
#include "tst_redissubscriber.moc"
