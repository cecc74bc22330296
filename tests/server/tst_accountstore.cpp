// Feature "accounts" in the database: a version 2 file migrates, accounts and bans are written in
// the store's group commit and read on its thread, one server holds a database.
#include "accountstore.h"
#include "databaselock.h"
#include "messagestore.h"
#include "storeschema.h"
#include "testdatabase.h"
#include "validation.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QtTest>

#include <future>

using namespace chat::server;
using chat::ChatMsg;
using chat::test::TestDatabase;

namespace {
constexpr qint64 t0 = 1'700'000'000'000; // ms

// A connection of the test's own to the database.
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
    bool exec(const QString &statement) const
    {
        QSqlQuery q(QSqlDatabase::database("test"));
        if (!q.exec(statement))
            qWarning() << statement << q.lastError().text();
        return q.isActive();
    }
    // Each row's columns joined by '|'.
    QStringList rows(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database("test"));
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

// Runs one of AccountStore's calls and waits for its answer (given on the store's thread).
template <typename T, typename Call> T answerOf(Call call)
{
    auto promise = std::make_shared<std::promise<T>>();
    auto future = promise->get_future();
    call([promise](const T &value) { promise->set_value(value); });
    if (future.wait_for(std::chrono::seconds(30)) != std::future_status::ready)
        qFatal("the store did not answer");
    return future.get();
}

Account account(const QString &name, Role role = Role::User)
{
    return Account{chat::validation::nameUniquenessKey(name), name, "$argon2id$not-a-real-hash",
                   role, t0};
}
} // namespace

class AccountStoreTest : public QObject
{
    Q_OBJECT
private slots:
    void version2FileMigrates();
    void newerSchemaIsRefused();
    void accountsAreWrittenAndRead();
    void namesAreUniqueAsOnTheServer();
    void failedWorkLeavesTheBatchsMessages();
    void bansMatchNameOrAddressUntilTheyExpire();
    void oneServerPerDatabase();
};

void AccountStoreTest::version2FileMigrates()
{
    CHAT_SQLITE_ONLY("a file of the release with rooms (PostgreSQL came with schema version 4)");
    TestDatabase database;
    const QString path = database.location();
    {
        // Exactly what the release with rooms (schema version 2, storeschema.cpp at 220aa99) made.
        Sql sql(database);
        QVERIFY(sql.ok());
        QVERIFY(sql.exec("CREATE TABLE messages (id INTEGER PRIMARY KEY, key TEXT NOT NULL,"
                         " sender TEXT NOT NULL, message TEXT NOT NULL, ts INTEGER NOT NULL,"
                         " room TEXT DEFAULT 'general', recipient TEXT)"));
        QVERIFY(sql.exec("CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)"));
        QVERIFY(sql.exec("CREATE TABLE rooms (key TEXT PRIMARY KEY, name TEXT NOT NULL,"
                         " topic TEXT NOT NULL DEFAULT '')"));
        QVERIFY(sql.exec("INSERT INTO rooms VALUES ('general', 'general', ''), ('dev', 'Dev', "
                         "'builds')"));
        QVERIFY(sql.exec("CREATE INDEX messages_by_room ON messages (room, id)"));
        QVERIFY(sql.exec("INSERT INTO messages VALUES (1, 'k1', 'ann', 'hello', 1, 'dev', NULL),"
                         " (2, 'k1', 'ann', 'psst', 2, NULL, 'k2')"));
        QVERIFY(sql.exec("INSERT INTO meta VALUES ('reserved_until', 10)"));
        QVERIFY(sql.exec("PRAGMA user_version = 2"));
    }
    {
        MessageStore store(path, false);
        QVERIFY2(store.open(100), qPrintable(store.errorString()));
        QCOMPARE(store.rooms().size(), size_t(2));
        QCOMPARE(store.lastMessageId(), qint64(10));
        AccountStore accounts(store);
        const Change added =
            answerOf<Change>([&](auto done) { accounts.add(account("ann"), done); });
        QCOMPARE(added, Change::Done);
    }
    Sql sql(database);
    QCOMPARE(sql.rows("PRAGMA user_version"), QStringList{QString::number(storeschema::version)});
    QCOMPARE(sql.rows("SELECT id, room, recipient, message FROM messages ORDER BY id"),
             QStringList({"1|dev||hello", "2||k2|psst"}));
    QCOMPARE(sql.rows("SELECT name, role, created FROM accounts"),
             QStringList{"ann|user|" + QString::number(t0)});
    QCOMPARE(sql.rows("SELECT COUNT(*) FROM bans"), QStringList{"0"});
    QCOMPARE(sql.rows("SELECT name FROM pragma_index_list('bans') ORDER BY name"),
             QStringList({"bans_by_address", "bans_by_name"}));
}

void AccountStoreTest::newerSchemaIsRefused()
{
    TestDatabase database;
    const QString path = database.location();
    {
        Sql sql(database);
        QVERIFY(
            database.isPostgres()
                ? sql.exec("CREATE TABLE meta (name TEXT PRIMARY KEY, value BIGINT NOT NULL)") &&
                      sql.exec(QString("INSERT INTO meta VALUES ('schema_version', %1)")
                                   .arg(storeschema::version + 1))
                : sql.exec(QString("PRAGMA user_version = %1").arg(storeschema::version + 1)));
    }
    MessageStore store(path, false);
    QVERIFY(!store.open(100));
    QVERIFY2(store.errorString().contains(QString("newer release (schema version %1; this one "
                                                  "knows up to %2)")
                                              .arg(storeschema::version + 1)
                                              .arg(storeschema::version)),
             qPrintable(store.errorString()));
}

void AccountStoreTest::accountsAreWrittenAndRead()
{
    TestDatabase database;
    const QString path = database.location();
    {
        MessageStore store(path, false);
        QVERIFY(store.open(100));
        AccountStore accounts(store);
        for (const Account &a : {account("zoe"), account("Bob", Role::Admin), account("carl")})
            QCOMPARE(answerOf<Change>([&](auto done) { accounts.add(a, done); }), Change::Done);
        const QString zoe = account("zoe").key;
        QCOMPARE(answerOf<Change>([&](auto done) { accounts.setRole(zoe, Role::Moderator, done); }),
                 Change::Done);
        QCOMPARE(answerOf<Change>([&](auto done) { accounts.setHash(zoe, "$argon2id$new", done); }),
                 Change::Done);
        QCOMPARE(answerOf<Change>([&](auto done) { accounts.remove(account("carl").key, done); }),
                 Change::Done);
        // Answers, not errors, for what is not there.
        QCOMPARE(answerOf<Change>([&](auto done) { accounts.remove(account("carl").key, done); }),
                 Change::Missing);
        QCOMPARE(answerOf<Change>([&](auto done) { accounts.setRole("nobody", Role::User, done); }),
                 Change::Missing);
    }
    // Read back after a restart.
    MessageStore store(path, false);
    QVERIFY(store.open(100));
    AccountStore accounts(store);
    using Found = Read<std::optional<Account>>;
    const Found zoe = answerOf<Found>([&](auto done) { accounts.find(account("zoe").key, done); });
    QVERIFY(zoe.ok && zoe.value);
    QCOMPARE(zoe.value->name, "zoe");
    QCOMPARE(zoe.value->role, Role::Moderator);
    QCOMPARE(zoe.value->hash, "$argon2id$new");
    QCOMPARE(zoe.value->created, t0);
    const Found carl =
        answerOf<Found>([&](auto done) { accounts.find(account("carl").key, done); });
    QVERIFY(carl.ok && !carl.value);
    using Listed = Read<std::vector<Account>>;
    const Listed all = answerOf<Listed>([&](auto done) { accounts.list(done); });
    QVERIFY(all.ok);
    QStringList names;
    for (const Account &a : all.value)
        names << a.name + ":" + roleName(a.role);
    QCOMPARE(names, QStringList({"Bob:admin", "zoe:moderator"})); // by key: "bob" < "zoe"
}

void AccountStoreTest::namesAreUniqueAsOnTheServer()
{
    TestDatabase database;
    MessageStore store(database.location(), false);
    QVERIFY(store.open(100));
    AccountStore accounts(store);
    QCOMPARE(answerOf<Change>([&](auto done) { accounts.add(account("Alice"), done); }),
             Change::Done);
    // Case, and a Cyrillic "а" that reads as a Latin one: the server's uniqueness key.
    for (const QString &other :
         {QString("alice"), QString("ALICE"), QString::fromUtf8("\xd0\xb0lice")})
        QCOMPARE(answerOf<Change>([&](auto done) { accounts.add(account(other), done); }),
                 Change::Exists);
    using Found = Read<std::optional<Account>>;
    const Found found =
        answerOf<Found>([&](auto done) { accounts.find(account("ALICE").key, done); });
    QVERIFY(found.value);
    QCOMPARE(found.value->name, "Alice"); // the spelling registered first is kept
}

void AccountStoreTest::failedWorkLeavesTheBatchsMessages()
{
    TestDatabase database;
    const QString path = database.location();
    {
        MessageStore store(path, false);
        QVERIFY(store.open(100));
        std::atomic<int> committedMessages{0};
        auto failed = std::make_shared<std::promise<bool>>();
        // Queued back to back: they share a group commit unless the store is very quick.
        store.append(ChatMsg{1, "k", "ann", "before", t0}, "general", {},
                     [&](bool ok) { committedMessages += ok; });
        store.queueWrite(
            [](QSqlDatabase &db) {
                QSqlQuery q(db);
                // A CHECK constraint: the role must be user, moderator or admin.
                return q.exec("INSERT INTO accounts VALUES ('x', 'x', 'h', 'emperor', 0)");
            },
            [failed](bool ok) { failed->set_value(ok); });
        store.append(ChatMsg{2, "k", "ann", "after", t0}, "general", {},
                     [&](bool ok) { committedMessages += ok; });
        auto answer = failed->get_future();
        QVERIFY(answer.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
        QCOMPARE(answer.get(), false);
        store.close();
        QCOMPARE(committedMessages.load(), 2);
    }
    Sql sql(database);
    QCOMPARE(sql.rows("SELECT message FROM messages ORDER BY id"),
             QStringList({"before", "after"}));
    QCOMPARE(sql.rows("SELECT COUNT(*) FROM accounts"), QStringList{"0"});
}

void AccountStoreTest::bansMatchNameOrAddressUntilTheyExpire()
{
    TestDatabase database;
    MessageStore store(database.location(), false);
    QVERIFY(store.open(100));
    AccountStore accounts(store);
    const QString troll = account("Troll").key;
    Ban timed{0, troll, "Troll", "192.0.2.7", t0 + 60'000, "spam", "mod", t0};
    Ban lasting{0, {}, {}, "2001:db8:1:2::/64", std::nullopt, "flood", "admin", t0 + 1};
    using Added = Read<qint64>;
    const Added first = answerOf<Added>([&](auto done) { accounts.ban(timed, done); });
    const Added second = answerOf<Added>([&](auto done) { accounts.ban(lasting, done); });
    QVERIFY(first.ok && second.ok && first.value != second.value);

    using Found = Read<std::optional<Ban>>;
    const auto find = [&](const QString &name, const QString &address, qint64 now) {
        return answerOf<Found>(
            [&](auto done) { accounts.findBan(account(name).key, address, now, done); });
    };
    // By the name (any spelling of it) from anywhere, or by the address under any name.
    const Found byName = find("troll", "198.51.100.1", t0 + 1000);
    QVERIFY(byName.ok && byName.value);
    QCOMPARE(byName.value->reason, "spam");
    QCOMPARE(byName.value->until, std::optional<qint64>(t0 + 60'000));
    QCOMPARE(find("someone", "192.0.2.7", t0 + 1000).value->by, "mod");
    QVERIFY(!find("someone", "192.0.2.8", t0 + 1000).value);
    // Expired: matches nothing, listed nowhere; the permanent one stays.
    QVERIFY(!find("troll", "192.0.2.7", t0 + 60'000).value);
    const Found permanent = find("anyone", "2001:db8:1:2::/64", t0 + 1'000'000'000);
    QVERIFY(permanent.value && !permanent.value->until);
    using Listed = Read<std::vector<Ban>>;
    const Listed before = answerOf<Listed>([&](auto done) { accounts.activeBans(t0 + 1, done); });
    QCOMPARE(before.value.size(), size_t(2));
    QCOMPARE(before.value.front().name, "Troll");
    const Listed later =
        answerOf<Listed>([&](auto done) { accounts.activeBans(t0 + 60'000, done); });
    QCOMPARE(later.value.size(), size_t(1));
    QCOMPARE(later.value.front().reason, "flood");
    QCOMPARE(answerOf<Read<int>>([&](auto done) {
                 accounts.removeExpiredBans(t0 + 60'000, done);
             }).value,
             1);
    // Lifting by name: the timed one is gone already.
    QCOMPARE(answerOf<Change>([&](auto done) { accounts.lift(troll, done); }), Change::Missing);
    QVERIFY(answerOf<Added>([&](auto done) { accounts.ban(timed, done); }).ok);
    QCOMPARE(answerOf<Change>([&](auto done) { accounts.lift(troll, done); }), Change::Done);
    QVERIFY(!find("troll", "192.0.2.7", t0).value);
    // A ban without a reason (a null string, which Qt would bind as NULL) is stored with "".
    Ban unexplained{0, troll, "Troll", {}, std::nullopt, QString(), "mod", t0};
    QVERIFY(answerOf<Added>([&](auto done) { accounts.ban(unexplained, done); }).ok);
    const Found bare = find("troll", {}, t0);
    QVERIFY(bare.value);
    QCOMPARE(bare.value->reason, QString(""));
}

void AccountStoreTest::oneServerPerDatabase()
{
    TestDatabase database;
    const QString path = database.location();
    auto first = std::make_unique<MessageStore>(path, false);
    QVERIFY(first->open(100));
    {
        MessageStore second(path, false);
        QVERIFY(!second.open(100));
        QVERIFY2(second.errorString().contains("in use by another chat-server"),
                 qPrintable(second.errorString()));
        // What the operator's command line sees (PostgreSQL: tst_pgstore).
        if (!database.isPostgres()) {
            DatabaseLock lock(path);
            QCOMPARE(lock.tryLock(), DatabaseLock::State::HeldElsewhere);
        }
    }
    first.reset(); // closed: the lock goes with it
    MessageStore again(path, false);
    QVERIFY2(again.open(100), qPrintable(again.errorString()));
}

QTEST_GUILESS_MAIN(AccountStoreTest)
#include "tst_accountstore.moc"
