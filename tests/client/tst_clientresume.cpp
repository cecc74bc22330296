// The client heals itself: against a real server whose network fails (a TCP relay cut in the
// middle; a message deleted meanwhile leaves the screen on the resume) and a real server that
// is stopped and started again, in this process.
#include "chatsession.h"
#include "serverfixture.h"
#include "tcpproxy.h"
#include "testclient.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>

using chat::client::ChatSession;
using chat::client::MessageListModel;
using Kind = MessageListModel::Kind;
using Delivery = MessageListModel::Delivery;

namespace {
// How often `text` shows in the conversation.
int countText(ChatSession &session, const QString &text)
{
    int count = 0;
    MessageListModel *model = session.messages();
    for (int row = 0; row < model->rowCount(); ++row)
        count += model->entry(row).text == text ? 1 : 0;
    return count;
}

int rowOf(ChatSession &session, const QString &text)
{
    MessageListModel *model = session.messages();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->entry(row).text == text)
            return row;
    }
    return -1;
}

// Events of `kind` a raw client received, in order.
QStringList events(TestClient &client)
{
    QStringList names;
    for (const QJsonObject &frame : client.received)
        names << frame.value("event").toString();
    return names;
}
} // namespace

class ClientResumeTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void networkDropResumesTheSameSession();
    void serverRestartMissesNothing();
    void deletionWhileAwayLeavesTheConversation();
    void typingIsShownAndClearedByTheMessage();
};

void ClientResumeTest::networkDropResumesTheSameSession()
{
    chat::server::ServerConfig config;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0}; // a scripted client; the budget is tst_hostile's subject
    auto server = startServer(config);
    QVERIFY(server);
    TcpProxy network(server->port());
    QVERIFY(network.listen());

    ChatSession alice;
    alice.setReconnectDelays(300, 2000);
    QSignalSpy joined(&alice, &ChatSession::joined);
    alice.open(network.url(), "alice");
    QVERIFY(joined.wait());
    const QString key = alice.key();

    TestClient bob;
    QVERIFY(bob.open(serverUrl(*server)));
    QVERIFY(!bob.join("bob").isEmpty());
    bob.send("message", QJsonObject{{"text", "before"}}, 2);
    QTRY_COMPARE(countText(alice, "before"), 1);
    bob.received.clear();

    // The network fails: neither side sees a close handshake.
    network.dropAll();
    QTRY_COMPARE(alice.state(), ChatSession::State::WaitingToReconnect);
    QTRY_COMPARE(server->heldUserCount(), 1);
    QVERIFY(alice.sendMessage("written offline"));
    QCOMPARE(alice.messages()->entry(rowOf(alice, "written offline")).delivery, Delivery::Pending);
    bob.send("message", QJsonObject{{"text", "while you were away"}}, 3);
    QCOMPARE(bob.next().value("event").toString(), "ack");

    // It comes back on its own (the backoff's first step) and resumes.
    QVERIFY(joined.wait(5000));
    QCOMPARE(joined.last().first().toBool(), true); // resumed
    QCOMPARE(alice.key(), key);
    QCOMPARE(alice.state(), ChatSession::State::Joined);
    QCOMPARE(countText(alice, "while you were away"), 1);
    QCOMPARE(countText(alice, "before"), 1);
    QTRY_COMPARE(alice.messages()->entry(rowOf(alice, "written offline")).delivery,
                 Delivery::Delivered);
    QCOMPARE(alice.pendingCount(), 0);
    // In id order, as every other client shows it: the missed message, then hers (issue 9).
    QVERIFY(rowOf(alice, "before") < rowOf(alice, "while you were away"));
    QVERIFY2(rowOf(alice, "while you were away") < rowOf(alice, "written offline"),
             "an own message sent after a resume goes below the messages missed before it");
    QVERIFY(alice.messages()->entry(rowOf(alice, "while you were away")).messageId <
            alice.messages()->entry(rowOf(alice, "written offline")).messageId);

    // Bob saw no leave and no join: only alice's message, with her old key.
    QTRY_VERIFY(!bob.received.empty());
    QCOMPARE(events(bob), QStringList{"new chat msg"});
    QCOMPARE(bob.received.front()["data"].toObject()["key"].toString(), key);
    QCOMPARE(bob.received.front()["data"].toObject()["message"].toString(), "written offline");
    QCOMPARE(server->userCount(), 2);
}

void ClientResumeTest::serverRestartMissesNothing()
{
    chat::test::TestDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    chat::server::ServerConfig config;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0}; // a scripted client; the budget is tst_hostile's subject
    config.databasePath = database.location();
    config.host = QHostAddress::LocalHost;
    config.port = 0;
    auto server = std::make_unique<chat::server::ChatServer>(config);
    QVERIFY(server->listen());
    config.port = server->port(); // the restarted server listens where the first one did
    const QUrl url = serverUrl(*server);

    ChatSession alice;
    // Long enough for the test to act between the restart and the first attempt.
    alice.setReconnectDelays(2000, 4000);
    QSignalSpy joined(&alice, &ChatSession::joined);
    QSignalSpy scheduled(&alice, &ChatSession::reconnectScheduled);
    alice.open(url, "alice");
    QVERIFY(joined.wait());
    QVERIFY(alice.sendMessage("before the restart"));
    QTRY_COMPARE(alice.pendingCount(), 0);

    server.reset(); // stopped: every client is closed with 1001
    QTRY_COMPARE(alice.state(), ChatSession::State::WaitingToReconnect);
    QVERIFY(alice.sendMessage("written while the server was down"));

    server = std::make_unique<chat::server::ChatServer>(config);
    QVERIFY(server->listen());
    TestClient bob;
    QVERIFY(bob.open(url));
    const QJsonObject bobJoin = bob.join("bob");
    QCOMPARE(bobJoin["history"].toArray().size(), 1); // the durable history came back
    bob.send("message", QJsonObject{{"text", "missed"}}, 2);
    QCOMPARE(bob.next().value("event").toString(), "ack");
    QCOMPARE(alice.state(), ChatSession::State::WaitingToReconnect); // not back yet

    QVERIFY(joined.wait(10'000));                    // on its own
    QCOMPARE(joined.last().first().toBool(), false); // a new server: a new session
    QCOMPARE(countText(alice, "missed"), 1);
    QCOMPARE(countText(alice, "before the restart"), 1);
    QTRY_COMPARE(
        alice.messages()->entry(rowOf(alice, "written while the server was down")).delivery,
        Delivery::Delivered);
    QVERIFY(rowOf(alice, "missed") < rowOf(alice, "written while the server was down"));
    QCOMPARE(countText(alice, "written while the server was down"), 1);
    QTRY_VERIFY(events(bob).contains("new chat msg"));
    QCOMPARE(bob.received.back()["data"].toObject()["message"].toString(),
             "written while the server was down");
    QCOMPARE(alice.users()->count(), 2);
    QVERIFY(!alice.users()->isStale());
}

void ClientResumeTest::deletionWhileAwayLeavesTheConversation()
{
    // A message deleted while the connection was lost: the resume's `message deleted` takes it
    // off the screen (without a database a guest deletes its own, in the same session).
    chat::server::ServerConfig config;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0};
    auto server = startServer(config);
    QVERIFY(server);
    TcpProxy network(server->port());
    QVERIFY(network.listen());
    ChatSession alice;
    alice.setReconnectDelays(1500, 3000); // time for the deletion before it is back
    QSignalSpy joined(&alice, &ChatSession::joined);
    alice.open(network.url(), "alice");
    QVERIFY(joined.wait());
    TestClient bob; // lists "accounts" (`delete` is its request), in general
    QVERIFY(bob.open(serverUrl(*server)));
    bob.send("join", QJsonObject{{"name", "bob"}, {"features", QJsonArray{"accounts"}}}, 1);
    QCOMPARE(bob.next().value("event").toString(), "ack");
    bob.send("message", QJsonObject{{"text", "regretted"}}, 2);
    bob.send("message", QJsonObject{{"text", "kept"}}, 3);
    QTRY_COMPARE(countText(alice, "kept"), 1);
    QCOMPARE(countText(alice, "regretted"), 1);
    const qint64 regretted = alice.messages()->entry(rowOf(alice, "regretted")).messageId;
    QVERIFY(regretted > 0);

    network.dropAll();
    QTRY_COMPARE(server->heldUserCount(), 1);
    bob.received.clear();
    bob.send("delete", QJsonObject{{"id", regretted}}, 4);
    QTRY_VERIFY(std::any_of(bob.received.cbegin(), bob.received.cend(), [](const QJsonObject &f) {
        return f.value("event") == "ack" && f.value("id").toInteger() == 4 && !f.contains("error");
    }));

    QCOMPARE(alice.state(), ChatSession::State::WaitingToReconnect); // not back yet
    QCOMPARE(countText(alice, "regretted"), 1);

    QTRY_COMPARE_WITH_TIMEOUT(joined.size(), 2, 10'000); // on its own
    QCOMPARE(joined.last().first().toBool(), true);      // resumed
    QTRY_COMPARE(countText(alice, "regretted"), 0);
    QCOMPARE(countText(alice, "kept"), 1);
}

void ClientResumeTest::typingIsShownAndClearedByTheMessage()
{
    auto server = startServer();
    QVERIFY(server);
    ChatSession alice, bob;
    QSignalSpy aliceJoined(&alice, &ChatSession::joined);
    QSignalSpy bobJoined(&bob, &ChatSession::joined);
    alice.open(serverUrl(*server), "alice");
    QVERIFY(aliceJoined.wait());
    bob.open(serverUrl(*server), "bob");
    QVERIFY(bobJoined.wait());
    QTRY_COMPARE(alice.users()->count(), 2);

    alice.notifyTyping();
    QTRY_COMPARE(bob.typing()->text(), "\u2068alice\u2069 is typing…");
    QCOMPARE(alice.typing()->text(), QString()); // not to herself
    QVERIFY(alice.sendMessage("done typing"));
    QTRY_COMPARE(countText(bob, "done typing"), 1);
    QCOMPARE(bob.typing()->text(), QString());
}

QTEST_GUILESS_MAIN(ClientResumeTest)
#include "tst_clientresume.moc"
