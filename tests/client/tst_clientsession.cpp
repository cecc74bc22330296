#include "chatsession.h"
#include "serverfixture.h"
#include "testclient.h"
#include "textrules.h"

#include <QJsonArray>
#include <QStandardPaths>

using chat::client::ChatSession;
using chat::client::MessageListModel;
using chat::client::UserListModel;
using chat::client::textrules::isolate;
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
    void refusedMessageIsMarkedFailedAndCanBeRetried();
    void queuedMessagesArePacedToTheServerRate();
    void blankTextIsNotSent();
    void lostConnectionIsReported();

private:
    std::unique_ptr<chat::server::ChatServer> m_server;
};

namespace {
// The conversation's lines, without the day separators.
QList<MessageListModel::Entry> lines(ChatSession &session)
{
    QList<MessageListModel::Entry> result;
    MessageListModel *model = session.messages();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->entry(row).kind != Kind::DaySeparator)
            result << model->entry(row);
    }
    return result;
}

int lastRow(ChatSession &session)
{
    return session.messages()->rowCount() - 1;
}
} // namespace

void ClientSessionTest::init()
{
    chat::server::ServerConfig config;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0}; // a scripted client; the budget is tst_hostile's subject
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

    const auto shown = lines(session);
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown[0].text, "before you came");
    QCOMPARE(shown[0].sender, "bob");
    QCOMPARE(shown[0].kind, Kind::Chat);
    // The first line of the day comes after a day separator.
    QCOMPARE(session.messages()->entry(0).kind, Kind::DaySeparator);
    QCOMPARE(session.messages()->index(0).data().toString(), "Today");
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
    const int row = lastRow(session);
    QCOMPARE(messages->entry(row).kind, Kind::Own);
    QCOMPARE(messages->entry(row).delivery, Delivery::Pending);
    QCOMPARE(session.pendingCount(), 1);
    QTRY_COMPARE(messages->entry(row).delivery, Delivery::Delivered);
    QVERIFY(messages->entry(row).messageId > 0);
    QCOMPARE(session.pendingCount(), 0);
    // Shown as text, never as markup.
    QCOMPARE(messages->index(row).data(MessageListModel::HtmlRole).toString(),
             "hello &lt;b&gt;bob&lt;/b&gt;");

    const QJsonObject received = bob.next();
    QCOMPARE(received["data"]["message"].toString(), "hello <b>bob</b>");
    QCOMPARE(received["data"]["id"].toInteger(), messages->entry(row).messageId);
    QCOMPARE(received["data"]["ts"].toInteger(), messages->entry(row).ts);
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

    const auto shown = lines(session);
    QCOMPARE(shown.size(), 3);
    QCOMPARE(shown[0].kind, Kind::Joined);
    QCOMPARE(shown[0].sender, "bob");
    QCOMPARE(shown[1].kind, Kind::Chat);
    QCOMPARE(shown[1].text, "hi alice");
    QVERIFY(shown[1].mention); // it names her
    QCOMPARE(shown[2].kind, Kind::Left);
    // Names are isolated: one that holds bidi controls cannot turn the line around.
    QVERIFY(MessageListModel::plainText(shown[0]).contains(isolate("bob") + " joined"));
    QVERIFY(MessageListModel::plainText(shown[2]).contains(isolate("bob") + " left"));
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

void ClientSessionTest::refusedMessageIsMarkedFailedAndCanBeRetried()
{
    chat::server::ServerConfig config;
    m_server = startServer(config);
    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    session.open(serverUrl(*m_server), "alice");
    QVERIFY(joined.wait());
    // Text over the server's limit (from the join ack) is refused before it is sent.
    QCOMPARE(session.maxTextBytes(), 4000);
    QVERIFY(!session.sendMessage(QString(4001, 'x')));

    // The operator lowers the limit while alice is joined: the server refuses the message.
    config.maxTextBytes = 10;
    QVERIFY(m_server->reload(config));
    QVERIFY(session.sendMessage("longer than ten bytes"));
    const int row = lastRow(session);
    const quint64 serial = session.messages()->entry(row).serial;
    MessageListModel *messages = session.messages();
    QTRY_COMPARE(messages->entry(row).delivery, Delivery::Failed);
    QVERIFY(messages->index(row).data().toString().contains("Not delivered"));
    QCOMPARE(session.pendingCount(), 0);

    // And raises it again: Retry sends the same message, which is delivered this time.
    config.maxTextBytes = 4000;
    QVERIFY(m_server->reload(config));
    QVERIFY(session.retry(serial));
    QCOMPARE(messages->entry(messages->rowOfSerial(serial)).delivery, Delivery::Pending);
    QTRY_COMPARE(messages->entry(messages->rowOfSerial(serial)).delivery, Delivery::Delivered);
    QVERIFY(messages->entry(messages->rowOfSerial(serial)).messageId > 0);
    QVERIFY(!session.retry(serial)); // delivered: nothing to retry
}

void ClientSessionTest::queuedMessagesArePacedToTheServerRate()
{
    chat::server::ServerConfig config;
    config.messageRate = {2, 20}; // a burst of two, then twenty a second
    m_server = startServer(config);
    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    session.open(serverUrl(*m_server), "alice");
    QVERIFY(joined.wait());
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*m_server)));
    bob.join("bob");

    // Twelve at once: the server would refuse ten of them; the client sends each in its turn.
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 12; ++i)
        QVERIFY(session.sendMessage(QString("paced %1").arg(i)));
    QTRY_COMPARE_WITH_TIMEOUT(session.pendingCount(), 0, 10'000);
    QVERIFY2(clock.elapsed() >= 400, "ten beyond the burst at twenty a second take half a second");
    QList<MessageListModel::Entry> shown;
    for (const auto &line : lines(session)) {
        if (line.kind == Kind::Own)
            shown << line;
    }
    QCOMPARE(shown.size(), 12);
    for (int i = 0; i < 12; ++i) {
        QCOMPARE(shown[i].text, QString("paced %1").arg(i)); // in the order written
        QCOMPARE(shown[i].delivery, Delivery::Delivered);
    }
    for (int i = 0; i < 12; ++i) // and bob received every one, in that order
        QCOMPARE(bob.next().value("data")["message"].toString(), QString("paced %1").arg(i));
}

void ClientSessionTest::blankTextIsNotSent()
{
    ChatSession session;
    QVERIFY(!session.sendMessage("hello")); // never opened
    QSignalSpy joined(&session, &ChatSession::joined);
    session.open(serverUrl(*m_server), "alice");
    QVERIFY(joined.wait());
    QVERIFY(!session.sendMessage("   \n "));
    QCOMPARE(session.messages()->rowCount(), 0);
}

void ClientSessionTest::lostConnectionIsReported()
{
    ChatSession session;
    session.setReconnectDelays(60'000, 60'000); // no attempt during this test
    QSignalSpy joined(&session, &ChatSession::joined);
    QSignalSpy lost(&session, &ChatSession::connectionLost);
    QSignalSpy scheduled(&session, &ChatSession::reconnectScheduled);
    session.open(serverUrl(*m_server), "alice");
    QVERIFY(joined.wait());
    m_server.reset(); // the server goes away
    QVERIFY(lost.wait());
    QCOMPARE(session.state(), ChatSession::State::WaitingToReconnect);
    QCOMPARE(scheduled.size(), 1);
    const int delay = scheduled.first().first().toInt();
    QVERIFY(delay >= 30'000 && delay <= 60'000);
    QVERIFY(session.msUntilReconnect() > 0);
    // The last known users stay, marked as such.
    QCOMPARE(session.users()->count(), 1);
    QVERIFY(session.users()->isStale());
    const auto shown = lines(session);
    QCOMPARE(shown.last().kind, Kind::Notice);
    QVERIFY(shown.last().text.startsWith("Connection lost"));
    // What is written now waits.
    QVERIFY(session.sendMessage("later"));
    QCOMPARE(session.pendingCount(), 1);
    session.close(); // the user gives up: nothing is retried
    QCOMPARE(session.state(), ChatSession::State::Disconnected);
    QCOMPARE(session.msUntilReconnect(), -1);
}

QTEST_GUILESS_MAIN(ClientSessionTest)
#include "tst_clientsession.moc"
