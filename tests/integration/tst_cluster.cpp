// Cluster mode end to end: three real chat-server processes serving one chat through a real
// redis-server (issue 13). Presence and names across instances, one order of messages seen
// identically everywhere, history and rooms across instances, an instance killed with SIGKILL,
// and Redis restarting empty under a conversation.
#include "clusterfixture.h"

#include <QElapsedTimer>
#include <QTest>

class ClusterTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void namesAndPresenceAcrossInstances();
    void oneOrderOfMessagesEverywhere();
    void historyAndRoomsAcrossInstances();
    void privateMessagesAcrossInstances();
    void killedInstanceIsReaped();
    void redisRestartLosesNothingAcknowledged();
    void resumeOnAnotherInstance();
    void killedInstancesSessionsAreHeld();

private:
    std::unique_ptr<ClusterFixture> m_cluster;
};

void ClusterTest::init()
{
    if (RedisServer::executable().isEmpty())
        QSKIP("redis-server is not installed (scripts/deps.sh installs it)");
    m_cluster = std::make_unique<ClusterFixture>();
    QVERIFY(m_cluster->startRedis());
    QCOMPARE(m_cluster->startAll(), ClusterFixture::instances);
}

void ClusterTest::namesAndPresenceAcrossInstances()
{
    ClusterClient alice;
    QVERIFY(alice.join(m_cluster->url(0), "alice"));
    ClusterClient bob;
    QVERIFY(bob.join(m_cluster->url(1), "bob", {"accounts"}));
    // bob's join, on another instance, lists alice; alice is told of bob.
    QStringList users;
    for (const QJsonValue &user : bob.ack["data"].toObject()["users"].toArray())
        users << user["name"].toString();
    users.sort();
    QCOMPARE(users, QStringList({"alice", "bob"}));
    QCOMPARE(alice.waitFor("user connected")["data"].toObject()["name"].toString(), "bob");

    // Names are unique across instances, ignoring case.
    ClusterClient impostor;
    QVERIFY(!impostor.join(m_cluster->url(2), "ALICE"));
    QCOMPARE(impostor.ack["error"].toObject()["code"].toString(), "name_taken");

    // A third instance's newcomer sees both; bob leaving is seen everywhere.
    ClusterClient carol;
    QVERIFY(carol.join(m_cluster->url(2), "carol"));
    QCOMPARE(carol.ack["data"].toObject()["users"].toArray().size(), 3);
    bob.client->socket.close();
    QCOMPARE(alice.waitFor("user disconnected")["data"].toObject()["name"].toString(), "bob");
    QCOMPARE(carol.waitFor("user disconnected")["data"].toObject()["name"].toString(), "bob");
    // ... and its name is free again, on any instance.
    ClusterClient bobAgain;
    QVERIFY(bobAgain.join(m_cluster->url(2), "Bob"));

    // Two joins of one name at once on two instances (neither knows of the other yet): Redis
    // gives it to exactly one.
    for (int round = 0; round < 5; ++round) {
        const QString name = QStringLiteral("dave%1").arg(round);
        std::array<ClusterClient, 2> racers;
        for (int i = 0; i < 2; ++i)
            QVERIFY(racers[size_t(i)].client->open(m_cluster->url(i)));
        for (auto &racer : racers)
            racer.client->send("join", QJsonObject{{"name", name}}, 1);
        int joined = 0;
        for (auto &racer : racers) {
            const QJsonObject ack = racer.waitFor("ack");
            QVERIFY(!ack.isEmpty());
            if (ack.contains("error"))
                QCOMPARE(ack["error"].toObject()["code"].toString(), "name_taken");
            else
                ++joined;
        }
        QCOMPARE(joined, 1);
    }
}

void ClusterTest::oneOrderOfMessagesEverywhere()
{
    // An observer on each instance, and a sender on each that sends without waiting.
    std::array<ClusterClient, 3> observers;
    std::array<ClusterClient, 3> senders;
    for (int i = 0; i < 3; ++i) {
        QVERIFY(observers[size_t(i)].join(m_cluster->url(i), QStringLiteral("observer%1").arg(i)));
        QVERIFY(senders[size_t(i)].join(m_cluster->url(i), QStringLiteral("sender%1").arg(i)));
    }
    constexpr int perSender = 40;
    for (int n = 0; n < perSender; ++n) {
        for (int i = 0; i < 3; ++i)
            senders[size_t(i)].client->send(
                "message", QJsonObject{{"text", QStringLiteral("%1-%2").arg(i).arg(n)}}, 10 + n);
    }
    // Every send is acknowledged with an id.
    for (int i = 0; i < 3; ++i) {
        int acks = 0;
        QDeadlineTimer deadline(20'000);
        while (acks < perSender && !deadline.hasExpired()) {
            const QJsonObject frame = senders[size_t(i)].client->next(1000);
            if (frame.value("event") == "ack" && frame.value("id").toInteger() >= 10) {
                QVERIFY2(!frame.contains("error"), qPrintable(QJsonDocument(frame).toJson()));
                ++acks;
            }
        }
        QCOMPARE(acks, perSender);
    }
    std::array<QList<QPair<qint64, QString>>, 3> seen;
    for (int i = 0; i < 3; ++i) {
        auto &list = seen[size_t(i)];
        while (list.size() < 3 * perSender) {
            const QJsonObject frame = observers[size_t(i)].waitFor("new chat msg");
            QVERIFY2(!frame.isEmpty(), qPrintable(QStringLiteral("observer %1 got %2 of %3")
                                                      .arg(i)
                                                      .arg(list.size())
                                                      .arg(3 * perSender)));
            list.append({frame["data"].toObject()["id"].toInteger(),
                         frame["data"].toObject()["message"].toString()});
        }
    }
    // One order, the same on every instance, and it is increasing id order; each sender's
    // messages in the order sent.
    QCOMPARE(seen[1], seen[0]);
    QCOMPARE(seen[2], seen[0]);
    for (qsizetype k = 1; k < seen[0].size(); ++k)
        QVERIFY(seen[0][k].first > seen[0][k - 1].first);
    for (int i = 0; i < 3; ++i) {
        int next = 0;
        for (const auto &[id, text] : seen[0]) {
            if (text.startsWith(QStringLiteral("%1-").arg(i)))
                QCOMPARE(text, QStringLiteral("%1-%2").arg(i).arg(next++));
        }
        QCOMPARE(next, perSender);
    }
}

void ClusterTest::historyAndRoomsAcrossInstances()
{
    ClusterClient alice;
    QVERIFY(alice.join(m_cluster->url(0), "alice", {"rooms"}));
    alice.client->send("enter", QJsonObject{{"room", "ops"}, {"topic", "deploys"}}, 2);
    QVERIFY(!alice.waitFor("ack").contains("error"));
    alice.client->send("message", QJsonObject{{"text", "said on A"}}, 3);
    alice.client->send("message", QJsonObject{{"room", "ops"}, {"text", "ops on A"}}, 4);
    QVERIFY(!alice.waitFor("ack").contains("error"));
    QVERIFY(!alice.waitFor("ack").contains("error"));

    // A v1 newcomer on B has general's history; a rooms client on C entering ops sees its
    // topic, its member on A and its history.
    ClusterClient bob;
    QVERIFY(bob.join(m_cluster->url(1), "bob"));
    const QJsonArray history = bob.ack["data"].toObject()["history"].toArray();
    QVERIFY(!history.isEmpty());
    QCOMPARE(history.last()["message"].toString(), "said on A");

    ClusterClient carol;
    QVERIFY(carol.join(m_cluster->url(2), "carol", {"rooms"}));
    carol.client->send("enter", QJsonObject{{"room", "OPS"}}, 2);
    const QJsonObject entered = carol.waitFor("ack");
    QVERIFY2(!entered.contains("error"), qPrintable(QJsonDocument(entered).toJson()));
    const QJsonObject room = entered["data"].toObject()["room"].toObject();
    QCOMPARE(room["name"].toString(), "ops");
    QCOMPARE(room["topic"].toString(), "deploys");
    QCOMPARE(room["users"].toArray().size(), 2);
    QCOMPARE(room["history"].toArray().last()["message"].toString(), "ops on A");
    QJsonObject entering;
    do
        entering = alice.waitFor("user entered")["data"].toObject();
    while (!entering.isEmpty() && entering["room"].toString() != "ops");
    QCOMPARE(entering["name"].toString(), "carol");

    // A message in the room from C reaches A; a topic set on A reaches C.
    carol.client->send("message", QJsonObject{{"room", "ops"}, {"text", "from C"}}, 3);
    QCOMPARE(alice.waitFor("new chat msg")["data"].toObject()["message"].toString(), "from C");
    alice.client->send("topic", QJsonObject{{"room", "ops"}, {"topic", "frozen"}}, 5);
    QCOMPARE(carol.waitFor("topic changed")["data"].toObject()["topic"].toString(), "frozen");
}

void ClusterTest::privateMessagesAcrossInstances()
{
    ClusterClient alice;
    QVERIFY(alice.join(m_cluster->url(0), "alice", {"rooms"}));
    ClusterClient bob;
    QVERIFY(bob.join(m_cluster->url(2), "bob", {"rooms"}));
    const QString bobKey = bob.ack["data"].toObject()["key"].toString();
    alice.client->send("private", QJsonObject{{"to", bobKey}, {"text", "psst"}}, 2);
    const QJsonObject ack = alice.waitFor("ack");
    QVERIFY2(!ack.contains("error"), qPrintable(QJsonDocument(ack).toJson()));
    const QJsonObject received = bob.waitFor("private msg");
    QCOMPARE(received["data"].toObject()["message"].toString(), "psst");
    QCOMPARE(received["data"].toObject()["id"].toInteger(),
             ack["data"].toObject()["id"].toInteger());
}

void ClusterTest::killedInstanceIsReaped()
{
    ClusterClient alice;
    QVERIFY(alice.join(m_cluster->url(0), "alice"));
    ClusterClient carol;
    QVERIFY(carol.join(m_cluster->url(2), "carol"));
    QCOMPARE(alice.waitFor("user connected")["data"].toObject()["name"].toString(), "carol");
    QElapsedTimer clock;
    clock.start();
    m_cluster->kill(2);
    // Announced as gone by the survivors once its heartbeat expires (and its name is free).
    QCOMPARE(alice.waitFor("user disconnected", 15'000)["data"].toObject()["name"].toString(),
             "carol");
    qInfo() << "carol announced gone" << clock.elapsed() << "ms after SIGKILL (dead after"
            << ClusterFixture::deadAfterMs << "ms)";
    QVERIFY(clock.elapsed() < 15'000);
    ClusterClient carolAgain;
    QVERIFY(carolAgain.join(m_cluster->url(1), "carol"));
}

void ClusterTest::redisRestartLosesNothingAcknowledged()
{
    ClusterClient alice;
    QVERIFY(alice.join(m_cluster->url(0), "alice"));
    ClusterClient bob;
    QVERIFY(bob.join(m_cluster->url(1), "bob"));
    alice.client->send("message", QJsonObject{{"text", "before"}}, 2);
    const qint64 before = alice.waitFor("ack")["data"].toObject()["id"].toInteger();
    QVERIFY(before > 0);
    QCOMPARE(bob.waitFor("new chat msg")["data"].toObject()["message"].toString(), "before");

    m_cluster->redis().kill();
    // Sent meanwhile: answered (an error: nothing can be relayed), never left unanswered.
    alice.client->send("message", QJsonObject{{"text", "during"}}, 3);
    const QJsonObject during = alice.waitFor("ack");
    QVERIFY(!during.isEmpty());
    QCOMPARE(during["error"].toObject()["code"].toString(), "server_error");
    QTRY_COMPARE_WITH_TIMEOUT(m_cluster->health(0), 503, 5000);

    // Redis comes back empty: the instances resync, register their users again, and go on.
    QVERIFY(m_cluster->redis().startAgain());
    QTRY_COMPARE_WITH_TIMEOUT(m_cluster->health(0), 200, 20'000);
    QTRY_COMPARE_WITH_TIMEOUT(m_cluster->health(1), 200, 20'000);
    alice.client->send("message", QJsonObject{{"text", "after"}}, 4);
    const QJsonObject after = alice.waitFor("ack");
    QVERIFY2(!after.contains("error"), qPrintable(QJsonDocument(after).toJson()));
    QVERIFY(after["data"].toObject()["id"].toInteger() > before); // ids never go backwards
    QCOMPARE(bob.waitFor("new chat msg")["data"].toObject()["message"].toString(), "after");
    // Nobody's connection was closed, and the names are still held.
    QVERIFY(!alice.client->disconnected);
    QVERIFY(!bob.client->disconnected);
    ClusterClient impostor;
    QVERIFY(!impostor.join(m_cluster->url(2), "bob"));
    QCOMPARE(impostor.ack["error"].toObject()["code"].toString(), "name_taken");
}

namespace {
QJsonObject resumeData(const QString &name, const QString &token, qint64 lastSeenId)
{
    return {{"name", name},
            {"features", QJsonArray{"resume", "rooms"}},
            {"token", token},
            {"lastSeenId", lastSeenId}};
}
} // namespace

void ClusterTest::resumeOnAnotherInstance()
{
    ClusterClient alice;
    QVERIFY(alice.join(m_cluster->url(0), "alice", {"resume", "rooms"}));
    const QString token = alice.ack["data"].toObject()["token"].toString();
    const QString key = alice.ack["data"].toObject()["key"].toString();
    ClusterClient bob;
    QVERIFY(bob.join(m_cluster->url(1), "bob", {"rooms"}));
    bob.client->send("message", QJsonObject{{"text", "seen"}}, 2);
    const qint64 seen = alice.waitFor("new chat msg")["data"].toObject()["id"].toInteger();
    QVERIFY(seen > 0);

    // alice's connection is lost (no close handshake): her session is held; bob says more.
    alice.client->socket.abort();
    bob.client->send("message", QJsonObject{{"text", "missed"}}, 3);
    QVERIFY(!bob.waitFor("ack").contains("error"));

    // She comes back through another instance: the same user, with what she missed, and
    // nobody was told she had gone.
    ClusterClient again;
    QVERIFY(again.join(m_cluster->url(2), resumeData("alice", token, seen)));
    const QJsonObject data = again.ack["data"].toObject();
    QVERIFY(data["resumed"].toBool());
    QCOMPARE(data["key"].toString(), key);
    const QJsonArray history = data["rooms"].toArray().first().toObject()["history"].toArray();
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first()["message"].toString(), "missed");
    bob.client->send("private", QJsonObject{{"to", key}, {"text", "welcome back"}}, 4);
    QCOMPARE(again.waitFor("private msg")["data"].toObject()["message"].toString(), "welcome back");
    for (const QJsonObject &frame : bob.client->received)
        QVERIFY(frame.value("event") != "user disconnected");

    // Its token changed: the old one resumes nothing (a fresh join, whose name is taken).
    ClusterClient stale;
    QVERIFY(!stale.join(m_cluster->url(0), resumeData("alice", token, seen)));
    QCOMPARE(stale.ack["error"].toObject()["code"].toString(), "name_taken");

    // A session resumed on the instance that holds a live connection takes it over.
    const QString next = data["token"].toString();
    ClusterClient third;
    QVERIFY(third.join(m_cluster->url(0), resumeData("alice", next, seen)));
    QVERIFY(third.ack["data"].toObject()["resumed"].toBool());
    QTRY_VERIFY_WITH_TIMEOUT(again.client->disconnected, 10'000);
}

void ClusterTest::killedInstancesSessionsAreHeld()
{
    ClusterClient alice;
    QVERIFY(alice.join(m_cluster->url(2), "alice", {"resume", "rooms"}));
    const QString token = alice.ack["data"].toObject()["token"].toString();
    ClusterClient bob;
    QVERIFY(bob.join(m_cluster->url(0), "bob", {"rooms"}));
    ClusterClient carol;
    QVERIFY(carol.join(m_cluster->url(2), "carol")); // no "resume": gone with its instance

    m_cluster->kill(2);
    QCOMPARE(bob.waitFor("user disconnected", 15'000)["data"].toObject()["name"].toString(),
             "carol");
    // alice's session is held by a survivor; she resumes on another instance.
    ClusterClient again;
    QVERIFY(again.join(m_cluster->url(1), resumeData("alice", token, 0)));
    QVERIFY(again.ack["data"].toObject()["resumed"].toBool());
    again.client->send("message", QJsonObject{{"text", "still here"}}, 2);
    QJsonObject message;
    do
        message = bob.waitFor("new chat msg")["data"].toObject();
    while (!message.isEmpty() && message["message"].toString() != "still here");
    QCOMPARE(message["sender"].toString(), "alice");
    for (const QJsonObject &frame : bob.client->received) {
        if (frame.value("event") == "user disconnected")
            QCOMPARE(frame["data"].toObject()["name"].toString(), "carol");
    }
}

QTEST_MAIN(ClusterTest)
#include "tst_cluster.moc"
