#include "accountsfixture.h"
#include "chatsession.h"
#include "tcpproxy.h"

#include <QStandardPaths>

using chat::client::ChatSession;
using chat::client::UserListModel;
using Problem = ChatSession::LoginProblem;
using State = ChatSession::State;

namespace {
const QString alicePassword = QStringLiteral("alice's secret");
const QString serverSecret = QStringLiteral("let me in please");

Problem problemOf(const QSignalSpy &spy)
{
    return spy.last().at(0).value<Problem>();
}

// The row of the user with `key` in `users`, or -1.
int rowOf(const UserListModel &users, const QString &key)
{
    for (int row = 0; row < users.rowCount(); ++row) {
        if (users.index(row).data(UserListModel::KeyRole).toString() == key)
            return row;
    }
    return -1;
}

bool containsText(ChatSession &session, const QString &part)
{
    for (int row = 0; row < session.messages()->rowCount(); ++row) {
        if (session.messages()->entry(row).text.contains(part))
            return true;
    }
    return false;
}
} // namespace

// The client's logic with the feature "accounts" against a real server on a database file:
// the join refusals that want credentials, credentials kept for the reconnections, the account
// of the join ack, registering and changing the password.
class ClientAccountsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void passwordRequiredThenPasswordJoins();
    void wrongPasswordIsRefusedAndForgotten();
    void serverPasswordAskedThenAccepted();
    void refusalsWaitForTheUserWithoutReconnecting();
    void throttledLoginSaysToWait();
    void throttledReconnectionTriesAgainOnItsOwn();
    void registerThenReconnectUnattended();
    void registrationErrorsComeBack();
    void changePasswordThenReconnectUnattended();
    void ackAccountMarksTheOwnUser();
    void othersAreMarkedAsTheServerSays();
};

void ClientAccountsTest::passwordRequiredThenPasswordJoins()
{
    accounts::Database db;
    const auto server = startServer(db.config());
    QVERIFY(server);
    QVERIFY(db.addAccount("alice", alicePassword.toUtf8()));

    ChatSession session;
    QSignalSpy refused(&session, &ChatSession::loginRefused);
    QSignalSpy joined(&session, &ChatSession::joined);
    QSignalSpy accountChanged(&session, &ChatSession::accountChanged);
    session.open(serverUrl(*server), "alice");
    QVERIFY(refused.wait());
    QCOMPARE(problemOf(refused), Problem::PasswordRequired);
    QCOMPARE(session.state(), State::LoginRefused);
    QVERIFY(!session.loginRefusal().isEmpty());
    QVERIFY(!session.account());

    session.setPassword(alicePassword);
    session.retryLogin();
    QVERIFY(joined.wait());
    QCOMPARE(session.state(), State::Joined);
    QVERIFY(session.hasAccounts());
    QVERIFY(session.account().has_value());
    QCOMPARE(session.account()->registered, true);
    QCOMPARE(session.account()->role, "user");
    QCOMPARE(accountChanged.count(), 1);
    QCOMPARE(refused.count(), 1);
}

void ClientAccountsTest::wrongPasswordIsRefusedAndForgotten()
{
    accounts::Database db;
    const auto server = startServer(db.config());
    QVERIFY(server);
    QVERIFY(db.addAccount("alice", alicePassword.toUtf8()));

    ChatSession session;
    QSignalSpy refused(&session, &ChatSession::loginRefused);
    session.setPassword(QStringLiteral("not her password"));
    session.open(serverUrl(*server), "alice");
    QVERIFY(refused.wait());
    QCOMPARE(problemOf(refused), Problem::WrongPassword);
    QCOMPARE(session.state(), State::LoginRefused);
    // Known to be wrong: not sent again (the Reconnect button asks the server without one).
    QVERIFY(!session.hasPassword());
    session.retryLogin();
    QVERIFY(refused.wait());
    QCOMPARE(problemOf(refused), Problem::PasswordRequired);
}

void ClientAccountsTest::serverPasswordAskedThenAccepted()
{
    accounts::Database db;
    chat::server::ServerConfig config = db.config();
    config.serverPassword = serverSecret.toUtf8();
    const auto server = startServer(config);
    QVERIFY(server);

    ChatSession session;
    QSignalSpy refused(&session, &ChatSession::loginRefused);
    QSignalSpy joined(&session, &ChatSession::joined);
    session.open(serverUrl(*server), "bob");
    QVERIFY(refused.wait());
    QCOMPARE(problemOf(refused), Problem::ServerPasswordRequired);
    session.setServerPassword(QStringLiteral("a wrong guess"));
    session.retryLogin();
    QVERIFY(refused.wait());
    QCOMPARE(problemOf(refused), Problem::WrongServerPassword);
    QVERIFY(!session.hasServerPassword());
    session.setServerPassword(serverSecret);
    session.retryLogin();
    QVERIFY(joined.wait());
    QCOMPARE(session.account()->registered, false); // a guest
}

void ClientAccountsTest::refusalsWaitForTheUserWithoutReconnecting()
{
    accounts::Database db;
    chat::server::ServerConfig config = db.config();
    config.guests = false;
    config.joinTimeoutMs = 300; // the server closes an unjoined connection soon
    const auto server = startServer(config);
    QVERIFY(server);
    QVERIFY(db.addBan("mallory", {}, QDateTime::currentMSecsSinceEpoch() + 3'600'000, "spam"));

    ChatSession session;
    session.setReconnectDelays(50, 100);
    QSignalSpy refused(&session, &ChatSession::loginRefused);
    QSignalSpy lost(&session, &ChatSession::connectionLost);
    QSignalSpy states(&session, &ChatSession::stateChanged);
    session.open(serverUrl(*server), "bob");
    QVERIFY(refused.wait());
    QCOMPARE(problemOf(refused), Problem::AccountRequired);
    // The server closes the connection it did not admit: no new attempt while the user decides.
    QVERIFY(lost.wait());
    QCOMPARE(session.state(), State::LoginRefused);
    QCOMPARE(session.msUntilReconnect(), -1);
    QVERIFY(!states.contains(QVariantList{QVariant::fromValue(State::WaitingToReconnect)}));

    // Banned: the server's message says until when and why; nothing is retried.
    session.open(serverUrl(*server), "mallory");
    QVERIFY(refused.wait());
    QCOMPARE(problemOf(refused), Problem::Banned);
    const QString message = refused.last().at(1).toString();
    QVERIFY2(message.contains("spam"), qPrintable(message));
    QVERIFY(lost.wait());
    QCOMPARE(session.state(), State::LoginRefused);
    QCOMPARE(session.msUntilReconnect(), -1);
    QCOMPARE(refused.count(), 2);

    // close() while asked: disconnected, as the user chose.
    session.close();
    QCOMPARE(session.state(), State::Disconnected);
}

void ClientAccountsTest::throttledLoginSaysToWait()
{
    accounts::Database db;
    const auto server = startServer(db.config());
    QVERIFY(server);
    QVERIFY(db.addAccount("alice", alicePassword.toUtf8()));

    ChatSession session;
    QSignalSpy refused(&session, &ChatSession::loginRefused);
    session.open(serverUrl(*server), "alice");
    QVERIFY(refused.wait());
    for (int attempt = 0; attempt < 5; ++attempt) {
        session.setPassword(QStringLiteral("guess number %1").arg(attempt));
        session.retryLogin();
        QVERIFY(refused.wait());
        QCOMPARE(problemOf(refused), Problem::WrongPassword);
    }
    session.setPassword(alicePassword); // right, but the name is throttled now
    session.retryLogin();
    QVERIFY(refused.wait());
    QCOMPARE(problemOf(refused), Problem::RateLimited);
    QVERIFY2(refused.last().at(1).toString().contains("try again"),
             qPrintable(refused.last().at(1).toString()));
    QCOMPARE(session.state(), State::LoginRefused);
    QVERIFY(session.hasPassword()); // kept for the next try: it was not checked
}

void ClientAccountsTest::throttledReconnectionTriesAgainOnItsOwn()
{
    accounts::Database db;
    const auto server = startServer(db.config());
    QVERIFY(server);
    QVERIFY(db.addAccount("alice", alicePassword.toUtf8()));
    TcpProxy network(server->port());
    QVERIFY(network.listen());

    ChatSession session;
    session.setReconnectDelays(200, 400);
    QSignalSpy refused(&session, &ChatSession::loginRefused);
    QSignalSpy joined(&session, &ChatSession::joined);
    session.setPassword(alicePassword);
    session.open(network.url(), "alice");
    QVERIFY(joined.wait());

    // Someone else guesses her password five times: her name is throttled.
    TestClient guesser;
    for (int attempt = 0; attempt < 5; ++attempt) {
        QCOMPARE(accounts::code(
                     accounts::join(guesser, *server, accounts::joinData("alice", "wrong guess!"))),
                 "auth_failed");
    }
    network.dropAll();
    QTRY_COMPARE(session.state(), State::WaitingToReconnect);
    // The resume is answered rate_limited: the session says so and tries again after the
    // backoff, unattended; nobody is asked.
    QTRY_VERIFY_WITH_TIMEOUT(containsText(session, "The server asks to wait"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::WaitingToReconnect, 5000);
    QCOMPARE(refused.count(), 0);
    QVERIFY(session.hasPassword());
}

void ClientAccountsTest::registerThenReconnectUnattended()
{
    accounts::Database db;
    const auto server = startServer(db.config());
    QVERIFY(server);
    TcpProxy network(server->port());
    QVERIFY(network.listen());

    ChatSession session;
    session.setReconnectDelays(100, 400);
    QSignalSpy refused(&session, &ChatSession::loginRefused);
    QSignalSpy joined(&session, &ChatSession::joined);
    QSignalSpy accountChanged(&session, &ChatSession::accountChanged);
    session.open(network.url(), "bob");
    QVERIFY(joined.wait());
    QCOMPARE(session.account()->registered, false);

    std::optional<std::optional<chat::Error>> answer;
    session.registerName(QStringLiteral("bob's new password"),
                         [&](const std::optional<chat::Error> &error) { answer = error; });
    QTRY_VERIFY(answer.has_value());
    QVERIFY2(!answer->has_value(), qPrintable((*answer)->message));
    QCOMPARE(session.account()->registered, true);
    QCOMPARE(accountChanged.count(), 2);
    QVERIFY(!db.storedHash("bob").isEmpty());

    // The network fails; the resume logs in with the new password, nobody is asked.
    network.dropAll();
    QVERIFY(joined.wait(5000));
    QCOMPARE(joined.last().at(0).toBool(), true);
    QCOMPARE(refused.count(), 0);
    QCOMPARE(session.account()->registered, true);
}

void ClientAccountsTest::registrationErrorsComeBack()
{
    accounts::Database db;
    chat::server::ServerConfig config = db.config();
    config.registrationOpen = false;
    const auto server = startServer(config);
    QVERIFY(server);

    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    session.open(serverUrl(*server), "bob");
    QVERIFY(joined.wait());
    std::optional<std::optional<chat::Error>> answer;
    const auto keep = [&](const std::optional<chat::Error> &error) {
        answer = error;
    };
    session.registerName(QStringLiteral("short"), keep);
    QTRY_VERIFY(answer.has_value());
    QVERIFY(answer->has_value());
    const auto first = (*answer)->code;
    // Closed registration or a password too short: either is the server's to say; closed wins.
    QVERIFY2(first == chat::ErrorCode::Forbidden || first == chat::ErrorCode::InvalidPassword,
             qPrintable((*answer)->message));
    answer.reset();
    session.registerName(QStringLiteral("long enough password"), keep);
    QTRY_VERIFY(answer.has_value());
    QCOMPARE((*answer)->code, chat::ErrorCode::Forbidden);
    QCOMPARE(session.account()->registered, false);
    QVERIFY(!session.hasPassword());
}

void ClientAccountsTest::changePasswordThenReconnectUnattended()
{
    accounts::Database db;
    const auto server = startServer(db.config());
    QVERIFY(server);
    QVERIFY(db.addAccount("alice", alicePassword.toUtf8()));
    TcpProxy network(server->port());
    QVERIFY(network.listen());

    ChatSession session;
    session.setReconnectDelays(100, 400);
    QSignalSpy refused(&session, &ChatSession::loginRefused);
    QSignalSpy joined(&session, &ChatSession::joined);
    session.setPassword(alicePassword);
    session.open(network.url(), "alice");
    QVERIFY(joined.wait());

    std::optional<std::optional<chat::Error>> answer;
    const auto keep = [&](const std::optional<chat::Error> &error) {
        answer = error;
    };
    session.changePassword(QStringLiteral("not the old one"), QStringLiteral("a new password"),
                           keep);
    QTRY_VERIFY(answer.has_value());
    QCOMPARE((*answer)->code, chat::ErrorCode::AuthFailed);
    answer.reset();
    session.changePassword(alicePassword, QStringLiteral("short"), keep);
    QTRY_VERIFY(answer.has_value());
    QCOMPARE((*answer)->code, chat::ErrorCode::InvalidPassword);
    answer.reset();
    const QByteArray oldHash = db.storedHash("alice");
    session.changePassword(alicePassword, QStringLiteral("a new password"), keep);
    QTRY_VERIFY(answer.has_value());
    QVERIFY2(!answer->has_value(), qPrintable((*answer)->message));
    QVERIFY(db.storedHash("alice") != oldHash);

    network.dropAll();
    QVERIFY(joined.wait(5000));
    QCOMPARE(joined.last().at(0).toBool(), true);
    QCOMPARE(refused.count(), 0);
}

void ClientAccountsTest::ackAccountMarksTheOwnUser()
{
    accounts::Database db;
    const auto server = startServer(db.config());
    QVERIFY(server);
    QVERIFY(db.addAccount("alice", alicePassword.toUtf8(), chat::server::Role::Moderator));

    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    session.setPassword(alicePassword);
    session.open(serverUrl(*server), "alice");
    QVERIFY(joined.wait());
    QCOMPARE(session.account()->role, "moderator");
    QCOMPARE(session.account()->registered, true);
    // Her own line in the people lists carries it (everyone online, and general's members).
    for (UserListModel *users :
         {session.users(), session.conversations()->members(QStringLiteral("general"))}) {
        QVERIFY(users);
        const int row = rowOf(*users, session.key());
        QVERIFY(row >= 0);
        QCOMPARE(users->index(row).data(UserListModel::RegisteredRole).toBool(), true);
        QCOMPARE(users->index(row).data(UserListModel::AccountRoleRole).toString(), "moderator");
        QVERIFY(users->index(row).data(Qt::ToolTipRole).toString().contains("Moderator"));
    }
}

void ClientAccountsTest::othersAreMarkedAsTheServerSays()
{
    accounts::Database db;
    const auto server = startServer(db.config());
    QVERIFY(server);
    QVERIFY(db.addAccount("bob", "bob's password", chat::server::Role::Admin));
    QVERIFY(db.addAccount("carol", "carol's password", chat::server::Role::Moderator));
    // Carol is there before alice (the join ack's users and RoomStates), bob comes after (user
    // connected, user entered), dave is a guest.
    TestClient carol;
    QCOMPARE(accounts::code(accounts::join(
                 carol, *server, accounts::joinData("carol", "carol's password", {}, true))),
             QString());

    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    session.open(serverUrl(*server), "alice");
    QVERIFY(joined.wait());
    QCOMPARE(session.account()->registered, false);
    TestClient bob;
    QCOMPARE(accounts::code(accounts::join(bob, *server,
                                           accounts::joinData("bob", "bob's password", {}, true))),
             QString());
    TestClient dave;
    QCOMPARE(
        accounts::code(accounts::join(dave, *server, accounts::joinData("dave", {}, {}, true))),
        QString());

    UserListModel *general = session.conversations()->members(QStringLiteral("general"));
    QVERIFY(general);
    for (UserListModel *users : {session.users(), general}) {
        const auto role = [&](const QString &name) {
            for (int row = 0; row < users->rowCount(); ++row) {
                const QModelIndex index = users->index(row);
                if (index.data(UserListModel::NameRole).toString() == name)
                    return QStringLiteral("%1 %2").arg(
                        index.data(UserListModel::RegisteredRole).toBool() ? "registered" : "guest",
                        index.data(UserListModel::AccountRoleRole).toString());
            }
            return QStringLiteral("absent");
        };
        QTRY_COMPARE(role("dave"), "guest user");
        QCOMPARE(role("carol"), "registered moderator");
        QCOMPARE(role("bob"), "registered admin");
        QCOMPARE(role("alice"), "guest user");
    }
}

QTEST_GUILESS_MAIN(ClientAccountsTest)
#include "tst_clientaccounts.moc"
