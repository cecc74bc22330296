#include "chatsession.h"
#include "serverfixture.h"
#include "testclient.h"

#include <QJsonArray>
#include <QStandardPaths>

using chat::client::ChatSession;
using chat::client::MessageListModel;
using chat::client::UserListModel;
using Kind = MessageListModel::Kind;
using Delivery = MessageListModel::Delivery;

// The client's logic layer (session and models) against a real server.
class ClientSessionTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup() { m_server.reset(); }

    void joinFillsUsersAndHistory();
    void sendMessageIsPendingThenDelivered();
    void receivesMessagesAndPresence();
    void refusedNameCanBeRetried();
    void refusedMessageIsMarkedFailed();
    void blankTextIsNotSent();
    void lostConnectionIsReported();

private:
    static Kind kindAt(const ChatSession &s, int row);
    std::unique_ptr<chat::server::ChatServer> m_server;
};

Kind ClientSessionTest::kindAt(const ChatSession &s, int row)
{
    return const_cast<ChatSession &>(s).messages()->entry(row).kind;
}

void ClientSessionTest::init()
{
    chat::server::ServerConfig config;
    config.messageRate = {0, 0};
    m_server = startServer(config);
    QVERIFY(m_server);
}

void ClientSessionTest::joinFillsUsersAndHistory()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*m_server)));
    bob.join("bob");
    bob.send("message", QJsonObject{{"text", "before you came"}}, 2);
    QCOMPARE(bob.next().value("event").toString(), "ack");

    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    session.open(serverUrl(*m_server), "  alice ");
    QCOMPARE(session.state(), ChatSession::State::Connecting);
    QVERIFY(joined.wait());
    QCOMPARE(session.state(), ChatSession::State::Joined);
    QCOMPARE(session.name(), "alice");
    QVERIFY(!session.key().isEmpty());

    UserListModel *users = session.users();
    QCOMPARE(users->count(), 2);
    QCOMPARE(users->index(0).data(UserListModel::NameRole).toString(), "alice"); // sorted
    QCOMPARE(users->index(0).data(UserListModel::IsSelfRole).toBool(), true);
    QCOMPARE(users->index(1).data(UserListModel::NameRole).toString(), "bob");

    MessageListModel *messages = session.messages();
    QCOMPARE(messages->rowCount(), 1);
    QCOMPARE(messages->entry(0).text, "before you came");
    QCOMPARE(messages->entry(0).sender, "bob");
    QCOMPARE(messages->entry(0).kind, Kind::Chat);
}

void ClientSessionTest::sendMessageIsPendingThenDelivered()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*m_server)));
    bob.join("bob");

    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    session.open(serverUrl(*m_server), "alice");
    QVERIFY(joined.wait());
    QCOMPARE(bob.next().value("event").toString(), "user connected");

    QVERIFY(session.sendMessage("hello <b>bob</b>"));
    MessageListModel *messages = session.messages();
    QCOMPARE(messages->rowCount(), 1);
    QCOMPARE(messages->entry(0).kind, Kind::Own);
    QCOMPARE(messages->entry(0).delivery, Delivery::Pending);
    QTRY_COMPARE(messages->entry(0).delivery, Delivery::Delivered);
    QVERIFY(messages->entry(0).messageId > 0);

    const QJsonObject received = bob.next();
    QCOMPARE(received["data"]["message"].toString(), "hello <b>bob</b>");
    QCOMPARE(received["data"]["id"].toInteger(), messages->entry(0).messageId);
    QCOMPARE(received["data"]["ts"].toInteger(), messages->entry(0).ts);
}

void ClientSessionTest::receivesMessagesAndPresence()
{
    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    session.open(serverUrl(*m_server), "alice");
    QVERIFY(joined.wait());

    auto bob = std::make_unique<TestClient>();
    QVERIFY(bob->open(serverUrl(*m_server)));
    bob->join("bob");
    QTRY_COMPARE(session.users()->count(), 2);
    bob->send("message", QJsonObject{{"text", "hi alice"}}, 2);
    bob.reset();
    QTRY_COMPARE(session.users()->count(), 1);

    MessageListModel *messages = session.messages();
    QCOMPARE(messages->rowCount(), 3);
    QCOMPARE(kindAt(session, 0), Kind::Joined);
    QCOMPARE(messages->entry(0).sender, "bob");
    QCOMPARE(kindAt(session, 1), Kind::Chat);
    QCOMPARE(messages->entry(1).text, "hi alice");
    QCOMPARE(kindAt(session, 2), Kind::Left);
    QVERIFY(messages->index(0).data().toString().contains("bob joined"));
    QVERIFY(messages->index(2).data().toString().contains("bob left"));
}

void ClientSessionTest::refusedNameCanBeRetried()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*m_server)));
    bob.join("Bob");

    ChatSession session;
    QSignalSpy refused(&session, &ChatSession::joinRefused);
    QSignalSpy joined(&session, &ChatSession::joined);
    session.open(serverUrl(*m_server), "bob");
    QVERIFY(refused.wait());
    QCOMPARE(session.state(), ChatSession::State::NameRefused);
    QVERIFY(refused.first().first().toString().contains("already in use"));

    session.join("bobby"); // same connection, no restart
    QVERIFY(joined.wait());
    QCOMPARE(session.name(), "bobby");
    QCOMPARE(session.users()->count(), 2);
}

void ClientSessionTest::refusedMessageIsMarkedFailed()
{
    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    session.open(serverUrl(*m_server), "alice");
    QVERIFY(joined.wait());
    QVERIFY(session.sendMessage(QString(4001, 'x')));
    MessageListModel *messages = session.messages();
    QTRY_COMPARE(messages->entry(0).delivery, Delivery::Failed);
    QVERIFY(messages->entry(0).failure.contains("4000"));
    QVERIFY(messages->index(0).data().toString().contains("Not delivered"));
}

void ClientSessionTest::blankTextIsNotSent()
{
    ChatSession session;
    QVERIFY(!session.sendMessage("hello")); // not joined
    QSignalSpy joined(&session, &ChatSession::joined);
    session.open(serverUrl(*m_server), "alice");
    QVERIFY(joined.wait());
    QVERIFY(!session.sendMessage("   \n "));
    QCOMPARE(session.messages()->rowCount(), 0);
}

void ClientSessionTest::lostConnectionIsReported()
{
    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    QSignalSpy lost(&session, &ChatSession::connectionLost);
    session.open(serverUrl(*m_server), "alice");
    QVERIFY(joined.wait());
    m_server.reset(); // the server goes away
    QVERIFY(lost.wait());
    QCOMPARE(session.state(), ChatSession::State::Disconnected);
    QCOMPARE(session.users()->count(), 0);
    const int last = session.messages()->rowCount() - 1;
    QCOMPARE(kindAt(session, last), Kind::Notice);
    QVERIFY(session.messages()->entry(last).text.startsWith("Disconnected"));
}

QTEST_GUILESS_MAIN(ClientSessionTest)
#include "tst_clientsession.moc"
