// Deletions a client missed while its connection was lost (feature "accounts"): the resume's
// ack is followed by the `message deleted` events it would have had live, to the same audience
// (its rooms, general for accounts clients without "rooms", its private messages), and not by
// those made before the last message it saw. The log of deletions is bounded by a count
// (session/deletions_kept_for_resume) and by how long a session can be resumed. Also: the few
// accounts clients without "rooms" among many users, found through the Registry's set of them.
#include "deletionfixture.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace chat::server;
using deletion::Accounts;
using deletion::deletedEvent;
using deletion::deleteMessage;
using deletion::eventsBefore;
using deletion::firstOf;
using deletion::joinAs;
using deletion::password;
using deletion::say;
using deletion::whisper;

namespace {
// The join data that resumes `ack`'s session, the last message seen being `lastSeenId`.
QJsonObject resumeOf(const QJsonObject &ack, qint64 lastSeenId)
{
    return {{"token", ack.value("token")}, {"lastSeenId", lastSeenId}};
}

// The id of the next `new chat msg` (or `private msg`) `client` receives; 0 when none came.
qint64 nextMessageId(TestClient &client)
{
    for (;;) {
        const QJsonObject frame = rooms::nextEvent(client);
        if (frame.isEmpty())
            return 0;
        const QString event = frame.value("event").toString();
        if (event == "new chat msg" || event == "private msg")
            return frame.value("data").toObject().value("id").toInteger();
    }
}
} // namespace

class DeletionResumeTest : public QObject
{
    Q_OBJECT
private slots:
    void roomMessagesDeletedWhileAway();
    void privateMessagesDeletedWhileAway();
    void theOldestGoPastTheCount();
    void keptOnlyWhileASessionCanResume();
    void fewAccountsOnlyClientsAmongMany();
};

void DeletionResumeTest::roomMessagesDeletedWhileAway()
{
    Accounts accounts;
    QVERIFY(accounts.start());
    ChatServer &server = *accounts.server;
    // ann: a rooms client in general and Dev; alf: an accounts client without "rooms" (in
    // general); vic: a v1 client that resumes. bea writes, mod deletes.
    const QStringList roomsFeatures{"resume", "rooms", "accounts"};
    TestClient ann, alf, vic, bea, mod;
    const QJsonObject annAck = joinAs(ann, server, "ann", password, roomsFeatures,
                                      {{"rooms", QJsonArray{"general", "Dev"}}});
    QVERIFY(!annAck.isEmpty());
    const QJsonObject alfAck = joinAs(alf, server, "alf", {}, {"resume", "accounts"});
    QVERIFY(!alfAck.isEmpty());
    const QJsonObject vicAck = joinAs(vic, server, "vic", {}, {"resume"});
    QVERIFY(!vicAck.isEmpty());
    QVERIFY(!joinAs(bea, server, "bea", password, {"rooms", "accounts"},
                    {{"rooms", QJsonArray{"general", "dev", "elsewhere"}}})
                 .isEmpty());
    QVERIFY(!joinAs(mod, server, "mod", password).isEmpty());

    // A deletion before the last message they see reached them live: not sent again.
    const qint64 early = say(bea, "early", 2);
    QCOMPARE(deleteMessage(mod, early, 2), "");
    const qint64 inDev = say(bea, "in dev", 3, "dev");
    const qint64 inGeneral = say(bea, "in general", 4);
    QVERIFY(early > 0 && inDev > early && inGeneral > inDev);
    QVERIFY(eventsBefore(ann, "in general").contains(deletedEvent(early, "general", "mod")));
    QVERIFY(eventsBefore(alf, "in general").contains(deletedEvent(early, "general", "mod")));
    QVERIFY(!eventsBefore(vic, "in general").contains(deletedEvent(early, "general", "mod")));

    // Their connections are lost (no close handshake); meanwhile both messages are deleted, and
    // one of a room none of them is in.
    for (TestClient *client : {&ann, &alf, &vic})
        client->socket.abort();
    QTRY_COMPARE(server.heldUserCount(), 3);
    QCOMPARE(deleteMessage(mod, inGeneral, 3, "spam"), "");
    QCOMPARE(deleteMessage(bea, inDev, 5), ""); // the author
    const qint64 elsewhere = say(bea, "elsewhere", 6, "elsewhere");
    QCOMPARE(deleteMessage(bea, elsewhere, 7), "");

    // Each resumes: what it missed follows the ack, in the order the deletions were made.
    TestClient annAgain, alfAgain, vicAgain;
    const QJsonObject annResumed =
        joinAs(annAgain, server, "ann", password, roomsFeatures, resumeOf(annAck, inGeneral));
    QCOMPARE(annResumed.value("resumed").toBool(), true);
    const QJsonObject alfResumed =
        joinAs(alfAgain, server, "alf", {}, {"resume", "accounts"}, resumeOf(alfAck, inGeneral));
    QCOMPARE(alfResumed.value("resumed").toBool(), true);
    const QJsonObject vicResumed =
        joinAs(vicAgain, server, "vic", {}, {"resume"}, resumeOf(vicAck, inGeneral));
    QCOMPARE(vicResumed.value("resumed").toBool(), true);
    QVERIFY(say(bea, "marker", 8) > 0);
    QCOMPARE(eventsBefore(annAgain, "marker"),
             (QList<QJsonObject>{deletedEvent(inGeneral, "general", "mod"),
                                 deletedEvent(inDev, "Dev", "bea")}));
    QCOMPARE(eventsBefore(alfAgain, "marker"),
             QList<QJsonObject>{deletedEvent(inGeneral, "general", "mod")});
    QCOMPARE(eventsBefore(vicAgain, "marker"), QList<QJsonObject>{}); // v1: told nothing

    // The deleter resuming is not told of its own deletion.
    TestClient bob;
    const QJsonObject bobAck = joinAs(bob, server, "bob", {}, {"resume", "rooms", "accounts"});
    QVERIFY(!bobAck.isEmpty());
    const qint64 own = say(bob, "own", 2);
    QCOMPARE(deleteMessage(bob, own, 3), "");
    bob.socket.abort();
    QTRY_COMPARE(server.heldUserCount(), 1);
    TestClient bobAgain;
    QCOMPARE(joinAs(bobAgain, server, "bob", {}, {"resume", "rooms", "accounts"},
                    resumeOf(bobAck, own - 1))
                 .value("resumed")
                 .toBool(),
             true);
    QVERIFY(say(bea, "second marker", 9) > 0);
    QCOMPARE(eventsBefore(bobAgain, "second marker"), QList<QJsonObject>{});
}

void DeletionResumeTest::privateMessagesDeletedWhileAway()
{
    Accounts accounts;
    QVERIFY(accounts.start());
    ChatServer &server = *accounts.server;
    TestClient ann, bea;
    const QStringList features{"resume", "rooms", "accounts"};
    const QJsonObject annAck = joinAs(ann, server, "ann", password, features);
    QVERIFY(!annAck.isEmpty());
    const QString annKey = annAck.value("key").toString();
    QVERIFY(!joinAs(bea, server, "bea", password).isEmpty());
    const qint64 seen = whisper(bea, annKey, "psst", 2);
    QCOMPARE(nextMessageId(ann), seen);

    ann.socket.abort();
    QTRY_COMPARE(server.heldUserCount(), 1);
    QCOMPARE(deleteMessage(bea, seen, 3), ""); // the author takes it back
    // One sent and deleted while she was away: her resume lacks it, and being told is harmless.
    const qint64 missed = whisper(bea, annKey, "never mind", 4);
    QCOMPARE(deleteMessage(bea, missed, 5), "");

    TestClient annAgain;
    const QJsonObject resumed =
        joinAs(annAgain, server, "ann", password, features, resumeOf(annAck, seen));
    QCOMPARE(resumed.value("resumed").toBool(), true);
    QCOMPARE(resumed.value("private").toArray(), QJsonArray{});
    QCOMPARE(rooms::nextEvent(annAgain), deletedEvent(seen, {}, "bea"));
    QCOMPARE(rooms::nextEvent(annAgain), deletedEvent(missed, {}, "bea"));
    // Then what follows the resume, as usual.
    const qint64 after = whisper(bea, annKey, "welcome back", 6);
    QCOMPARE(nextMessageId(annAgain), after);
}

void DeletionResumeTest::theOldestGoPastTheCount()
{
    Accounts accounts;
    ServerConfig config = accounts.db.config();
    config.deletionsKeptForResume = 2;
    QVERIFY(accounts.start(config));
    ChatServer &server = *accounts.server;
    TestClient ann, bea;
    const QStringList features{"resume", "rooms", "accounts"};
    const QJsonObject annAck = joinAs(ann, server, "ann", password, features);
    QVERIFY(!annAck.isEmpty());
    QVERIFY(!joinAs(bea, server, "bea", password).isEmpty());
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i)
        ids << say(bea, QStringLiteral("m%1").arg(i), 2 + i);
    QCOMPARE(eventsBefore(ann, "m2").constLast().value("event"), "new chat msg"); // m1
    ann.socket.abort();
    QTRY_COMPARE(server.heldUserCount(), 1);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(deleteMessage(bea, ids[i], 10 + i), "");
    QCOMPARE(server.keptDeletionCount(), 2);

    TestClient annAgain;
    QVERIFY(
        !joinAs(annAgain, server, "ann", password, features, resumeOf(annAck, ids[2])).isEmpty());
    QVERIFY(say(bea, "marker", 20) > 0);
    // The first deletion was let go of: only the last two are told.
    QCOMPARE(eventsBefore(annAgain, "marker"),
             (QList<QJsonObject>{deletedEvent(ids[1], "general", "bea"),
                                 deletedEvent(ids[2], "general", "bea")}));
}

void DeletionResumeTest::keptOnlyWhileASessionCanResume()
{
    // A session is resumed at most idle timeout + ping interval + grace period after its client
    // was last heard from: a deletion is kept that long (here 1 + 0.5 + 1 s), then let go of.
    Accounts accounts;
    ServerConfig config = accounts.db.config();
    config.pingIntervalMs = 500;
    config.idleTimeoutMs = 1000;
    config.resumeGraceMs = 1000;
    QVERIFY(accounts.start(config));
    ChatServer &server = *accounts.server;
    TestClient bea;
    QVERIFY(!joinAs(bea, server, "bea", password).isEmpty());
    const qint64 id = say(bea, "soon gone", 2);
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(deleteMessage(bea, id, 3), "");
    QCOMPARE(server.keptDeletionCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(server.keptDeletionCount(), 0, 10'000);
    QVERIFY2(clock.elapsed() >= 2500, qPrintable(QString::number(clock.elapsed())));
}

void DeletionResumeTest::fewAccountsOnlyClientsAmongMany()
{
    // One accounts client without "rooms" among ten v1 clients: a deletion in general finds it
    // through the Registry's set of them (not a scan); a resume that no longer lists "accounts"
    // takes it out of the set, one that lists it again puts it back.
    Accounts accounts;
    QVERIFY(accounts.start());
    ChatServer &server = *accounts.server;
    std::vector<std::unique_ptr<TestClient>> crowd;
    for (int i = 0; i < 10; ++i) {
        crowd.push_back(std::make_unique<TestClient>());
        QVERIFY(rooms::joinV1(*crowd.back(), server, QStringLiteral("v%1").arg(i))
                    .value("key")
                    .isString());
    }
    TestClient alf, bea;
    const QJsonObject alfAck = joinAs(alf, server, "alf", {}, {"resume", "accounts"});
    QVERIFY(!alfAck.isEmpty());
    QVERIFY(!joinAs(bea, server, "bea", password).isEmpty());
    const qint64 first = say(bea, "first", 2);
    QCOMPARE(deleteMessage(bea, first, 3), "");
    QCOMPARE(firstOf(alf, "message deleted"), deletedEvent(first, "general", "bea"));

    // Back without "accounts": told nothing; with it again: told.
    alf.socket.abort();
    QTRY_COMPARE(server.heldUserCount(), 1);
    TestClient plain;
    const QJsonObject plainAck =
        joinAs(plain, server, "alf", {}, {"resume"}, resumeOf(alfAck, first));
    QCOMPARE(plainAck.value("resumed").toBool(), true);
    const qint64 second = say(bea, "second", 4);
    QCOMPARE(deleteMessage(bea, second, 5), "");
    const qint64 marker = say(bea, "marker", 6);
    QVERIFY(marker > second);
    QCOMPARE(eventsBefore(plain, "marker").size(), 1); // "second" itself
    plain.socket.abort();
    QTRY_COMPARE(server.heldUserCount(), 1);
    TestClient again;
    QVERIFY(!joinAs(again, server, "alf", {}, {"resume", "accounts"}, resumeOf(plainAck, marker))
                 .isEmpty());
    const qint64 third = say(bea, "third", 7);
    QCOMPARE(deleteMessage(bea, third, 8), "");
    QCOMPARE(firstOf(again, "message deleted"), deletedEvent(third, "general", "bea"));
}

QTEST_GUILESS_MAIN(DeletionResumeTest)
#include "tst_deletionresume.moc"
