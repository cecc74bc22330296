// Feature "location" in cluster mode: three real chat-server processes and a real redis-server.
// A position shared on one instance reaches the location clients of the others (not the sender,
// not the clients without the feature); `request locations` anywhere lists every instance's
// users; the throttle holds across instances; a user leaving, or its instance killed, sends the
// null update everywhere; and Redis keeps no position.
#include "clusterfixture.h"

#include <QTest>

namespace {
QJsonObject position(double lat, double lng)
{
    return {{"lat", lat}, {"lng", lng}};
}

QList<QJsonObject> updates(const ClusterClient &client)
{
    QList<QJsonObject> found;
    for (const QJsonObject &frame : client.client->received) {
        if (frame.value("event") == "location update")
            found << frame.value("data").toObject();
    }
    return found;
}

bool hasUpdate(const ClusterClient &client, const QString &name, const QJsonValue &lat)
{
    const QList<QJsonObject> got = updates(client);
    return std::any_of(got.begin(), got.end(), [&](const QJsonObject &update) {
        return update.value("name") == name && update.value("lat") == lat;
    });
}

// `request locations` on the client's instance: the listed users' names and latitudes.
QMap<QString, double> locations(ClusterClient &client, qint64 id)
{
    client.client->send("request locations", QJsonValue(), id);
    QMap<QString, double> byName;
    const auto isAck = [id](const QJsonObject &frame) {
        return frame.value("event") == "ack" && frame.value("id").toInteger() == id;
    };
    auto &received = client.client->received;
    if (!QTest::qWaitFor([&] { return std::any_of(received.begin(), received.end(), isAck); },
                         10'000))
        return {{"no answer", 0}};
    const auto ack = std::find_if(received.begin(), received.end(), isAck);
    for (const QJsonValue &entry : ack->value("data").toObject().value("locations").toArray())
        byName.insert(entry["name"].toString(), entry["lat"].toDouble());
    received.erase(ack);
    return byName;
}

// Everything Redis holds (every key with its values), as one text.
QByteArray redisContents(int port)
{
    const QByteArray script =
        "local out = {} for _, k in ipairs(redis.call('KEYS', '*')) do "
        "table.insert(out, k) local t = redis.call('TYPE', k).ok "
        "if t == 'hash' then for _, v in ipairs(redis.call('HGETALL', k)) do "
        "table.insert(out, v) end "
        "elseif t == 'string' then table.insert(out, redis.call('GET', k)) "
        "elseif t == 'set' then for _, v in ipairs(redis.call('SMEMBERS', k)) do "
        "table.insert(out, v) end end end return table.concat(out, '\\n')";
    QByteArray command = "*3\r\n$4\r\nEVAL\r\n$" + QByteArray::number(script.size()) + "\r\n" +
                         script + "\r\n$1\r\n0\r\n";
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(port));
    if (!socket.waitForConnected(2000))
        return "no redis";
    socket.write(command);
    QByteArray reply;
    while (socket.waitForReadyRead(500))
        reply += socket.readAll();
    return reply;
}
} // namespace

class ClusterLocationTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void sharedAcrossInstances();
    void throttledAtTheOrigin();
    void killedInstanceTellsTheOthers();

private:
    std::unique_ptr<ClusterFixture> m_cluster;
};

void ClusterLocationTest::init()
{
    if (RedisServer::executable().isEmpty())
        QSKIP("redis-server is not installed (scripts/deps.sh installs it)");
    m_cluster = std::make_unique<ClusterFixture>();
    QVERIFY(m_cluster->startRedis());
    QCOMPARE(m_cluster->startAll(), ClusterFixture::instances);
}

void ClusterLocationTest::sharedAcrossInstances()
{
    ClusterClient alice, bob, carol, vic;
    QVERIFY(alice.join(m_cluster->url(0), "alice", {"location"}));
    QVERIFY(alice.ack["data"].toObject()["features"].toArray().contains("location"));
    QVERIFY(bob.join(m_cluster->url(1), "bob", {"location", "rooms"}));
    QVERIFY(carol.join(m_cluster->url(2), "carol", {"location"}));
    QVERIFY(vic.join(m_cluster->url(2), "vic"));
    alice.client->send("send location", position(12.345678, -98.7654321), 2);
    QVERIFY(!alice.waitFor("ack").contains("error"));
    QTRY_VERIFY_WITH_TIMEOUT(hasUpdate(bob, "alice", 12.345678), 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(hasUpdate(carol, "alice", 12.345678), 10'000);
    QCOMPARE(updates(bob).first()["lng"].toDouble(), -98.7654321);
    QCOMPARE(updates(bob).first()["key"].toString(),
             alice.ack["data"].toObject()["key"].toString());
    // `request locations` on another instance lists alice; on hers too.
    QCOMPARE(locations(bob, 2), (QMap<QString, double>{{"alice", 12.345678}}));
    QCOMPARE(locations(alice, 3), (QMap<QString, double>{{"alice", 12.345678}}));
    // Nothing of it in Redis, even while shared.
    QVERIFY(!redisContents(m_cluster->redis().port()).contains("12.345678"));

    // alice leaves: a null update everywhere, and the others list nobody.
    alice.client->socket.close();
    QTRY_VERIFY_WITH_TIMEOUT(hasUpdate(bob, "alice", QJsonValue()), 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(hasUpdate(carol, "alice", QJsonValue()), 10'000);
    QVERIFY(locations(carol, 2).isEmpty());
    // A barrier: dave's `user connected` reaches vic after all of the above.
    ClusterClient dave;
    QVERIFY(dave.join(m_cluster->url(1), "dave"));
    const auto &vicFrames = vic.client->received;
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(vicFrames.begin(), vicFrames.end(),
                                         [](const QJsonObject &frame) {
                                             return frame["event"] == "user connected" &&
                                                    frame["data"].toObject()["name"] == "dave";
                                         }),
                             10'000);
    QVERIFY(updates(vic).isEmpty());
    QVERIFY(updates(alice).isEmpty()); // never its own
    const QByteArray redis = redisContents(m_cluster->redis().port());
    QVERIFY2(!redis.contains("12.345678") && !redis.contains("\"alice\""), redis.constData());
}

void ClusterLocationTest::throttledAtTheOrigin()
{
    ClusterClient bob, carol;
    QVERIFY(bob.join(m_cluster->url(1), "bob", {"location"}));
    QVERIFY(carol.join(m_cluster->url(2), "carol", {"location"}));
    for (int i = 0; i < 20; ++i)
        bob.client->send("send location", position(i, i), 10 + i);
    // The first at once, the last when bob's second is over: nothing in between.
    QTRY_VERIFY_WITH_TIMEOUT(hasUpdate(carol, "bob", 19), 10'000);
    QCOMPARE(locations(carol, 2), (QMap<QString, double>{{"bob", 19}}));
    const QList<QJsonObject> got = updates(carol);
    QVERIFY2(got.size() <= 2, qPrintable(QString::number(got.size())));
    QCOMPARE(got.first()["lat"].toDouble(), 0.0);
}

void ClusterLocationTest::killedInstanceTellsTheOthers()
{
    ClusterClient alice, bob, carol;
    QVERIFY(alice.join(m_cluster->url(0), "alice", {"location"}));
    QVERIFY(bob.join(m_cluster->url(1), "bob", {"location"}));
    QVERIFY(carol.join(m_cluster->url(2), "carol", {"location"}));
    carol.client->send("send location", position(-45.5, 170.25), 2);
    QTRY_VERIFY_WITH_TIMEOUT(hasUpdate(alice, "carol", -45.5), 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(hasUpdate(bob, "carol", -45.5), 10'000);
    m_cluster->kill(2);
    // Reaped once its heartbeat expires: the survivors' clients get carol's null update.
    QTRY_VERIFY_WITH_TIMEOUT(hasUpdate(alice, "carol", QJsonValue()), 15'000);
    QTRY_VERIFY_WITH_TIMEOUT(hasUpdate(bob, "carol", QJsonValue()), 15'000);
    QVERIFY(locations(alice, 3).isEmpty());
    QVERIFY(!redisContents(m_cluster->redis().port()).contains("-45.5"));
}

QTEST_GUILESS_MAIN(ClusterLocationTest)
#include "tst_clusterlocation.moc"
