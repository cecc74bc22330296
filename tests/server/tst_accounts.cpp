// Feature "accounts" at join, through real sockets (protocol-v2.md, "Joining"): the checks in
// the contract's order, throttling before any hashing, register and password, the settings live
// on reload, the join deadline while passwords wait, and clients without the feature.
#include "accountsfixture.h"
#include "gatekeeper.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QtTest>

using namespace chat::server;
using accounts::code;
using accounts::joinData;

namespace {
const QString alicePassword = QStringLiteral("alice-secret-1");
const QString serverSecret = QStringLiteral("server-secret-1");

// Everything the process logs while a test runs (the server is in this process).
QMutex logMutex;
QStringList logLines;
void collect(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    QMutexLocker lock(&logMutex);
    logLines << QString::fromLatin1(context.category ? context.category : "") + ": " + message;
}
} // namespace

class AccountsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void joinErrorsInTheContractsOrder();
    void bannedAddress();
    void throttledBeforeHashing();
    void throttledPerAddress();
    void registerAndChangePassword();
    void loginRehashesAnOlderCost();
    void registrationClosedThenOpenedByReload();
    void memoryDatabaseHasGuestsOnly();
    void clientsWithoutTheFeatureSeeNothingNew();
    void joinDeadlineWaitsForPasswords();
    void busyHasherAnswersAtOnce();
    void nothingSecretInTheOutput();
};

void AccountsTest::initTestCase()
{
    // Every category at every level: what an operator running with debug output would see.
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
    qInstallMessageHandler(collect);
}

void AccountsTest::joinErrorsInTheContractsOrder()
{
    accounts::Database db;
    ServerConfig config = db.config();
    config.serverPassword = serverSecret.toUtf8();
    config.guests = false;
    const auto server = startServer(config);
    QVERIFY(server);
    QVERIFY(db.addAccount("alice", alicePassword.toUtf8(), Role::Moderator));
    QVERIFY(db.addBan("mallory", {}, QDateTime::currentMSecsSinceEpoch() + 3'600'000, "spam"));

    TestClient client;
    // v1's invalid_name before everything, even a missing server password.
    QCOMPARE(code(accounts::join(client, *server, joinData(" "))), "invalid_name");
    // 1. The server password, before bans and accounts.
    QCOMPARE(code(accounts::join(client, *server, joinData("mallory", "x"))),
             "bad_server_password");
    QCOMPARE(code(accounts::join(client, *server, joinData("alice", alicePassword, "wrong"))),
             "bad_server_password");
    // 2. A banned name: the message says until when and why.
    const QJsonObject banned =
        accounts::join(client, *server, joinData("Mallory", "whatever1", serverSecret));
    QCOMPARE(code(banned), "banned");
    const QString why = banned.value("error").toObject().value("message").toString();
    QVERIFY2(why.contains("until 20") && why.contains("spam"), qPrintable(why));
    // 3. A registered name: its password.
    QCOMPARE(code(accounts::join(client, *server, joinData("alice", {}, serverSecret))),
             "password_required");
    QCOMPARE(
        code(accounts::join(client, *server, joinData("alice", "not-her-password", serverSecret))),
        "auth_failed");
    // 4. Accounts only: an unregistered name.
    QCOMPARE(code(accounts::join(client, *server, joinData("bob", {}, serverSecret))),
             "account_required");
    // In: the ack says which account.
    const QJsonObject ack =
        accounts::join(client, *server, joinData("ALICE", alicePassword, serverSecret));
    QVERIFY2(code(ack).isEmpty(), qPrintable(code(ack)));
    const QJsonObject data = ack.value("data").toObject();
    QVERIFY(data.value("features").toArray().contains("accounts"));
    QCOMPARE(data.value("account").toObject(),
             (QJsonObject{{"registered", true}, {"role", "moderator"}}));
    QCOMPARE(
        code(accounts::join(client, *server, joinData("alice", alicePassword, serverSecret), 2)),
        "already_joined");
    // name_taken comes after the accounts checks: the right password, the name online.
    TestClient second;
    QCOMPARE(code(accounts::join(second, *server, joinData("alice", alicePassword, serverSecret))),
             "name_taken");
    // A v1 client cannot give a password ("serverPassword" is an unknown member to it), and
    // gets the refusal like everyone.
    TestClient v1;
    QVERIFY(v1.open(serverUrl(*server)));
    v1.send("join", QJsonObject{{"name", "carol"}, {"serverPassword", serverSecret}}, 1);
    QCOMPARE(code(v1.next()), "bad_server_password");
}

void AccountsTest::bannedAddress()
{
    accounts::Database db;
    const auto server = startServer(db.config());
    QVERIFY(server);
    QVERIFY(db.addBan({}, "127.0.0.1", std::nullopt, "flooding"));
    TestClient client;
    const QJsonObject ack = accounts::join(client, *server, joinData("anyone"));
    QCOMPARE(code(ack), "banned");
    const QString why = ack.value("error").toObject().value("message").toString();
    QVERIFY2(why.contains("address") && why.contains("flooding") && why.contains("lifts"),
             qPrintable(why));
}

void AccountsTest::throttledBeforeHashing()
{
    accounts::Database db;
    const auto server = startServer(db.config());
    QVERIFY(server);
    QVERIFY(db.addAccount("alice", alicePassword.toUtf8()));
    const PasswordHasher &hasher = server->gatekeeper().hasher();
    TestClient client;
    for (int i = 0; i < 5; ++i)
        QCOMPARE(code(accounts::join(client, *server, joinData("alice", "wrong-password"), i + 1)),
                 "auth_failed");
    QCOMPARE(hasher.accepted(), quint64(5));
    // The 6th try, even with the right password, is refused without a hash.
    const QJsonObject sixth = accounts::join(client, *server, joinData("alice", alicePassword), 6);
    QCOMPARE(code(sixth), "rate_limited");
    QCOMPARE(hasher.accepted(), quint64(5));
    // From another connection too: the name is throttled, not the connection.
    TestClient other;
    QCOMPARE(code(accounts::join(other, *server, joinData("alice", alicePassword))),
             "rate_limited");
    QCOMPARE(hasher.accepted(), quint64(5));
    // Guests are not throttled: nothing is checked for them.
    QVERIFY(code(accounts::join(other, *server, joinData("guest"), 2)).isEmpty());
}

void AccountsTest::throttledPerAddress()
{
    accounts::Database db;
    const auto server = startServer(db.config());
    QVERIFY(server);
    for (const char *name : {"ann", "ben", "cid"})
        QVERIFY(db.addAccount(name, alicePassword.toUtf8()));
    TestClient client;
    int id = 0;
    for (const char *name : {"ann", "ann", "ann", "ben", "ben"})
        QCOMPARE(code(accounts::join(client, *server, joinData(name, "wrong-password"), ++id)),
                 "auth_failed");
    // cid never failed, but this address has failed 5 times.
    QCOMPARE(code(accounts::join(client, *server, joinData("cid", alicePassword), ++id)),
             "rate_limited");
    QCOMPARE(server->gatekeeper().hasher().accepted(), quint64(5));
}

void AccountsTest::registerAndChangePassword()
{
    accounts::Database db;
    const auto server = startServer(db.config());
    QVERIFY(server);
    TestClient erin;
    const QJsonObject ack = accounts::join(erin, *server, joinData("erin"));
    QCOMPARE(ack.value("data").toObject().value("account").toObject(),
             (QJsonObject{{"registered", false}, {"role", "user"}}));
    QCOMPARE(rooms::errorCode(erin, "register", QJsonObject{{"password", "short"}}, 2),
             "invalid_password");
    QCOMPARE(rooms::errorCode(erin, "password", QJsonObject{{"old", "a"}, {"new", "b"}}, 3),
             "account_required");
    QCOMPARE(rooms::errorCode(erin, "register", QJsonObject{{"password", "erin-password-1"}}, 4),
             "");
    QCOMPARE(rooms::errorCode(erin, "register", QJsonObject{{"password", "erin-password-1"}}, 5),
             "already_registered");
    // The name is hers now.
    TestClient other;
    QCOMPARE(code(accounts::join(other, *server, joinData("erin"))), "password_required");
    // A password change needs the old one.
    QCOMPARE(rooms::errorCode(erin, "password",
                              QJsonObject{{"old", "not-the-password"}, {"new", "erin-password-2"}},
                              6),
             "auth_failed");
    QCOMPARE(rooms::errorCode(erin, "password",
                              QJsonObject{{"old", "erin-password-1"}, {"new", "short"}}, 7),
             "invalid_password");
    QCOMPARE(rooms::errorCode(erin, "password",
                              QJsonObject{{"old", "erin-password-1"}, {"new", "erin-password-2"}},
                              8),
             "");
    erin.socket.close();
    QVERIFY(erin.waitDisconnected());
    QTRY_COMPARE(server->userCount(), 0);
    QCOMPARE(code(accounts::join(other, *server, joinData("erin", "erin-password-1"), 2)),
             "auth_failed");
    const QJsonObject in = accounts::join(other, *server, joinData("erin", "erin-password-2"), 3);
    QCOMPARE(in.value("data").toObject().value("account").toObject(),
             (QJsonObject{{"registered", true}, {"role", "user"}}));
}

void AccountsTest::loginRehashesAnOlderCost()
{
    accounts::Database db;
    const auto server = startServer(db.config());
    QVERIFY(server);
    // OWASP's minimum (m=19 MiB, t=2): a hash made at another cost than the server's.
    QByteArray copy = alicePassword.toUtf8();
    const auto old = passwords::hash(copy, PasswordCost{2, 19u * 1024 * 1024});
    QVERIFY(old);
    QVERIFY(db.addAccountWithHash("nell", *old));
    TestClient client;
    QVERIFY(code(accounts::join(client, *server, joinData("nell", alicePassword))).isEmpty());
    // The new hash is written after the ack (nobody waits for it), at the server's cost.
    QTRY_VERIFY(db.storedHash("nell") != *old);
    const QByteArray renewed = db.storedHash("nell");
    QVERIFY2(renewed.contains("m=65536"), renewed.left(30).constData());
    QByteArray again = alicePassword.toUtf8();
    QVERIFY(passwords::verify(again, renewed, PasswordCost::standard()).matches);
}

void AccountsTest::registrationClosedThenOpenedByReload()
{
    accounts::Database db;
    ServerConfig config = db.config();
    config.registrationOpen = false;
    const auto server = startServer(config);
    QVERIFY(server);
    TestClient client;
    QVERIFY(code(accounts::join(client, *server, joinData("fay"))).isEmpty());
    const QJsonObject refused =
        rooms::request(client, "register", QJsonObject{{"password", "fay-password-1"}}, 2);
    QCOMPARE(code(refused), "forbidden");
    QVERIFY(refused.value("error").toObject().value("message").toString().contains("closed"));
    config.registrationOpen = true;
    config.guests = false;
    config.serverPassword = serverSecret.toUtf8();
    QVERIFY(server->reload(config));
    QCOMPARE(rooms::errorCode(client, "register", QJsonObject{{"password", "fay-password-1"}}, 3),
             "");
    // The other settings are live too: the next join needs the server password, and an account.
    TestClient next;
    QCOMPARE(code(accounts::join(next, *server, joinData("gus"))), "bad_server_password");
    QCOMPARE(code(accounts::join(next, *server, joinData("gus", {}, serverSecret), 2)),
             "account_required");
}

void AccountsTest::memoryDatabaseHasGuestsOnly()
{
    ServerConfig config = rooms::scriptedConfig();
    config.databasePath = QStringLiteral(":memory:");
    const auto server = startServer(config);
    QVERIFY(server);
    TestClient client;
    const QJsonObject ack = accounts::join(client, *server, joinData("hal", "any-password-1"));
    QCOMPARE(ack.value("data").toObject().value("account").toObject(),
             (QJsonObject{{"registered", false}, {"role", "user"}}));
    const QJsonObject refused =
        rooms::request(client, "register", QJsonObject{{"password", "hal-password-1"}}, 2);
    QCOMPARE(code(refused), "forbidden");
    QVERIFY(refused.value("error").toObject().value("message").toString().contains("database"));
    config.guests = false;
    QVERIFY(server->reload(config));
    TestClient next;
    QCOMPARE(code(accounts::join(next, *server, joinData("ivy"))), "account_required");
}

void AccountsTest::clientsWithoutTheFeatureSeeNothingNew()
{
    accounts::Database db;
    const auto server = startServer(db.config());
    QVERIFY(server);
    TestClient v1;
    const QJsonObject v1Ack = rooms::joinV1(v1, *server, "v1user");
    QVERIFY(!v1Ack.isEmpty());
    QVERIFY(!v1Ack.contains("account"));
    QVERIFY(!v1Ack.value("features").toArray().contains("accounts"));
    for (const QJsonValue &user : v1Ack.value("users").toArray())
        QCOMPARE(user.toObject().keys(), (QStringList{"key", "name"}));
    QCOMPARE(rooms::errorCode(v1, "register", QJsonObject{{"password", "v1-password-1"}}, 2),
             "unknown_event");
    TestClient roomsOnly;
    const QJsonObject roomsAck = rooms::joinRooms(roomsOnly, *server, "roomsuser");
    QVERIFY(!roomsAck.isEmpty());
    QVERIFY(!roomsAck.contains("account"));
    QVERIFY(!roomsAck.value("features").toArray().contains("accounts"));
    for (const QJsonValue &user : roomsAck.value("users").toArray())
        QCOMPARE(user.toObject().keys(), (QStringList{"key", "name"}));
    QCOMPARE(rooms::errorCode(roomsOnly, "password", QJsonObject{{"old", "a"}, {"new", "b"}}, 2),
             "unknown_event");
}

void AccountsTest::joinDeadlineWaitsForPasswords()
{
    // One hash at a time and a join deadline shorter than the queue of logins: every login still
    // gets its answer, none is closed for not joining in time.
    accounts::Database db;
    ServerConfig config = db.config();
    config.hashConcurrency = 1;
    config.joinTimeoutMs = 200;
    const auto server = startServer(config);
    QVERIFY(server);
    QVERIFY(db.addAccount("jo", alicePassword.toUtf8()));
    constexpr int logins = 8;
    std::vector<std::unique_ptr<TestClient>> clients;
    for (int i = 0; i < logins; ++i) {
        clients.push_back(std::make_unique<TestClient>());
        QVERIFY(clients.back()->open(serverUrl(*server)));
    }
    QElapsedTimer timer;
    timer.start();
    for (auto &client : clients) // a wrong password each: all of them are checked
        client->send("join", joinData("jo", "wrong-password"), 1);
    for (auto &client : clients) {
        const QJsonObject answer = client->next(10'000);
        QVERIFY(!answer.isEmpty());
        QVERIFY2(code(answer) == "auth_failed" || code(answer) == "rate_limited",
                 qPrintable(code(answer)));
        QVERIFY(!client->disconnected);
    }
    QVERIFY2(timer.elapsed() > config.joinTimeoutMs, "the logins did not outlast the deadline");
}

void AccountsTest::busyHasherAnswersAtOnce()
{
    accounts::Database db;
    ServerConfig config = db.config();
    config.hashConcurrency = 1;
    config.hashQueueLimit = 0;
    const auto server = startServer(config);
    QVERIFY(server);
    for (const char *name : {"kim", "lee", "max"})
        QVERIFY(db.addAccount(name, alicePassword.toUtf8()));
    std::vector<std::unique_ptr<TestClient>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<TestClient>());
        QVERIFY(clients.back()->open(serverUrl(*server)));
    }
    const char *names[] = {"kim", "lee", "max"};
    for (int i = 0; i < 3; ++i)
        clients[i]->send("join", joinData(names[i], alicePassword), 1);
    int busy = 0;
    int in = 0;
    for (auto &client : clients) {
        const QJsonObject answer = client->next(10'000);
        if (code(answer) == "rate_limited" &&
            answer.value("error").toObject().value("message").toString().contains("busy"))
            ++busy;
        else if (code(answer).isEmpty() && !answer.isEmpty())
            ++in;
    }
    QVERIFY2(busy >= 1 && in >= 1, qPrintable(QString("busy %1, in %2").arg(busy).arg(in)));
}

void AccountsTest::nothingSecretInTheOutput()
{
    // Runs last: everything the tests above made the server log.
    QMutexLocker lock(&logMutex);
    QVERIFY2(!logLines.isEmpty(), "nothing was logged: the check would prove nothing");
    for (const QString &secret :
         {alicePassword, serverSecret, QStringLiteral("erin-password-1"),
          QStringLiteral("erin-password-2"), QStringLiteral("fay-password-1"),
          QStringLiteral("not-the-password"), QStringLiteral("wrong-password"),
          QStringLiteral("$argon2id$")}) {
        for (const QString &line : logLines)
            QVERIFY2(!line.contains(secret), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(AccountsTest)
#include "tst_accounts.moc"
