// The parts of the Redis client that need no Redis: the URL of an endpoint (and that its
// password never shows), a script's SHA1, and the chat_redis_* lines of /metrics.
#include "redis/redisendpoint.h"
#include "redis/redisscript.h"
#include "redis/redisstats.h"
#include "servermetrics.h"

#include <QtTest>

using chat::server::ServerMetrics;
using namespace chat::server::redis;

class RedisEndpointTest : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void scriptShaIsRedisOwn();
    void metricsWithoutRedisAreAsBefore();
    void metricsWithRedis();
};

void RedisEndpointTest::parse_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("db");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("redactedOrError"); // redacted() when valid, else the error

    QTest::newRow("host only") << "redis://127.0.0.1" << true << "127.0.0.1" << 6379 << 0 << ""
                               << ""
                               << "redis://127.0.0.1:6379/0";
    QTest::newRow("port and db") << "redis://redis.example:6380/2" << true << "redis.example"
                                 << 6380 << 2 << ""
                                 << ""
                                 << "redis://redis.example:6380/2";
    QTest::newRow("trailing slash") << "redis://h/" << true << "h" << 6379 << 0 << ""
                                    << ""
                                    << "redis://h:6379/0";
    QTest::newRow("password") << "redis://:pa%40ss@h/1" << true << "h" << 6379 << 1 << ""
                              << "pa@ss"
                              << "redis://:***@h:6379/1";
    QTest::newRow("acl user") << "redis://alice:secret@h:7000" << true << "h" << 7000 << 0
                              << "alice"
                              << "secret"
                              << "redis://alice:***@h:7000/0";
    QTest::newRow("ipv6") << "redis://[::1]:6379/3" << true << "::1" << 6379 << 3 << ""
                          << ""
                          << "redis://[::1]:6379/3";
    QTest::newRow("other scheme") << "http://h" << false << "" << 0 << 0 << ""
                                  << ""
                                  << "the scheme must be redis://";
    QTest::newRow("tls") << "rediss://:secret@h" << false << "" << 0 << 0 << ""
                         << ""
                         << "the scheme must be redis://";
    QTest::newRow("no host") << "redis://" << false << "" << 0 << 0 << ""
                             << ""
                             << "no host";
    QTest::newRow("port 0") << "redis://h:0" << false << "" << 0 << 0 << ""
                            << ""
                            << "the port must be 1 to 65535";
    QTest::newRow("port too big") << "redis://:secret@h:99999" << false << "" << 0 << 0 << ""
                                  << ""
                                  << "not a valid URL";
    QTest::newRow("db not a number") << "redis://:secret@h/abc" << false << "" << 0 << 0 << ""
                                     << ""
                                     << "the path must be a database number";
    QTest::newRow("negative db") << "redis://h/-1" << false << "" << 0 << 0 << ""
                                 << ""
                                 << "the path must be a database number";
    QTest::newRow("db and more") << "redis://h/1/2" << false << "" << 0 << 0 << ""
                                 << ""
                                 << "the path must be a database number";
    QTest::newRow("user without password") << "redis://alice@h" << false << "" << 0 << 0 << ""
                                           << ""
                                           << "a user needs a password";
    QTest::newRow("query") << "redis://:secret@h?db=1" << false << "" << 0 << 0 << ""
                           << ""
                           << "a query or fragment is not understood";
    QTest::newRow("not a url") << "secret" << false << "" << 0 << 0 << ""
                               << ""
                               << "the scheme must be redis://";
}

void RedisEndpointTest::parse()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    QFETCH(QString, redactedOrError);
    QString error;
    const std::optional<Endpoint> endpoint = Endpoint::parse(url, &error);
    QCOMPARE(endpoint.has_value(), valid);
    if (!valid) {
        QVERIFY2(error.startsWith(redactedOrError), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1String("secret")), qPrintable(error));
        return;
    }
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(int, db);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QCOMPARE(endpoint->host, host);
    QCOMPARE(int(endpoint->port), port);
    QCOMPARE(endpoint->db, db);
    QCOMPARE(endpoint->user, user);
    QCOMPARE(endpoint->password, password);
    QCOMPARE(endpoint->redacted(), redactedOrError);
    if (!password.isEmpty())
        QVERIFY(!endpoint->redacted().contains(password));
}

void RedisEndpointTest::scriptShaIsRedisOwn()
{
    // The SHA1 Redis' documentation gives for EVALSHA of "return 1".
    QCOMPARE(Script("return 1").sha1(), QByteArray("e0e1f9fabfc9d4800c877a703b823ac0578ff8db"));
    QCOMPARE(Script("return 1").source(), QByteArray("return 1"));
}

void RedisEndpointTest::metricsWithoutRedisAreAsBefore()
{
    ServerMetrics metrics;
    QVERIFY(!metrics.render().contains("chat_redis_"));
}

void RedisEndpointTest::metricsWithRedis()
{
    ServerMetrics metrics;
    RedisStats stats;
    metrics.setRedisStats(&stats);
    stats.connected = 2;
    stats.reconnects = 3;
    stats.commandSeconds.observe(300);   // 0.3 ms: in the 0.0005 bucket
    stats.commandSeconds.observe(20000); // 20 ms: in the 0.025 bucket
    const QByteArray out = metrics.render();
    QVERIFY(out.contains("# TYPE chat_redis_connected gauge\nchat_redis_connected 2\n"));
    QVERIFY(out.contains("# TYPE chat_redis_reconnects_total counter\n"
                         "chat_redis_reconnects_total 3\n"));
    QVERIFY(out.contains("# TYPE chat_redis_command_seconds histogram\n"));
    QVERIFY(out.contains("chat_redis_command_seconds_bucket{le=\"0.0005\"} 1\n"));
    QVERIFY(out.contains("chat_redis_command_seconds_bucket{le=\"0.01\"} 1\n"));
    QVERIFY(out.contains("chat_redis_command_seconds_bucket{le=\"0.025\"} 2\n"));
    QVERIFY(out.contains("chat_redis_command_seconds_bucket{le=\"+Inf\"} 2\n"));
    QVERIFY(out.contains("chat_redis_command_seconds_sum 0.020300\n"));
    QVERIFY(out.contains("chat_redis_command_seconds_count 2\n"));
    // The single-instance lines come first, unchanged.
    QVERIFY(out.indexOf("chat_serving") < out.indexOf("chat_redis_connected"));
}

QTEST_GUILESS_MAIN(RedisEndpointTest)
#include "tst_redisendpoint.moc"
