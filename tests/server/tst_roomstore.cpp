// Feature "rooms" in the database: a version 1 file migrates (its history becomes general's),
// rooms, topics and messages persist, `history` pages are range scans of an index; every
// message since an id (MessageStore::readSince). On SQLite, and on PostgreSQL in tst_roomstore_pg.
#include "roomsclient.h"

#include "messagestore.h"
#include "storeschema.h"
#include "testdatabase.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QtTest>

#include <future>

using namespace chat::server;
using namespace rooms;
using chat::test::TestDatabase;

namespace {
ServerConfig storeConfig(const QString &path)
{
    ServerConfig config;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0}; // scripted clients; the budgets are tst_hostile's subject
    config.databasePath = path;
    return config;
}

// A connection of the test's own to the database, for what clients cannot see.
class Sql
{
public:
    explicit Sql(const TestDatabase &database) { m_ok = database.open("test").isOpen(); }
    ~Sql()
    {
        QSqlDatabase::database("test", false).close();
        QSqlDatabase::removeDatabase("test");
    }
    bool ok() const { return m_ok; }
    QSqlQuery query() const { return QSqlQuery(QSqlDatabase::database("test")); }
    // Each row's columns joined by '|'.
    QStringList rows(const QString &sql) const
    {
        QSqlQuery q = query();
        QStringList result;
        if (!q.exec(sql))
            return {"error: " + q.lastError().text()};
        while (q.next()) {
            QStringList columns;
            for (int i = 0; i < q.record().count(); ++i)
                columns << q.value(i).toString();
            result << columns.join('|');
        }
        return result;
    }

private:
    bool m_ok = false;
};
} // namespace

class RoomStoreTest : public QObject
{
    Q_OBJECT
private slots:
    void version1FileBecomesGeneral();
    void historyPageIsARangeScan();
    void roomsTopicsAndMessagesPersist();
    void pagesReachPastTheMemory();
    void readSinceGivesEveryMessageInIdOrder();
    void reservedIdsOnlyRise();
    void enterAckOfANewRoomComesBeforeItsEvents();
};

void RoomStoreTest::version1FileBecomesGeneral()
{
    CHAT_SQLITE_ONLY("a file of the first release (PostgreSQL came with schema version 4)");
    TestDatabase database;
    const QString path = database.location();
    {
        // Exactly what the release before rooms created (messagestore.cpp at 0a07f42).
        Sql sql(database);
        QVERIFY(sql.ok());
        QSqlQuery q = sql.query();
        QVERIFY(q.exec("CREATE TABLE IF NOT EXISTS messages ("
                       " id INTEGER PRIMARY KEY, key TEXT NOT NULL, sender TEXT NOT NULL,"
                       " message TEXT NOT NULL, ts INTEGER NOT NULL)"));
        QVERIFY(q.exec("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER "
                       "NOT NULL)"));
        for (int id = 1; id <= 60; ++id)
            QVERIFY(q.exec(QString("INSERT INTO messages (id, key, sender, message, ts) VALUES "
                                   "(%1, 'k%1', 'old', 'message %1', %2)")
                               .arg(id)
                               .arg(1'700'000'000'000LL + id)));
        QVERIFY(q.exec("INSERT INTO meta (name, value) VALUES ('reserved_until', 70)"));
    }
    auto server = startServer(storeConfig(path));
    QVERIFY(server);
    TestClient dave, alice;
    QVERIFY(dave.open(serverUrl(*server)));
    const QJsonArray v1History = dave.join("dave").value("history").toArray();
    QCOMPARE(v1History.size(), 60);
    QCOMPARE(v1History.first().toObject().value("message").toString(), "message 1");
    QCOMPARE(v1History.last().toObject().keys(),
             QStringList({"id", "key", "message", "sender", "ts"}));
    QVERIFY(alice.open(serverUrl(*server)));
    const QJsonObject ack = requestData(alice, "join", joinData("alice"), 1);
    const QJsonArray general =
        roomState(ack.value("rooms").toArray(), "general").value("history").toArray();
    QCOMPARE(general.size(), 60);
    QCOMPARE(general.last().toObject().value("room").toString(), "general");

    const QJsonObject page =
        requestData(alice, "history", QJsonObject{{"room", "general"}, {"limit", 50}}, 2);
    QCOMPARE(page.value("messages").toArray().size(), 50);
    QCOMPARE(page.value("messages").toArray().first().toObject().value("id").toInteger(), 11);
    QCOMPARE(page.value("more").toBool(), true);
    const QJsonObject rest =
        requestData(alice, "history", QJsonObject{{"room", "general"}, {"before", 11}}, 3);
    QCOMPARE(rest.value("messages").toArray().size(), 10);
    QCOMPARE(rest.value("messages").toArray().first().toObject().value("sender").toString(), "old");
    QCOMPARE(rest.value("more").toBool(), false);
    // Ids continue above the reservation of the old file.
    QVERIFY(requestData(alice, "message", QJsonObject{{"text", "new"}}, 4).value("id").toInteger() >
            70);
}

void RoomStoreTest::historyPageIsARangeScan()
{
    CHAT_SQLITE_ONLY("SQLite's EXPLAIN QUERY PLAN and PRAGMA user_version");
    TestDatabase database;
    const QString path = database.location();
    QVERIFY(startServer(storeConfig(path))); // creates the schema
    Sql sql(database);
    QVERIFY(sql.ok());
    QCOMPARE(sql.rows("PRAGMA user_version"), QStringList{QString::number(storeschema::version)});
    // The statement the store prepares, with values bound as the store binds them.
    QSqlQuery explain = sql.query();
    QVERIFY(
        explain.prepare(QString("EXPLAIN QUERY PLAN ") + QLatin1String(storeschema::pageQuery)));
    explain.addBindValue("general");
    explain.addBindValue(1000);
    explain.addBindValue(50);
    QVERIFY2(explain.exec(), qPrintable(explain.lastError().text()));
    QStringList plan;
    while (explain.next())
        plan << explain.value(3).toString(); // id, parent, notused, detail
    qInfo() << "EXPLAIN QUERY PLAN of a history page:" << plan;
    QCOMPARE(plan.size(), 1);
    QVERIFY2(plan.first().contains("SEARCH messages USING INDEX messages_by_room (room=? AND "
                                   "id<?)"),
             qPrintable(plan.first()));
    QVERIFY(!plan.first().contains("SCAN"));
}

void RoomStoreTest::roomsTopicsAndMessagesPersist()
{
    TestDatabase database;
    const QString path = database.location();
    QString bobKey;
    qint64 privateId = 0;
    {
        auto server = startServer(storeConfig(path));
        QVERIFY(server);
        TestClient alice, bob;
        QVERIFY(alice.open(serverUrl(*server)));
        QVERIFY(bob.open(serverUrl(*server)));
        requestData(alice, "join", joinData("alice"), 1);
        bobKey = requestData(bob, "join", joinData("bob"), 1).value("key").toString();
        requestData(alice, "enter", QJsonObject{{"room", "Dev"}, {"topic", "first"}}, 2);
        requestData(alice, "topic", QJsonObject{{"room", "dev"}, {"topic", "second"}}, 3);
        requestData(alice, "message", QJsonObject{{"room", "Dev"}, {"text", "kept"}}, 4);
        privateId = requestData(alice, "private", QJsonObject{{"to", bobKey}, {"text", "p"}}, 5)
                        .value("id")
                        .toInteger();
        QVERIFY(privateId > 0);
    }
    auto server = startServer(storeConfig(path));
    QVERIFY(server);
    QCOMPARE(server->roomCount(), 2);
    TestClient carol;
    QVERIFY(carol.open(serverUrl(*server)));
    requestData(carol, "join", joinData("carol"), 1);
    const QJsonArray listed = requestData(carol, "rooms", QJsonValue(), 2).value("rooms").toArray();
    QCOMPARE(listed.at(0).toObject(),
             QJsonObject({{"name", "Dev"}, {"topic", "second"}, {"members", 0}}));
    const QJsonObject state =
        requestData(carol, "enter", QJsonObject{{"room", "DEV"}}, 3).value("room").toObject();
    QCOMPARE(state.value("name").toString(), "Dev");
    QCOMPARE(state.value("history").toArray().size(), 1);
    QCOMPARE(state.value("history").toArray().at(0).toObject().value("message").toString(), "kept");
    // The private message is stored, apart from every room.
    Sql sql(database);
    QCOMPARE(sql.rows(QString("SELECT COALESCE(room, '-'), recipient, message FROM messages"
                              " WHERE id = %1")
                          .arg(privateId)),
             QStringList{"-|" + bobKey + "|p"});
}

void RoomStoreTest::pagesReachPastTheMemory()
{
    TestDatabase database;
    ServerConfig config = storeConfig(database.location());
    config.historySize = 5; // the memory holds 5; the database everything
    auto server = startServer(config);
    QVERIFY(server);
    TestClient alice;
    QVERIFY(alice.open(serverUrl(*server)));
    QJsonObject join = joinData("alice");
    join.insert("rooms", QJsonArray{"Dev"});
    requestData(alice, "join", join, 1);
    QList<qint64> ids;
    for (int i = 0; i < 12; ++i)
        ids << requestData(alice, "message",
                           QJsonObject{{"room", "Dev"}, {"text", QString::number(i)}}, 10 + i)
                   .value("id")
                   .toInteger();
    // Pages of 4: 8..11, 4..7, 0..3 (no more).
    std::optional<qint64> before;
    for (int first : {8, 4, 0}) {
        QJsonObject data{{"room", "Dev"}, {"limit", 4}};
        if (before)
            data.insert("before", *before);
        const QJsonObject page = requestData(alice, "history", data, 100 + first);
        const QJsonArray messages = page.value("messages").toArray();
        QCOMPARE(messages.size(), 4);
        QCOMPARE(messages.first().toObject().value("id").toInteger(), ids[first]);
        QCOMPARE(messages.last().toObject().value("id").toInteger(), ids[first + 3]);
        QCOMPARE(page.value("more").toBool(), first > 0);
        before = ids[first];
    }
    const QJsonObject all =
        requestData(alice, "history", QJsonObject{{"room", "Dev"}, {"limit", 100}}, 200);
    QCOMPARE(all.value("messages").toArray().size(), 12);
    QCOMPARE(all.value("more").toBool(), false);
}

void RoomStoreTest::readSinceGivesEveryMessageInIdOrder()
{
    TestDatabase database;
    MessageStore store(database.location(), false);
    QVERIFY2(store.open(10), qPrintable(store.errorString()));
    const qint64 t0 = 1'700'000'000'000;
    std::atomic<int> committed{0};
    const auto count = [&committed](bool ok) {
        committed += ok;
    };
    store.append({1, "k1", "ann", "in general", t0}, "general", {}, count);
    store.appendPrivate({2, "k1", "ann", "k2", "to bob", t0 + 1}, "ann", "bob", count);
    store.append({3, "k2", "bob", "in dev", t0 + 2}, "dev", "bob", count);
    store.appendPrivate({4, "k2", "bob", "k1", "guest to guest", t0 + 3}, {}, {}, count);
    using Since = std::pair<bool, QList<SinceMessage>>;
    const auto since = [&store](qint64 after, int limit) {
        auto promise = std::make_shared<std::promise<Since>>();
        auto future = promise->get_future();
        // Queued behind the appends: it sees them committed.
        store.readSince(after, limit, [promise](bool ok, const QList<SinceMessage> &messages) {
            promise->set_value({ok, messages});
        });
        if (future.wait_for(std::chrono::seconds(30)) != std::future_status::ready)
            qFatal("the store did not answer");
        return future.get();
    };
    const Since all = since(0, 100);
    QVERIFY(all.first);
    QCOMPARE(committed.load(), 4);
    QList<qint64> ids;
    for (const SinceMessage &m : all.second)
        ids << m.id;
    QCOMPARE(ids, (QList<qint64>{1, 2, 3, 4}));
    const SinceMessage &room = all.second.at(2);
    QCOMPARE(room.key, "k2");
    QCOMPARE(room.sender, "bob");
    QCOMPARE(room.text, "in dev");
    QCOMPARE(room.ts, t0 + 2);
    QCOMPARE(room.roomKey, "dev");
    QVERIFY(room.recipientKey.isEmpty());
    QCOMPARE(room.authorAccount, "bob");
    const SinceMessage &whisper = all.second.at(1);
    QVERIFY(whisper.roomKey.isEmpty());
    QCOMPARE(whisper.recipientKey, "k2");
    QCOMPARE(whisper.authorAccount, "ann");
    QCOMPARE(whisper.recipientAccount, "bob");
    QVERIFY(all.second.at(3).authorAccount.isEmpty()); // guests: NULL
    QVERIFY(all.second.at(3).recipientAccount.isEmpty());
    // Above an id, at most `limit`, oldest first.
    const Since page = since(1, 2);
    QCOMPARE(page.second.size(), 2);
    QCOMPARE(page.second.at(0).id, 2);
    QCOMPARE(page.second.at(1).id, 3);
    QVERIFY(since(4, 10).second.isEmpty());
}

void RoomStoreTest::reservedIdsOnlyRise()
{
    // Servers sharing a database reserve in any order (tst_pgstore): a lower mark after a
    // higher one leaves the higher.
    TestDatabase database;
    {
        MessageStore store(database.location(), false);
        QVERIFY2(store.open(10), qPrintable(store.errorString()));
        QVERIFY(store.reserveIds(500));
        QVERIFY(store.reserveIds(200));
    }
    MessageStore store(database.location(), false);
    QVERIFY2(store.open(10), qPrintable(store.errorString()));
    QCOMPARE(store.lastMessageId(), qint64(500));
}

void RoomStoreTest::enterAckOfANewRoomComesBeforeItsEvents()
{
    // A new room's ack waits for the room to be committed; others entering meanwhile must be in
    // it (their `user entered` came before the ack, so the client dropped it).
    TestDatabase database;
    auto config = storeConfig(database.location());
    config.workerThreads = 2;
    auto server = startServer(config);
    QVERIFY(server);
    TestClient alice, bob;
    QVERIFY(alice.open(serverUrl(*server)));
    QVERIFY(bob.open(serverUrl(*server)));
    requestData(alice, "join", joinData("alice"), 1);
    requestData(bob, "join", joinData("bob"), 1);
    const QString outcome = enterRaceOutcome(alice, bob, "bob", 15);
    QVERIFY2(outcome.isEmpty(), qPrintable(outcome));
}

QTEST_GUILESS_MAIN(RoomStoreTest)
#include "tst_roomstore.moc"
