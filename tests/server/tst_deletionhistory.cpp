// `delete` (feature "accounts", protocol-v2.md) through real sockets: the message is gone
// everywhere: history pages, join and resume histories, private inboxes, the database across a
// restart, also when only the database held it, and without a database.
#include "deletionfixture.h"

#include <QFile>
#include <QSqlQuery>
#include <QtTest>

using namespace chat::server;
using deletion::Accounts;
using deletion::deletedEvent;
using deletion::deleteMessage;
using deletion::firstOf;
using deletion::ids;
using deletion::joinAs;
using deletion::password;
using deletion::say;
using deletion::whisper;

class DeletionHistoryTest : public QObject
{
    Q_OBJECT
private slots:
    void goneFromHistoriesAndAfterARestart();
    void messageOnlyInTheDatabase();
    void withoutADatabase();
};

void DeletionHistoryTest::goneFromHistoriesAndAfterARestart()
{
    Accounts accounts;
    QVERIFY(accounts.start());
    TestClient ann, held;
    QVERIFY(!joinAs(ann, *accounts.server, "ann", password).isEmpty());
    const QJsonObject heldAck =
        joinAs(held, *accounts.server, "held", {}, {"rooms", "accounts", "resume"});
    const QString token = heldAck.value("token").toString();
    const QString heldKey = heldAck.value("key").toString();
    const qint64 seen = say(ann, "seen", 2);
    QCOMPARE(rooms::nextEvent(held).value("event").toString(), "new chat msg");
    held.socket.abort(); // lost: the session is held for its client
    QTRY_COMPARE(accounts.server->heldUserCount(), 1);
    const qint64 gone = say(ann, "gone", 3);
    const qint64 kept = say(ann, "kept", 4);
    const qint64 privateGone = whisper(ann, heldKey, "private, gone", 5);
    const qint64 privateKept = whisper(ann, heldKey, "private, kept", 6);
    QCOMPARE(deleteMessage(ann, gone, 7), "");
    QCOMPARE(deleteMessage(ann, privateGone, 8), "");
    // Acknowledged: its bytes are on disk nowhere, neither in the database file (secure_delete)
    // nor in the write-ahead log (checkpointed and truncated). PostgreSQL's files are the
    // server's (docs/security.md says what VACUUM leaves).
    if (!accounts.db.isPostgres()) {
        QByteArray onDisk;
        for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
            QFile file(accounts.db.path() + suffix);
            if (file.open(QIODevice::ReadOnly))
                onDisk += file.readAll();
        }
        QVERIFY(onDisk.contains("private, kept"));
        QVERIFY(!onDisk.contains("private, gone"));
    }

    // The resume's missed messages.
    TestClient back;
    const QJsonObject resumed =
        joinAs(back, *accounts.server, "held", {}, {"rooms", "accounts", "resume"},
               {{"token", token}, {"lastSeenId", seen}});
    QCOMPARE(resumed.value("resumed").toBool(), true);
    const QJsonObject general = rooms::roomState(resumed.value("rooms").toArray(), "general");
    QCOMPARE(ids(general.value("history").toArray()), QList<qint64>{kept});
    QCOMPARE(ids(resumed.value("private").toArray()), QList<qint64>{privateKept});
    // A history page, a newcomer's join (rooms and v1).
    const QJsonObject page =
        rooms::requestData(ann, "history", QJsonObject{{"room", "general"}}, 9);
    QCOMPARE(ids(page.value("messages").toArray()), (QList<qint64>{seen, kept}));
    TestClient newcomer, v1;
    const QJsonObject joined = joinAs(newcomer, *accounts.server, "newcomer");
    QCOMPARE(ids(rooms::roomState(joined.value("rooms").toArray(), "general")
                     .value("history")
                     .toArray()),
             (QList<qint64>{seen, kept}));
    QCOMPARE(ids(rooms::joinV1(v1, *accounts.server, "vic").value("history").toArray()),
             (QList<qint64>{seen, kept}));

    // A restart: gone from the database too.
    for (TestClient *client : {&ann, &back, &newcomer, &v1})
        client->socket.close();
    accounts.server.reset();
    accounts.server = startServer(accounts.db.config());
    QVERIFY(accounts.server);
    TestClient after, afterV1;
    const QJsonObject rejoined = joinAs(after, *accounts.server, "ann", password);
    QCOMPARE(ids(rooms::roomState(rejoined.value("rooms").toArray(), "general")
                     .value("history")
                     .toArray()),
             (QList<qint64>{seen, kept}));
    QCOMPARE(ids(rooms::requestData(after, "history", QJsonObject{{"room", "general"}}, 2)
                     .value("messages")
                     .toArray()),
             (QList<qint64>{seen, kept}));
    QCOMPARE(ids(rooms::joinV1(afterV1, *accounts.server, "vic").value("history").toArray()),
             (QList<qint64>{seen, kept}));
    QSqlDatabase db = accounts.db.open("after-restart");
    QVERIFY(db.isOpen());
    QSqlQuery rows(db);
    QVERIFY(rows.exec("SELECT id FROM messages ORDER BY id"));
    QList<qint64> stored;
    while (rows.next())
        stored << rows.value(0).toLongLong();
    QCOMPARE(stored, (QList<qint64>{seen, kept, privateKept}));
    rows = QSqlQuery();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase("after-restart");
    // Deleted before the restart: no such message after it.
    QCOMPARE(deleteMessage(after, gone, 3), "no_such_message");
}

void DeletionHistoryTest::messageOnlyInTheDatabase()
{
    Accounts accounts;
    ServerConfig config = accounts.db.config();
    config.historySize = 3; // memory holds the last 3 of general
    QVERIFY(accounts.start(config));
    TestClient ann, mod;
    QVERIFY(!joinAs(ann, *accounts.server, "ann", password).isEmpty());
    QVERIFY(!joinAs(mod, *accounts.server, "mod", password).isEmpty());
    QList<qint64> said;
    for (int i = 0; i < 5; ++i)
        said << say(ann, QString("old %1").arg(i), 2 + i);
    QCOMPARE(deleteMessage(ann, said.at(0), 10), "");
    QCOMPARE(deleteMessage(mod, said.at(1), 2, "old spam"), "");
    QCOMPARE(ids(rooms::requestData(ann, "history", QJsonObject{{"room", "general"}}, 11)
                     .value("messages")
                     .toArray()),
             said.mid(2));
    TestClient newcomer;
    const QJsonObject joined = joinAs(newcomer, *accounts.server, "newcomer");
    QCOMPARE(ids(rooms::roomState(joined.value("rooms").toArray(), "general")
                     .value("history")
                     .toArray()),
             said.mid(2));
}

void DeletionHistoryTest::withoutADatabase()
{
    ServerConfig config = rooms::scriptedConfig();
    config.databasePath = QStringLiteral(":memory:");
    const auto server = startServer(config);
    QVERIFY(server);
    TestClient gus, hal, mod;
    QVERIFY(!joinAs(gus, *server, "gus").isEmpty());
    const QString halKey = joinAs(hal, *server, "hal").value("key").toString();
    QVERIFY(!joinAs(mod, *server, "mod", password).isEmpty()); // no accounts: a guest
    const qint64 first = say(gus, "one", 2);
    const qint64 second = say(gus, "two", 3);
    QCOMPARE(deleteMessage(hal, first, 2), "forbidden");
    QCOMPARE(deleteMessage(mod, first, 2), "forbidden"); // there are no moderators
    QCOMPARE(deleteMessage(gus, first, 4), "");
    QCOMPARE(deleteMessage(gus, first, 5), "no_such_message");
    QCOMPARE(ids(rooms::requestData(hal, "history", QJsonObject{{"room", "general"}}, 3)
                     .value("messages")
                     .toArray()),
             QList<qint64>{second});
    TestClient newcomer;
    QCOMPARE(ids(rooms::roomState(joinAs(newcomer, *server, "newcomer").value("rooms").toArray(),
                                  "general")
                     .value("history")
                     .toArray()),
             QList<qint64>{second});
    // A private message: its author deletes it; the other end is told.
    const qint64 whispered = whisper(gus, halKey, "psst", 6);
    QCOMPARE(deleteMessage(hal, whispered, 4), "forbidden");
    QCOMPARE(deleteMessage(gus, whispered, 7), "");
    QCOMPARE(firstOf(hal, "message deleted"), deletedEvent(first, "general", "gus"));
    QCOMPARE(firstOf(hal, "message deleted"), deletedEvent(whispered, {}, "gus"));
}

QTEST_MAIN(DeletionHistoryTest)
#include "tst_deletionhistory.moc"
