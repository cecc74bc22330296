// The private `history` between two accounts (feature "accounts", protocol-v2.md: `{"with":
// name}` instead of `room`) through real sockets: paging with before/limit/more in both
// directions, across a restart, guests refused, the bad_request cases; and schema version 4 in
// the database: a version 3 file written by hand migrates to the schema a new file gets, and a
// page is two range scans of messages_between_accounts.
#include "deletionfixture.h"

#include "messagestore.h"
#include "storeschema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QtTest>

using namespace chat::server;
using deletion::ids;
using deletion::joinAs;
using deletion::password;
using deletion::whisper;

namespace {
// A connection of the test's own to a database file.
class Sql
{
public:
    Sql(const QString &path, const QString &name) : m_name(name)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", name);
        db.setDatabaseName(path);
        m_ok = db.open();
    }
    ~Sql() { QSqlDatabase::removeDatabase(m_name); }
    bool ok() const { return m_ok; }
    QSqlQuery query() const { return QSqlQuery(QSqlDatabase::database(m_name)); }
    bool exec(const QString &sql) const
    {
        QSqlQuery q = query();
        if (!q.exec(sql))
            qWarning() << sql << q.lastError().text();
        return q.lastError().type() == QSqlError::NoError;
    }
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
                columns << (q.isNull(i) ? QStringLiteral("NULL") : q.value(i).toString());
            result << columns.join('|');
        }
        return result;
    }

private:
    QString m_name;
    bool m_ok = false;
};

QByteArray passwordHash()
{
    static const QByteArray hash = [] {
        QByteArray copy = password.toUtf8();
        return *passwords::hash(copy, PasswordCost::standard());
    }();
    return hash;
}

QJsonObject page(TestClient &client, const QJsonObject &data, qint64 requestId,
                 QString *code = nullptr)
{
    return rooms::requestData(client, "history", data, requestId, code);
}
} // namespace

class PrivateHistoryTest : public QObject
{
    Q_OBJECT
private slots:
    void pagesBetweenTwoAccounts();
    void refusals();
    void pageIsTwoRangeScans();
    void version3FileMigrates();
};

void PrivateHistoryTest::pagesBetweenTwoAccounts()
{
    accounts::Database db;
    auto server = startServer(db.config());
    QVERIFY(server);
    for (const char *name : {"ann", "bob", "carl"})
        QVERIFY(db.addAccountWithHash(name, passwordHash()));
    TestClient ann, bob, carl, gus;
    const QString annKey = joinAs(ann, *server, "ann", password).value("key").toString();
    const QString bobKey = joinAs(bob, *server, "bob", password).value("key").toString();
    QVERIFY(!joinAs(carl, *server, "carl", password).isEmpty());
    QVERIFY(!joinAs(gus, *server, "gus").isEmpty());
    QList<qint64> between; // ann <-> bob, in order
    for (int i = 0; i < 7; ++i) {
        between << (i % 2 == 0 ? whisper(ann, bobKey, QString("to bob %1").arg(i), 10 + i)
                               : whisper(bob, annKey, QString("to ann %1").arg(i), 10 + i));
        QVERIFY(between.last() > 0);
    }
    const qint64 fromCarl = whisper(carl, annKey, "from carl", 2);
    QVERIFY(whisper(gus, annKey, "from a guest", 2) > 0); // a guest's: in nobody's history

    // Newest first in pages, oldest first within one; `more` until the first.
    const QJsonObject newest = page(ann, QJsonObject{{"with", "bob"}, {"limit", 3}}, 30);
    QCOMPARE(ids(newest.value("messages").toArray()), between.mid(4));
    QCOMPARE(newest.value("more").toBool(), true);
    const QJsonObject older =
        page(ann, QJsonObject{{"with", "bob"}, {"limit", 3}, {"before", between.at(4)}}, 31);
    QCOMPARE(ids(older.value("messages").toArray()), between.mid(1, 3));
    QCOMPARE(older.value("more").toBool(), true);
    const QJsonObject oldest =
        page(ann, QJsonObject{{"with", "bob"}, {"limit", 3}, {"before", between.at(1)}}, 32);
    QCOMPARE(ids(oldest.value("messages").toArray()), between.mid(0, 1));
    QCOMPARE(oldest.value("more").toBool(), false);
    // PrivateMsg objects, as `private msg` carries them.
    const QJsonObject first = oldest.value("messages").toArray().first().toObject();
    QCOMPARE(first.value("key").toString(), annKey);
    QCOMPARE(first.value("sender").toString(), "ann");
    QCOMPARE(first.value("to").toString(), bobKey);
    QCOMPARE(first.value("message").toString(), "to bob 0");
    QVERIFY(first.value("ts").toInteger() > 0);
    QCOMPARE(first.keys(), QStringList({"id", "key", "message", "sender", "to", "ts"}));

    // The other end sees the same conversation; the name as any spelling of it.
    const QJsonObject bobs = page(bob, QJsonObject{{"with", "ANN"}}, 2);
    QCOMPARE(ids(bobs.value("messages").toArray()), between);
    QCOMPARE(bobs.value("more").toBool(), false);
    QCOMPARE(ids(page(ann, QJsonObject{{"with", "carl"}}, 33).value("messages").toArray()),
             QList<qint64>{fromCarl});
    // Not registered, not online: what exists, nothing.
    const QJsonObject nobody = page(ann, QJsonObject{{"with", "nobody"}}, 34);
    QCOMPARE(nobody.value("messages").toArray(), QJsonArray());
    QCOMPARE(nobody.value("more").toBool(), false);
    QCOMPARE(page(ann, QJsonObject{{"with", "gus"}}, 35).value("messages").toArray(), QJsonArray());

    // Across a restart: from the database (keys do not outlive it; the accounts do).
    for (TestClient *client : {&ann, &bob, &carl, &gus})
        client->socket.close();
    server.reset();
    server = startServer(db.config());
    QVERIFY(server);
    TestClient annAgain;
    QVERIFY(!joinAs(annAgain, *server, "ann", password).isEmpty());
    const QJsonObject after = page(annAgain, QJsonObject{{"with", "bob"}, {"limit", 100}}, 2);
    QCOMPARE(ids(after.value("messages").toArray()), between);
    QCOMPARE(after.value("messages").toArray().last().toObject().value("message").toString(),
             "to bob 6");
    // A deleted one leaves it.
    QCOMPARE(deletion::deleteMessage(annAgain, between.at(2), 3), "");
    QCOMPARE(ids(page(annAgain, QJsonObject{{"with", "bob"}}, 4).value("messages").toArray()),
             (QList<qint64>{between.at(0), between.at(1), between.at(3), between.at(4),
                            between.at(5), between.at(6)}));
}

void PrivateHistoryTest::refusals()
{
    accounts::Database db;
    auto server = startServer(db.config());
    QVERIFY(server);
    QVERIFY(db.addAccountWithHash("ann", passwordHash()));
    TestClient ann, gus, rita;
    QVERIFY(!joinAs(ann, *server, "ann", password).isEmpty());
    QVERIFY(!joinAs(gus, *server, "gus").isEmpty());
    QVERIFY(!joinAs(rita, *server, "rita", {}, {"rooms"}).isEmpty());
    QString code;
    // A guest has no account to page through.
    page(gus, QJsonObject{{"with", "ann"}}, 2, &code);
    QCOMPARE(code, "account_required");
    // A room or a name, not both, not neither; a name that cannot be one.
    page(ann, QJsonObject{{"with", "gus"}, {"room", "general"}}, 2, &code);
    QCOMPARE(code, "bad_request");
    page(ann, QJsonObject{{"limit", 5}}, 3, &code);
    QCOMPARE(code, "bad_request");
    page(ann, QJsonObject{{"with", "  "}}, 4, &code);
    QCOMPARE(code, "bad_request");
    page(ann, QJsonObject{{"with", "bob"}, {"limit", 0}}, 5, &code);
    QCOMPARE(code, "bad_request");
    page(ann, QJsonObject{{"with", "bob"}, {"before", 0}}, 6, &code);
    QCOMPARE(code, "bad_request");
    // A client without "accounts": "with" is an unknown member, so there is no room.
    page(rita, QJsonObject{{"with", "ann"}}, 2, &code);
    QCOMPARE(code, "bad_request");
    // A room's history is as before for both.
    QVERIFY(page(ann, QJsonObject{{"room", "general"}}, 7, &code).contains("messages"));
    QVERIFY(page(rita, QJsonObject{{"room", "general"}, {"with", "ann"}}, 3, &code)
                .contains("messages"));

    // Without a database nobody is registered.
    ServerConfig memory = rooms::scriptedConfig();
    memory.databasePath = QStringLiteral(":memory:");
    const auto inMemory = startServer(memory);
    QVERIFY(inMemory);
    TestClient annInMemory;
    QVERIFY(!joinAs(annInMemory, *inMemory, "ann", password).isEmpty());
    page(annInMemory, QJsonObject{{"with", "bob"}}, 2, &code);
    QCOMPARE(code, "account_required");
}

void PrivateHistoryTest::pageIsTwoRangeScans()
{
    CHAT_SQLITE_ONLY("SQLite's EXPLAIN QUERY PLAN");
    QTemporaryDir dir;
    const QString path = dir.filePath("chat.db");
    QVERIFY(startServer([&] {
        ServerConfig config = rooms::scriptedConfig();
        config.databasePath = path;
        return config;
    }())); // creates the schema
    Sql sql(path, "plan");
    QVERIFY(sql.ok());
    QSqlQuery explain = sql.query();
    QVERIFY(explain.prepare(QString("EXPLAIN QUERY PLAN ") +
                            QLatin1String(storeschema::privatePageQuery)));
    for (const QVariant &value :
         {QVariant("ann"), QVariant("bob"), QVariant(1000), QVariant(51), QVariant("bob"),
          QVariant("ann"), QVariant(1000), QVariant(51), QVariant(51)})
        explain.addBindValue(value);
    QVERIFY2(explain.exec(), qPrintable(explain.lastError().text()));
    QStringList plan;
    while (explain.next())
        plan << explain.value(3).toString(); // id, parent, notused, detail
    qInfo() << "EXPLAIN QUERY PLAN of a private history page:" << plan;
    const QString search = "SEARCH messages USING INDEX messages_between_accounts "
                           "(author_account=? AND recipient_account=? AND id<?)";
    QCOMPARE(plan.filter(search).size(), 2);
    QCOMPARE(plan.filter("SCAN messages").size(), 0);
}

void PrivateHistoryTest::version3FileMigrates()
{
    CHAT_SQLITE_ONLY("a file of schema version 3 (PostgreSQL came with version 4)");
    QTemporaryDir dir;
    const QString path = dir.filePath("chat.db");
    {
        // What the releases up to schema 3 left: their statements in the order they ran them.
        Sql sql(path, "v3");
        QVERIFY(sql.ok());
        for (const char *statement : {
                 "CREATE TABLE IF NOT EXISTS messages ( id INTEGER PRIMARY KEY, key TEXT NOT "
                 "NULL, sender TEXT NOT NULL, message TEXT NOT NULL, ts INTEGER NOT NULL)",
                 "CREATE TABLE IF NOT EXISTS meta ( name TEXT PRIMARY KEY, value INTEGER NOT "
                 "NULL)",
                 "ALTER TABLE messages ADD COLUMN room TEXT DEFAULT 'general'",
                 "ALTER TABLE messages ADD COLUMN recipient TEXT",
                 "CREATE TABLE IF NOT EXISTS rooms ( key TEXT PRIMARY KEY, name TEXT NOT NULL,"
                 " topic TEXT NOT NULL DEFAULT '')",
                 "INSERT OR IGNORE INTO rooms (key, name, topic) VALUES ('general', "
                 "'general', '')",
                 "CREATE INDEX IF NOT EXISTS messages_by_room ON messages (room, id)",
                 "CREATE TABLE IF NOT EXISTS accounts ( key TEXT PRIMARY KEY, name TEXT NOT "
                 "NULL, hash TEXT NOT NULL, role TEXT NOT NULL DEFAULT 'user' CHECK (role IN "
                 "('user', 'moderator', 'admin')), created INTEGER NOT NULL)",
                 "CREATE TABLE IF NOT EXISTS bans ( id INTEGER PRIMARY KEY, name_key TEXT, name "
                 "TEXT, address TEXT, until INTEGER, reason TEXT NOT NULL DEFAULT '', banned_by "
                 "TEXT NOT NULL, created INTEGER NOT NULL, CHECK (name_key IS NOT NULL OR "
                 "address IS NOT NULL))",
                 "CREATE INDEX IF NOT EXISTS bans_by_name ON bans (name_key)",
                 "CREATE INDEX IF NOT EXISTS bans_by_address ON bans (address)",
                 "INSERT INTO messages (id, key, sender, message, ts, room, recipient) VALUES"
                 " (1, 'k1', 'ann', 'hello', 1700000000001, 'general', NULL),"
                 " (2, 'k1', 'ann', 'psst', 1700000000002, NULL, 'k2')",
                 "INSERT INTO meta (name, value) VALUES ('reserved_until', 10)",
                 "PRAGMA user_version = 3",
             })
            QVERIFY(sql.exec(QString::fromLatin1(statement)));
        QSqlQuery account = sql.query();
        QVERIFY(account.prepare("INSERT INTO accounts (key, name, hash, role, created) VALUES "
                                "('ann', 'ann', ?, 'moderator', 1)"));
        account.addBindValue(QString::fromLatin1(passwordHash()));
        QVERIFY(account.exec());
    }
    auto server = startServer([&] {
        ServerConfig config = rooms::scriptedConfig();
        config.databasePath = path;
        return config;
    }());
    QVERIFY(server);
    {
        Sql sql(path, "v4");
        QCOMPARE(sql.rows("PRAGMA user_version"), QStringList{"4"});
        // Old rows: no account (their authors count as guests).
        QCOMPARE(sql.rows("SELECT id, room, recipient, author_account, recipient_account FROM "
                          "messages ORDER BY id"),
                 QStringList({"1|general|NULL|NULL|NULL", "2|NULL|k2|NULL|NULL"}));
        // The schema is the one a new file gets: one path to it.
        QTemporaryDir freshDir;
        const QString freshPath = freshDir.filePath("fresh.db");
        {
            MessageStore fresh(freshPath, false);
            QVERIFY(fresh.open(10));
        }
        Sql freshSql(freshPath, "fresh");
        const QString schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name";
        QCOMPARE(sql.rows(schema), freshSql.rows(schema));
        QVERIFY(sql.rows(schema).filter("messages_between_accounts").size() == 1);
    }
    // The old messages are still there; the account logs in (its role kept) and what it writes
    // now is recorded with its account.
    TestClient ann, bob;
    const QJsonObject joined = joinAs(ann, *server, "ann", password);
    QCOMPARE(joined.value("account").toObject().value("role").toString(), "moderator");
    QCOMPARE(ids(rooms::roomState(joined.value("rooms").toArray(), "general")
                     .value("history")
                     .toArray()),
             QList<qint64>{1});
    QCOMPARE(page(ann, QJsonObject{{"with", "bob"}}, 2).value("messages").toArray(), QJsonArray());
    const QString bobKey = joinAs(bob, *server, "bob").value("key").toString(); // a guest
    const qint64 toGuest = whisper(ann, bobKey, "to a guest", 3);
    QVERIFY(toGuest > 10);
    QCOMPARE(deletion::deleteMessage(ann, 2, 4), ""); // a moderator: an old guest's message
    Sql sql(path, "after");
    QCOMPARE(
        sql.rows(QString("SELECT author_account, recipient_account FROM messages WHERE id = %1")
                     .arg(toGuest)),
        QStringList{"ann|NULL"});
    QCOMPARE(sql.rows("SELECT id FROM messages ORDER BY id"),
             QStringList({"1", QString::number(toGuest)}));
}

QTEST_MAIN(PrivateHistoryTest)
#include "tst_privatehistory.moc"
