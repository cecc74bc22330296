// Cluster mode with its shared database (PostgreSQL; ctest runs this as tst_clusterstore_pg
// under pg_virtualenv): what Redis cannot keep. Messages published while the instances were not
// listening are read back from the database; ids and history survive every instance and Redis
// restarting.
#include "clusterfixture.h"
#include "testdatabase.h"

#include <QTest>

class ClusterStoreTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void missedMessagesAreReadBack();
    void everythingRestartsAndIdsGoOn();

private:
    bool startAll();
    std::unique_ptr<chat::test::TestDatabase> m_database;
    std::unique_ptr<ClusterFixture> m_cluster;
};

void ClusterStoreTest::init()
{
    if (RedisServer::executable().isEmpty())
        QSKIP("redis-server is not installed (scripts/deps.sh installs it)");
    if (!chat::test::onPostgres())
        QSKIP("needs PostgreSQL: ctest runs it as tst_clusterstore_pg (under pg_virtualenv)");
    m_database = std::make_unique<chat::test::TestDatabase>();
    m_cluster = std::make_unique<ClusterFixture>();
    QVERIFY(m_cluster->startRedis());
    QVERIFY(startAll());
}

void ClusterStoreTest::cleanup()
{
    m_cluster.reset(); // the servers go before their database
    m_database.reset();
}

bool ClusterStoreTest::startAll()
{
    return m_cluster->startAll(m_database->location(), {}, 2) == 2;
}

void ClusterStoreTest::missedMessagesAreReadBack()
{
    ClusterClient alice;
    QVERIFY(alice.join(m_cluster->url(0), "alice"));
    ClusterClient bob;
    QVERIFY(bob.join(m_cluster->url(1), "bob"));

    // Every instance's subscription is cut: what alice sends meanwhile is published to nobody.
    // Each message is answered; every acknowledged one reaches bob, read back from the database
    // once his instance sees the gap.
    QProcess cli;
    cli.start("redis-cli", {"-p", QString::number(m_cluster->redis().port()), "CLIENT", "KILL",
                            "TYPE", "pubsub"});
    QVERIFY(cli.waitForFinished());
    QStringList acknowledged;
    for (int n = 0; n < 20; ++n) {
        const QString text = QStringLiteral("meanwhile %1").arg(n);
        alice.client->send("message", QJsonObject{{"text", text}}, 10 + n);
        const QJsonObject ack = alice.waitFor("ack");
        QVERIFY(!ack.isEmpty());
        if (!ack.contains("error"))
            acknowledged << text;
    }
    qInfo() << acknowledged.size() << "of 20 acknowledged while the subscriptions were cut";
    // Once in step again, more (so that a gap is seen even if nothing above was acknowledged).
    QTRY_COMPARE_WITH_TIMEOUT(m_cluster->health(0), 200, 20'000);
    alice.client->send("message", QJsonObject{{"text", "afterwards"}}, 99);
    QVERIFY(!alice.waitFor("ack").contains("error"));
    acknowledged << "afterwards";
    QStringList received;
    while (received.size() < acknowledged.size()) {
        const QJsonObject message = bob.waitFor("new chat msg");
        if (message.isEmpty())
            break;
        received << message["data"].toObject()["message"].toString();
    }
    QCOMPARE(received, acknowledged);
}

void ClusterStoreTest::everythingRestartsAndIdsGoOn()
{
    qint64 last = 0;
    {
        ClusterClient alice;
        QVERIFY(alice.join(m_cluster->url(0), "alice"));
        for (int n = 0; n < 5; ++n) {
            alice.client->send("message", QJsonObject{{"text", QStringLiteral("m%1").arg(n)}},
                               10 + n);
            last = alice.waitFor("ack")["data"].toObject()["id"].toInteger();
        }
        QVERIFY(last > 0);
    }
    // Every instance and Redis (without persistence: it comes back empty) restart.
    m_cluster->kill(0);
    m_cluster->kill(1);
    QVERIFY(m_cluster->redis().startAgain());
    QVERIFY(startAll());
    ClusterClient bob;
    QVERIFY(bob.join(m_cluster->url(1), "bob"));
    const QJsonArray history = bob.ack["data"].toObject()["history"].toArray();
    QVERIFY(!history.isEmpty());
    QCOMPARE(history.last()["message"].toString(), "m4");
    bob.client->send("message", QJsonObject{{"text", "after"}}, 2);
    const qint64 next = bob.waitFor("ack")["data"].toObject()["id"].toInteger();
    QVERIFY2(next > last, qPrintable(QStringLiteral("%1 after %2").arg(next).arg(last)));
}

QTEST_MAIN(ClusterStoreTest)
#include "tst_clusterstore.moc"
