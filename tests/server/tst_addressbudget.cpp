// AddressBudget on its own, on a clock the test sets: the budget of room creations per address.
#include "addressbudget.h"

#include <QtTest>

using chat::server::AddressBudget;
using chat::server::budgetAddress;

class AddressBudgetTest : public QObject
{
    Q_OBJECT
private slots:
    void burstThenRefill();
    void addressesAreApartExemptAndNoLimit();
    void refilledAddressesAreForgotten();
    void ipv6CountsPer48();
};

namespace {
constexpr qint64 day = 24 * 3600 * 1000;
}

void AddressBudgetTest::burstThenRefill()
{
    AddressBudget budget(day);
    budget.setBurst(4);
    const QString host = QStringLiteral("192.0.2.7");
    QVERIFY(budget.allows(host, 4, 0));
    QVERIFY(!budget.allows(host, 5, 0));
    budget.spend(host, 3, 0);
    QVERIFY(budget.allows(host, 1, 0));
    budget.spend(host, 1, 0);
    QVERIFY(!budget.allows(host, 1, 0));
    // 4 a day: one more each 6 hours, never more than 4 at once.
    QVERIFY(!budget.allows(host, 1, day / 4 - 1));
    QVERIFY(budget.allows(host, 1, day / 4));
    QVERIFY(!budget.allows(host, 2, day / 4));
    QVERIFY(budget.allows(host, 4, 10 * day));
    QVERIFY(!budget.allows(host, 5, 10 * day));
    // A lower burst applies at once, to what is left as well.
    budget.setBurst(1);
    QVERIFY(!budget.allows(host, 2, 10 * day));
    QVERIFY(budget.allows(host, 1, 10 * day));
}

void AddressBudgetTest::addressesAreApartExemptAndNoLimit()
{
    AddressBudget budget(day);
    budget.setBurst(1);
    budget.spend(QStringLiteral("192.0.2.7"), 1, 0);
    QVERIFY(!budget.allows(QStringLiteral("192.0.2.7"), 1, 0));
    QVERIFY(budget.allows(QStringLiteral("192.0.2.8"), 1, 0));
    // An exempt address (no key) is not counted.
    budget.spend(QString(), 100, 0);
    QVERIFY(budget.allows(QString(), 100, 0));
    QCOMPARE(budget.trackedAddresses(), 1);
    // 0: no limit.
    budget.setBurst(0);
    QVERIFY(budget.allows(QStringLiteral("192.0.2.7"), 1000, 0));
}

void AddressBudgetTest::refilledAddressesAreForgotten()
{
    // Each address that spent is remembered until its budget is full again; the table is swept
    // of full ones whenever it has doubled since the last sweep (64, 128, 256, ...), so it stays
    // within twice the addresses that spent in the last day.
    AddressBudget budget(day);
    budget.setBurst(2);
    for (int i = 0; i < 256; ++i)
        budget.spend(QStringLiteral("198.51.%1.%2").arg(i / 100).arg(i % 100), 1, 0);
    QCOMPARE(budget.trackedAddresses(), 256);
    budget.spend(QStringLiteral("203.0.113.1"), 1, day);
    QCOMPARE(budget.trackedAddresses(), 1);
    QVERIFY(budget.allows(QStringLiteral("198.51.1.1"), 2, day));
}

void AddressBudgetTest::ipv6CountsPer48()
{
    // ConnectionLimiter::addressKey() gives an IPv6 client as its /64; the budget takes its /48.
    QCOMPARE(budgetAddress(QStringLiteral("2001:db8:1:2::/64")), "2001:db8:1::/48");
    QCOMPARE(budgetAddress(QStringLiteral("2001:db8:1:ff00::/64")), "2001:db8:1::/48");
    QCOMPARE(budgetAddress(QStringLiteral("192.0.2.7")), "192.0.2.7");
    QCOMPARE(budgetAddress(QString()), QString());
}

QTEST_GUILESS_MAIN(AddressBudgetTest)
#include "tst_addressbudget.moc"
