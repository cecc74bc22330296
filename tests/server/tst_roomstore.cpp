// Feature "rooms" in the database: a version 1 file migrates (its history becomes general's),
// rooms, topics and messages persist, `history` pages are range scans of an index.
#include "roomsclient.h"

#include "storeschema.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

using namespace chat::server;
using namespace rooms;

namespace {
ServerConfig storeConfig(const QString &path)
{
    ServerConfig config;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0}; // scripted clients; the budgets are tst_hostile's subject
    config.databasePath = path;
    return config;
}

// A connection of the test's own to the file, for what clients cannot see.
class Sql
{
public:
    explicit Sql(const QString &path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "test");
        db.setDatabaseName(path);
        m_ok = db.open();
    }
    ~Sql() { QSqlDatabase::removeDatabase("test"); }
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
};

void RoomStoreTest::version1FileBecomesGeneral()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("chat.db");
    {
        // Exactly what the release before rooms created (messagestore.cpp at 0a07f42).
        Sql sql(path);
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
    QTemporaryDir dir;
    const QString path = dir.filePath("chat.db");
    QVERIFY(startServer(storeConfig(path))); // creates the schema
    Sql sql(path);
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
    QTemporaryDir dir;
    const QString path = dir.filePath("chat.db");
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
    Sql sql(path);
    QCOMPARE(sql.rows(QString("SELECT room IS NULL, recipient, message FROM messages WHERE id = %1")
                          .arg(privateId)),
             QStringList{"1|" + bobKey + "|p"});
}

void RoomStoreTest::pagesReachPastTheMemory()
{
    QTemporaryDir dir;
    ServerConfig config = storeConfig(dir.filePath("chat.db"));
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

QTEST_GUILESS_MAIN(RoomStoreTest)
#include "tst_roomstore.moc"
