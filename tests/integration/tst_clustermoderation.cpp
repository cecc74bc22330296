// Cluster mode end to end, the feature "accounts" (issue 13): three real chat-server processes on
// a real redis-server. A deleted message leaves every instance's history and `message deleted`
// reaches clients on every instance; with a shared database (PostgreSQL: tst_clustermoderation_pg)
// a moderator on one instance kicks and bans users of another, and a name registered on one
// instance shows registered on the others.
#include "clusterfixture.h"
#include "testdatabase.h"

#include <QTest>

using chat::test::TestDatabase;

namespace {
const QByteArray password = "correct horse battery";

// `chat-server account ARGUMENTS` against `db`, the password on standard input; its exit code.
int account(const QStringList &arguments, const QString &db)
{
    QProcess process;
    process.start(QStringLiteral(CHAT_SERVER_PATH),
                  QStringList{"account"} + arguments + QStringList{"--db", db});
    if (!process.waitForStarted())
        return -1;
    process.write(password + '\n');
    process.closeWriteChannel();
    if (!process.waitForFinished(60'000))
        process.kill();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

// Joins with `data` (a name, features, a password); the ack, or {} when none came.
QJsonObject joinWith(ClusterClient &who, const QUrl &url, const QJsonObject &data)
{
    if (!who.client->open(url))
        return {};
    who.client->send("join", data, 1);
    who.ack = who.waitFor("ack");
    return who.ack;
}

// Sends a request and waits for its ack (other events are dropped): its "error" code, "" for
// none, "no ack" when none came.
QString request(ClusterClient &who, const QString &event, const QJsonObject &data, qint64 id)
{
    who.client->send(event, data, id);
    QDeadlineTimer deadline(10'000);
    while (!deadline.hasExpired()) {
        const QJsonObject ack = who.waitFor("ack", int(qMax<qint64>(1, deadline.remainingTime())));
        if (ack.value("id").toInteger() == id)
            return ack["error"].toObject()["code"].toString();
    }
    return QStringLiteral("no ack");
}

QStringList messagesOf(const QJsonArray &history)
{
    QStringList texts;
    for (const QJsonValue &msg : history)
        texts << msg["message"].toString();
    return texts;
}
} // namespace

class ClusterModerationTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void deleteAcrossInstances();
    void deletePrivateAcrossInstances();
    void deleteReachesAResumeOnAnotherInstance();
    void kickAcrossInstances();
    void banAcrossInstances();
    void registerAcrossInstances();

private:
    // The instances on a shared database with a moderator "mod" (skips without PostgreSQL).
    bool startWithModerator(const QByteArray &ini = {});
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<ClusterFixture> m_cluster;
};

void ClusterModerationTest::init()
{
    if (RedisServer::executable().isEmpty())
        QSKIP("redis-server is not installed (scripts/deps.sh installs it)");
    m_cluster = std::make_unique<ClusterFixture>();
    QVERIFY(m_cluster->startRedis());
    // Instances share a database only on PostgreSQL; else each keeps its history in memory.
    if (chat::test::onPostgres())
        m_db = std::make_unique<TestDatabase>();
    const QString db = m_db ? m_db->location() : QStringLiteral(":memory:");
    if (QByteArray(QTest::currentTestFunction()).startsWith("delete"))
        QCOMPARE(m_cluster->startAll(db), ClusterFixture::instances);
}

void ClusterModerationTest::cleanup()
{
    m_cluster.reset(); // the servers end before their database goes
    m_db.reset();
}

bool ClusterModerationTest::startWithModerator(const QByteArray &ini)
{
    if (!m_db)
        return false;
    if (account({"add", "mod", "--role", "moderator"}, m_db->location()) != 0)
        return false;
    return m_cluster->startAll(m_db->location(), ini) == ClusterFixture::instances;
}

void ClusterModerationTest::deleteAcrossInstances()
{
    ClusterClient alice; // a guest: deletes its own message (same session)
    QVERIFY(alice.join(m_cluster->url(0), "alice", {"accounts"}));
    ClusterClient bob; // accounts client in general, on another instance
    QVERIFY(bob.join(m_cluster->url(1), "bob", {"accounts"}));
    ClusterClient carol; // rooms client on a third
    QVERIFY(carol.join(m_cluster->url(2), "carol", {"rooms", "accounts"}));
    ClusterClient victor; // v1: learns nothing
    QVERIFY(victor.join(m_cluster->url(1), "victor"));

    alice.client->send("message", QJsonObject{{"text", "kept"}}, 2);
    QCOMPARE(alice.waitFor("ack")["id"].toInteger(), 2);
    alice.client->send("message", QJsonObject{{"text", "regretted"}}, 3);
    const QJsonObject sent = alice.waitFor("ack");
    QCOMPARE(sent["id"].toInteger(), 3);
    const qint64 id = sent["data"].toObject()["id"].toInteger();
    QVERIFY(id > 0);
    QCOMPARE(bob.waitFor("new chat msg")["data"].toObject()["message"].toString(), "kept");
    QCOMPARE(bob.waitFor("new chat msg")["data"].toObject()["message"].toString(), "regretted");

    QCOMPARE(request(alice, "delete", QJsonObject{{"id", id}}, 4), "");
    for (ClusterClient *other : {&bob, &carol}) {
        const QJsonObject deleted = other->waitFor("message deleted")["data"].toObject();
        QCOMPARE(deleted, (QJsonObject{{"id", id}, {"room", "general"}, {"by", "alice"}}));
    }
    // Gone from the history every instance gives a newcomer; the other message stays.
    for (int i = 0; i < ClusterFixture::instances; ++i) {
        ClusterClient newcomer;
        QVERIFY(newcomer.join(m_cluster->url(i), QStringLiteral("newcomer%1").arg(i)));
        const QStringList texts = messagesOf(newcomer.ack["data"].toObject()["history"].toArray());
        QVERIFY2(texts.contains("kept") && !texts.contains("regretted"),
                 qPrintable(texts.join(',')));
    }
    // Once: a second delete finds nothing.
    QCOMPARE(request(alice, "delete", QJsonObject{{"id", id}}, 5), "no_such_message");
    // The v1 client saw the message and nothing of its deletion.
    QCOMPARE(victor.waitFor("new chat msg")["data"].toObject()["message"].toString(), "kept");
    QCOMPARE(victor.waitFor("new chat msg")["data"].toObject()["message"].toString(), "regretted");
    QVERIFY(victor.waitFor("message deleted", 500).isEmpty());
}

void ClusterModerationTest::deletePrivateAcrossInstances()
{
    ClusterClient alice;
    QVERIFY(alice.join(m_cluster->url(0), "alice", {"rooms", "accounts"}));
    ClusterClient bob;
    QVERIFY(bob.join(m_cluster->url(2), "bob", {"rooms", "accounts"}));
    const QString bobKey = bob.ack["data"].toObject()["key"].toString();
    alice.client->send("private", QJsonObject{{"to", bobKey}, {"text", "psst"}}, 2);
    const qint64 id = alice.waitFor("ack")["data"].toObject()["id"].toInteger();
    QCOMPARE(bob.waitFor("private msg")["data"].toObject()["id"].toInteger(), id);

    QCOMPARE(request(alice, "delete", QJsonObject{{"id", id}}, 3), "");
    // The other end, on another instance, is told (no "room": a private message).
    QCOMPARE(bob.waitFor("message deleted")["data"].toObject(),
             (QJsonObject{{"id", id}, {"by", "alice"}}));
}

void ClusterModerationTest::deleteReachesAResumeOnAnotherInstance()
{
    const QStringList features{"resume", "rooms", "accounts"};
    ClusterClient alice;
    QVERIFY(alice.join(m_cluster->url(0), "alice", features));
    const QJsonObject aliceAck = alice.ack["data"].toObject();
    ClusterClient bob;
    QVERIFY(bob.join(m_cluster->url(1), "bob", {"rooms", "accounts"}));
    bob.client->send("message", QJsonObject{{"text", "regretted"}}, 2);
    const qint64 said = alice.waitFor("new chat msg")["data"].toObject()["id"].toInteger();
    bob.client->send("private", QJsonObject{{"to", aliceAck["key"]}, {"text", "psst"}}, 3);
    const qint64 whispered = alice.waitFor("private msg")["data"].toObject()["id"].toInteger();
    QVERIFY(said > 0 && whispered > said);

    // alice's connection is lost (no close handshake); bob takes both back meanwhile, on his
    // instance: every instance learns of it through the cluster.
    alice.client->socket.abort();
    QCOMPARE(request(bob, "delete", QJsonObject{{"id", said}}, 4), "");
    QCOMPARE(request(bob, "delete", QJsonObject{{"id", whispered}}, 5), "");

    // She resumes on a third instance: both deletions follow the ack.
    ClusterClient again;
    QVERIFY(again.join(m_cluster->url(2),
                       QJsonObject{{"name", "alice"},
                                   {"features", QJsonArray::fromStringList(features)},
                                   {"token", aliceAck["token"]},
                                   {"lastSeenId", whispered}}));
    QVERIFY(again.ack["data"].toObject()["resumed"].toBool());
    const auto deleted = [](const QJsonObject &data) {
        return QJsonObject{{"event", "message deleted"}, {"data", data}};
    };
    QCOMPARE(again.client->next(),
             deleted(QJsonObject{{"id", said}, {"room", "general"}, {"by", "bob"}}));
    QCOMPARE(again.client->next(), deleted(QJsonObject{{"id", whispered}, {"by", "bob"}}));
}

void ClusterModerationTest::kickAcrossInstances()
{
    if (!startWithModerator())
        QSKIP("needs a database the instances share: run as tst_clustermoderation_pg");
    ClusterClient mod;
    QVERIFY(!joinWith(mod, m_cluster->url(0),
                      {{"name", "mod"},
                       {"password", QString::fromUtf8(password)},
                       {"features", QJsonArray{"accounts"}}})
                 .contains("error"));
    ClusterClient gus;
    QVERIFY(gus.join(m_cluster->url(1), "gus", {"accounts"}));
    const QString gusKey = gus.ack["data"].toObject()["key"].toString();
    ClusterClient vic;
    QVERIFY(vic.join(m_cluster->url(2), "vic"));
    ClusterClient ada; // on gus's instance
    QVERIFY(ada.join(m_cluster->url(1), "ada"));

    // Refused as on one instance: oneself, nobody.
    const QString modKey = mod.ack["data"].toObject()["key"].toString();
    QCOMPARE(request(mod, "kick", QJsonObject{{"key", modKey}}, 2), "bad_request");
    QCOMPARE(request(mod, "kick", QJsonObject{{"key", "nobody"}}, 3), "no_such_user");

    QCOMPARE(request(mod, "kick", QJsonObject{{"key", gusKey}, {"reason", "spamming"}}, 4), "");
    // gus, on another instance, is told who and why, then closed with 4001 and the reason.
    QCOMPARE(gus.waitFor("kicked")["data"].toObject(),
             (QJsonObject{{"by", "mod"}, {"reason", "spamming"}}));
    QVERIFY(gus.client->waitDisconnected(10'000));
    QCOMPARE(int(gus.client->socket.closeCode()), 4001);
    QCOMPARE(gus.client->socket.closeReason(), "Kicked by mod: spamming");
    // Everyone else sees it leave once, on every instance.
    for (ClusterClient *other : {&vic, &ada}) {
        QCOMPARE(other->waitFor("user disconnected")["data"].toObject()["name"].toString(), "gus");
        QVERIFY(other->waitFor("user disconnected", 500).isEmpty());
    }
    // The name is free again, on any instance; the kicked key is nobody's.
    ClusterClient again;
    QVERIFY(again.join(m_cluster->url(2), "gus"));
    QCOMPARE(request(mod, "kick", QJsonObject{{"key", gusKey}}, 5), "no_such_user");
}

void ClusterModerationTest::banAcrossInstances()
{
    // 127.0.0.1, where every client of the test comes from, is not exempt: a ban takes it.
    if (!startWithModerator("[limits]\nexempt_addresses=\n"))
        QSKIP("needs a database the instances share: run as tst_clustermoderation_pg");
    ClusterClient mod;
    QVERIFY(!joinWith(mod, m_cluster->url(0),
                      {{"name", "mod"},
                       {"password", QString::fromUtf8(password)},
                       {"features", QJsonArray{"accounts"}}})
                 .contains("error"));
    ClusterClient spammer;
    QVERIFY(spammer.join(m_cluster->url(1), "spammer", {"accounts"}));
    ClusterClient vic;
    QVERIFY(vic.join(m_cluster->url(2), "vic"));

    QCOMPARE(request(mod, "ban", QJsonObject{{"name", "Spammer"}, {"reason", "ads"}}, 2), "");
    QCOMPARE(spammer.waitFor("kicked")["data"].toObject(),
             (QJsonObject{{"by", "mod"}, {"reason", "ads"}, {"until", QJsonValue::Null}}));
    QVERIFY(spammer.client->waitDisconnected(10'000));
    QCOMPARE(int(spammer.client->socket.closeCode()), 4002);
    QCOMPARE(spammer.client->socket.closeReason(), "Banned by mod: ads");
    QCOMPARE(vic.waitFor("user disconnected")["data"].toObject()["name"].toString(), "spammer");
    // The ban is in the shared database: refused on every instance.
    for (int i = 0; i < ClusterFixture::instances; ++i) {
        ClusterClient back;
        QVERIFY(!back.join(m_cluster->url(i), "spammer"));
        QCOMPARE(back.ack["error"].toObject()["code"].toString(), "banned");
    }
    // So is the address of its connection (on another instance than the moderator's: its
    // member record carries it), and these clients all come from 127.0.0.1.
    ClusterClient sameAddress;
    QVERIFY(!sameAddress.join(m_cluster->url(0), "innocent"));
    QCOMPARE(sameAddress.ack["error"].toObject()["code"].toString(), "banned");
}

void ClusterModerationTest::registerAcrossInstances()
{
    if (!startWithModerator())
        QSKIP("needs a database the instances share: run as tst_clustermoderation_pg");
    ClusterClient watcher; // an accounts client on another instance, there before
    QVERIFY(watcher.join(m_cluster->url(2), "watcher", {"accounts"}));
    ClusterClient carol;
    QVERIFY(carol.join(m_cluster->url(1), "carol", {"accounts"}));
    const QJsonObject connected = watcher.waitFor("user connected")["data"].toObject();
    QCOMPARE(connected["name"].toString(), "carol");
    QCOMPARE(connected["registered"], false);
    QCOMPARE(request(carol, "register", QJsonObject{{"password", QString::fromUtf8(password)}}, 2),
             "");
    // Every instance's later `users` shows carol registered (an instance applies the change
    // in the cluster's order: a join published after it sees it; a new name each try).
    int tries = 0;
    const auto registeredThere = [&](int instance) {
        ClusterClient later;
        if (!later.join(m_cluster->url(instance), QStringLiteral("later%1").arg(++tries),
                        {"accounts"}))
            return false;
        for (const QJsonValue &user : later.ack["data"].toObject()["users"].toArray()) {
            if (user["name"] == "carol")
                return user["registered"].toBool() && user["role"] == "user";
        }
        return false;
    };
    for (int i = 0; i < ClusterFixture::instances; ++i)
        QTRY_VERIFY_WITH_TIMEOUT(registeredThere(i), 10'000);
    // And the account is the database's: carol logs in with it on another instance.
    carol.client->socket.close();
    QVERIFY(watcher.waitFor("user disconnected").contains("data"));
    ClusterClient back;
    QVERIFY(!joinWith(back, m_cluster->url(2),
                      {{"name", "carol"},
                       {"password", QString::fromUtf8(password)},
                       {"features", QJsonArray{"accounts"}}})
                 .contains("error"));
    QCOMPARE(back.ack["data"].toObject()["account"].toObject()["registered"], true);
}

QTEST_GUILESS_MAIN(ClusterModerationTest)
#include "tst_clustermoderation.moc"
