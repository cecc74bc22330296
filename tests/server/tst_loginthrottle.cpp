// LoginThrottle (feature "accounts"): 5 failed passwords for a name, or from an address, within
// 10 minutes block further tries until the oldest of those 5 leaves the window; on a clock of
// the test's own.
#include "loginthrottle.h"

#include <QtTest>

using chat::server::LoginThrottle;

namespace {
constexpr qint64 minute = 60'000;
constexpr qint64 window = LoginThrottle::defaultWindowMs;
} // namespace

class LoginThrottleTest : public QObject
{
    Q_OBJECT
private slots:
    void contractDefaults();
    void fifthFailureBlocksTheName();
    void blockEndsWhenTheOldestFailureLeavesTheWindow();
    void addressCountsAcrossNames();
    void emptyKeysAreNotCounted();
    void oldEntriesAreSwept();
};

void LoginThrottleTest::contractDefaults()
{
    QCOMPARE(LoginThrottle::defaultMaxFailures, 5);
    QCOMPARE(LoginThrottle::defaultWindowMs, 10 * minute);
}

void LoginThrottleTest::fifthFailureBlocksTheName()
{
    LoginThrottle throttle;
    for (int i = 0; i < 4; ++i) {
        throttle.recordFailure("alice", {}, i * minute);
        QCOMPARE(throttle.blockedFor("alice", {}, i * minute), 0);
    }
    throttle.recordFailure("alice", {}, 4 * minute);
    // Blocked until the first failure (at 0) is 10 minutes old.
    QCOMPARE(throttle.blockedFor("alice", {}, 4 * minute), window - 4 * minute);
    QCOMPARE(throttle.blockedFor("bob", {}, 4 * minute), 0);
}

void LoginThrottleTest::blockEndsWhenTheOldestFailureLeavesTheWindow()
{
    LoginThrottle throttle;
    for (int i = 0; i < 5; ++i)
        throttle.recordFailure("alice", {}, i * minute);
    QVERIFY(throttle.blockedFor("alice", {}, window - 1) > 0);
    QCOMPARE(throttle.blockedFor("alice", {}, window), 0); // 4 failures left in the window
    throttle.recordFailure("alice", {}, window);           // the 5th again
    QCOMPARE(throttle.blockedFor("alice", {}, window), minute);
    QCOMPARE(throttle.blockedFor("alice", {}, window + minute), 0);
}

void LoginThrottleTest::addressCountsAcrossNames()
{
    LoginThrottle throttle;
    const char *names[] = {"a", "b", "c", "d", "e"};
    for (const char *name : names)
        throttle.recordFailure(name, "192.0.2.7", 0);
    QVERIFY(throttle.blockedFor("f", "192.0.2.7", 1) > 0); // a name that never failed
    QCOMPARE(throttle.blockedFor("f", "192.0.2.8", 1), 0);
}

void LoginThrottleTest::emptyKeysAreNotCounted()
{
    LoginThrottle throttle; // an exempt address is given as empty
    for (int i = 0; i < 10; ++i)
        throttle.recordFailure(QString::number(i), {}, 0);
    QCOMPARE(throttle.blockedFor("new", {}, 1), 0);
    QCOMPARE(throttle.trackedKeys(), 10);
}

void LoginThrottleTest::oldEntriesAreSwept()
{
    LoginThrottle throttle;
    for (int i = 0; i < 1000; ++i)
        throttle.recordFailure(QStringLiteral("old%1").arg(i), {}, 0);
    // Later failures past the window: the table is swept when it reaches its threshold, so it
    // does not keep every name that ever failed.
    for (int i = 0; i < 100; ++i)
        throttle.recordFailure(QStringLiteral("new%1").arg(i), {}, window + 1);
    QVERIFY2(throttle.trackedKeys() <= 100, qPrintable(QString::number(throttle.trackedKeys())));
}

QTEST_APPLESS_MAIN(LoginThrottleTest)
#include "tst_loginthrottle.moc"
