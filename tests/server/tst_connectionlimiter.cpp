// ConnectionLimiter on its own: addresses as the caps count them, without sockets (IPv6 hosts
// and sites that this machine's loopback cannot stand in for).
#include "connectionlimiter.h"

#include <QtTest>

using chat::server::ConnectionLimiter;
using chat::server::ServerConfig;
using Verdict = ConnectionLimiter::Verdict;

class ConnectionLimiterTest : public QObject
{
    Q_OBJECT
private slots:
    void ipv6HostsCountPer64AndSitesPer48();
    void ipv4MappedCountsAsIpv4();
    void setLimitsChangesTheCapsNotTheCounts();
};

void ConnectionLimiterTest::ipv6HostsCountPer64AndSitesPer48()
{
    ServerConfig config;
    config.maxConnectionsPerAddress = 4;
    config.maxUnjoinedPerAddress = 4;
    config.maxConnectionsPerIpv6Site = 10;
    ConnectionLimiter limiter(config);
    // One /64: 4 connections, then 503.
    for (int i = 1; i <= 4; ++i)
        QCOMPARE(limiter.tryAcquire(QHostAddress(QString("2001:db8:1:1::%1").arg(i))),
                 Verdict::Accepted);
    QCOMPARE(limiter.tryAcquire(QHostAddress("2001:db8:1:1::99")), Verdict::TooManyFromAddress);
    // Other /64s of the same /48 (one host with a /56 has 256 of them): 10 in all.
    for (int net = 2; net <= 3; ++net)
        for (int i = 1; i <= 3; ++i)
            QCOMPARE(limiter.tryAcquire(QHostAddress(QString("2001:db8:1:%1::%2").arg(net).arg(i))),
                     Verdict::Accepted);
    QCOMPARE(limiter.tryAcquire(QHostAddress("2001:db8:1:4::1")), Verdict::TooManyFromSite);
    QCOMPARE(limiter.siteKey(QHostAddress("2001:db8:1:4::1")), "2001:db8:1::/48");
    // Another site is not affected; one that closes frees a place.
    QCOMPARE(limiter.tryAcquire(QHostAddress("2001:db8:2:1::1")), Verdict::Accepted);
    limiter.release(QHostAddress("2001:db8:1:2::1"));
    QCOMPARE(limiter.tryAcquire(QHostAddress("2001:db8:1:4::1")), Verdict::Accepted);
    QCOMPARE(limiter.total(), 11);
    // ::1 is exempt from all of it.
    QCOMPARE(limiter.siteKey(QHostAddress("::1")), QString());
}

void ConnectionLimiterTest::ipv4MappedCountsAsIpv4()
{
    ServerConfig config;
    config.maxConnectionsPerAddress = 1;
    config.exemptAddresses = {{QHostAddress("::ffff:10.0.0.0"), 104}}; // 10.0.0.0/8
    ConnectionLimiter limiter(config);
    QCOMPARE(limiter.addressKey(QHostAddress("::ffff:192.0.2.7")), "192.0.2.7");
    QCOMPARE(limiter.siteKey(QHostAddress("::ffff:192.0.2.7")), QString());
    QCOMPARE(limiter.tryAcquire(QHostAddress("192.0.2.7")), Verdict::Accepted);
    QCOMPARE(limiter.tryAcquire(QHostAddress("::ffff:192.0.2.7")), Verdict::TooManyFromAddress);
    // The whole 10/8 is exempt, not only 10.0.0.0.
    QCOMPARE(limiter.addressKey(QHostAddress("10.1.2.3")), QString());
    QCOMPARE(limiter.addressKey(QHostAddress("11.1.2.3")), "11.1.2.3");
}

void ConnectionLimiterTest::setLimitsChangesTheCapsNotTheCounts()
{
    ServerConfig config;
    config.maxConnectionsPerAddress = 1;
    config.joinsPerAddressPerMinute = 1;
    ConnectionLimiter limiter(config);
    const QHostAddress host("192.0.2.7");
    QCOMPARE(limiter.tryAcquire(host), Verdict::Accepted);
    QCOMPARE(limiter.tryAcquire(host), Verdict::TooManyFromAddress);
    QVERIFY(limiter.takeJoin(host));
    QVERIFY(!limiter.takeJoin(host));

    config.maxConnectionsPerAddress = 3;
    config.joinsPerAddressPerMinute = 0; // no join budget
    limiter.setLimits(config);
    QCOMPARE(limiter.tryAcquire(host), Verdict::Accepted);
    QVERIFY(limiter.takeJoin(host));
    // Lowered below what is open: the open ones stay counted, the next is refused until enough
    // have closed.
    config.maxConnectionsPerAddress = 1;
    limiter.setLimits(config);
    QCOMPARE(limiter.tryAcquire(host), Verdict::TooManyFromAddress);
    limiter.release(host);
    QCOMPARE(limiter.tryAcquire(host), Verdict::TooManyFromAddress);
    limiter.release(host);
    QCOMPARE(limiter.tryAcquire(host), Verdict::Accepted);
    QCOMPARE(limiter.total(), 1);
    // The exempt addresses are those it was made with.
    config.exemptAddresses = {};
    limiter.setLimits(config);
    QCOMPARE(limiter.addressKey(QHostAddress("127.0.0.1")), QString());
}

QTEST_GUILESS_MAIN(ConnectionLimiterTest)
#include "tst_connectionlimiter.moc"
