#include "chatsession.h"
#include "clientsettings.h"
#include "roomsfixture.h"
#include "tcpproxy.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QWebSocket>
#include <QWebSocketServer>

using chat::client::ChatSession;
using chat::client::ClientSettings;
using chat::client::ConversationListModel;
using chat::client::MessageListModel;
using Kind = ConversationListModel::Kind;
using Delivery = MessageListModel::Delivery;

// ChatSession with a rooms server (protocol-v2.md, feature "rooms"), through real sockets:
// rooms entered, left and remembered, private conversations both ways, topics, older pages,
// and a resume that brings every room back.
class ClientRoomsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }

    void joinsGeneralAndListsRooms();
    void entersWritesAndLeaves();
    void unreadCountsInConversationsNotShown();
    void roomsAreRememberedPerServerAndName();
    void rememberedRoomsTheServerRefusesFallBackToGeneral();
    void privateConversationBothWays();
    void topicChangeReachesBoth();
    void olderPagesLoadAboveWithoutDuplicates();
    void resumeBringsBackEveryRoomAndWhatWasMissed();
    void aServerWithoutRoomsIsOneConversation();
};

namespace {

bool joinSession(ChatSession &session, const QUrl &url, const QString &name)
{
    QSignalSpy joined(&session, &ChatSession::joined);
    session.open(url, name);
    return joined.wait(5000) && session.state() == ChatSession::State::Joined;
}

QStringList texts(MessageListModel *model)
{
    QStringList result;
    if (!model)
        return result;
    model->flushQueued();
    for (int row = 0; row < model->rowCount(); ++row) {
        const auto &entry = model->entry(row);
        if (entry.kind == MessageListModel::Kind::Chat || entry.kind == MessageListModel::Kind::Own)
            result << entry.text;
    }
    return result;
}

int memberCount(ChatSession &session, const QString &room)
{
    const auto *members = session.conversations()->members(room);
    return members ? members->count() : -1;
}

QString currentId(ChatSession &session)
{
    const auto current = session.conversations()->current();
    return current ? current->id : QString();
}
} // namespace

void ClientRoomsTest::joinsGeneralAndListsRooms()
{
    auto server = startServer(rooms::scriptedConfig());
    QVERIFY(server);
    ChatSession alice;
    QAbstractItemModelTester tester(alice.conversations()->list());
    QVERIFY(joinSession(alice, serverUrl(*server), "alice"));
    QVERIFY(alice.hasRooms());
    QCOMPARE(alice.conversations()->list()->roomNames(), QStringList{"general"});
    QCOMPARE(currentId(alice), "general");
    QCOMPARE(alice.maxTopicLength(), 200); // the server's limit, from the join ack

    QSignalSpy listed(&alice, &ChatSession::roomsListed);
    alice.enterRoom("Ops");
    QTRY_COMPARE(currentId(alice), "Ops");
    alice.listRooms();
    QVERIFY(listed.wait());
    const auto rooms = listed.first().first().value<QList<chat::codec::rooms::RoomInfo>>();
    QCOMPARE(rooms.size(), 2);
    QCOMPARE(rooms[0].name, "general");
    QCOMPARE(rooms[1].name, "Ops");
    QCOMPARE(rooms[1].members, 1);
}

void ClientRoomsTest::entersWritesAndLeaves()
{
    auto server = startServer(rooms::scriptedConfig());
    QVERIFY(server);
    ChatSession alice, bob;
    QVERIFY(joinSession(alice, serverUrl(*server), "alice"));
    QVERIFY(joinSession(bob, serverUrl(*server), "bob"));
    alice.enterRoom("Dev");
    QTRY_COMPARE(currentId(alice), "Dev");
    bob.enterRoom("dev"); // the same room, ignoring case; the creator's spelling stays
    QTRY_COMPARE(currentId(bob), "Dev");
    QTRY_COMPARE(memberCount(alice, "Dev"), 2);

    QVERIFY(alice.sendMessage("hi dev"));
    QTRY_COMPARE(texts(bob.conversations()->messages(Kind::Room, "Dev")), QStringList{"hi dev"});
    MessageListModel *aliceDev = alice.conversations()->messages(Kind::Room, "Dev");
    QTRY_COMPARE(aliceDev->entry(aliceDev->rowCount() - 1).delivery, Delivery::Delivered);
    // Not in general: each room has its own lines.
    QVERIFY(texts(bob.conversations()->messages(Kind::Room, "general")).isEmpty());

    QSignalSpy failed(&alice, &ChatSession::requestFailed);
    alice.leaveRoom("Dev");
    QTRY_COMPARE(alice.conversations()->list()->roomNames(), QStringList{"general"});
    QCOMPARE(currentId(alice), "general"); // the neighbour is shown
    QTRY_COMPARE(memberCount(bob, "Dev"), 1);
    QVERIFY(failed.isEmpty());
    alice.enterRoom("not a room!");
    QVERIFY(failed.wait());
    QVERIFY2(failed.first().first().toString().contains("not a room!"),
             qPrintable(failed.first().first().toString()));
}

void ClientRoomsTest::unreadCountsInConversationsNotShown()
{
    auto server = startServer(rooms::scriptedConfig());
    QVERIFY(server);
    ChatSession alice, bob;
    QVERIFY(joinSession(alice, serverUrl(*server), "alice"));
    QVERIFY(joinSession(bob, serverUrl(*server), "bob"));
    alice.enterRoom("Dev");
    QTRY_COMPARE(currentId(alice), "Dev");
    QSignalSpy received(&alice, &ChatSession::messageReceived);
    QVERIFY(bob.sendMessage("in general"));
    QVERIFY(bob.sendMessage("alice: in general, for you"));
    QTRY_COMPARE(received.size(), 2);
    const ConversationListModel *list = alice.conversations()->list();
    const auto &general = list->conversation(list->rowOf(Kind::Room, "general"));
    QCOMPARE(general.unread, 2);
    QCOMPARE(general.mentions, 1);
    QCOMPARE(received.last().at(1).toBool(), true);  // mentions her
    QCOMPARE(received.last().at(2).toBool(), false); // not privately
    QCOMPARE(received.last().at(3).toBool(), false); // not in the conversation shown
    alice.show(Kind::Room, "general");
    QCOMPARE(list->unreadWhenShown(), 2);
    QCOMPARE(list->conversation(list->rowOf(Kind::Room, "general")).unread, 0);
}

void ClientRoomsTest::roomsAreRememberedPerServerAndName()
{
    auto server = startServer(rooms::scriptedConfig());
    QVERIFY(server);
    {
        ChatSession alice;
        QVERIFY(joinSession(alice, serverUrl(*server), "alice"));
        alice.enterRoom("Dev");
        QTRY_COMPARE(currentId(alice), "Dev");
        alice.leaveRoom("general");
        QTRY_COMPARE(alice.conversations()->list()->roomNames(), QStringList{"Dev"});
        alice.close();
    }
    QCOMPARE(ClientSettings().rooms(serverUrl(*server), "alice"), QStringList{"Dev"});
    QVERIFY(ClientSettings().rooms(serverUrl(*server), "bob").isEmpty());

    ChatSession again;
    QTRY_COMPARE(server->userCount(), 0);
    QVERIFY(joinSession(again, serverUrl(*server), "alice"));
    QCOMPARE(again.conversations()->list()->roomNames(), QStringList{"Dev"});
    QCOMPARE(currentId(again), "Dev");
    ChatSession bob; // another name: general, as for anyone new
    QVERIFY(joinSession(bob, serverUrl(*server), "bob"));
    QCOMPARE(bob.conversations()->list()->roomNames(), QStringList{"general"});
}

void ClientRoomsTest::rememberedRoomsTheServerRefusesFallBackToGeneral()
{
    auto config = rooms::scriptedConfig();
    config.maxRoomsPerUser = 2;
    auto server = startServer(config);
    QVERIFY(server);
    // Invalid names are not even asked for; too many for this server are refused whole.
    ClientSettings().setRooms(serverUrl(*server), "carol", {"a", "b", "c", "no spaces please"});
    ChatSession carol;
    QVERIFY(joinSession(carol, serverUrl(*server), "carol"));
    QCOMPARE(carol.conversations()->list()->roomNames(), QStringList{"general"});
}

void ClientRoomsTest::privateConversationBothWays()
{
    auto server = startServer(rooms::scriptedConfig());
    QVERIFY(server);
    ChatSession alice, bob;
    QVERIFY(joinSession(alice, serverUrl(*server), "alice"));
    QVERIFY(joinSession(bob, serverUrl(*server), "bob"));
    QSignalSpy bobReceived(&bob, &ChatSession::messageReceived);
    alice.openPrivate(bob.key(), "bob");
    QCOMPARE(currentId(alice), bob.key());
    QVERIFY(alice.sendMessage("psst"));
    QVERIFY(bobReceived.wait());
    QCOMPARE(bobReceived.first().at(2).toBool(), true); // privately
    QCOMPARE(texts(bob.conversations()->messages(Kind::Private, alice.key())), QStringList{"psst"});
    const ConversationListModel *bobList = bob.conversations()->list();
    const auto &withAlice = bobList->conversation(bobList->rowOf(Kind::Private, alice.key()));
    QCOMPARE(withAlice.title, "alice");
    QCOMPARE(withAlice.mentions, 1); // a private message is for the user

    bob.openPrivate(alice.key(), "alice");
    QVERIFY(bob.sendMessage("yes?"));
    QTRY_COMPARE(texts(alice.conversations()->messages(Kind::Private, bob.key())),
                 (QStringList{"psst", "yes?"}));
    MessageListModel *bobSide = bob.conversations()->messages(Kind::Private, alice.key());
    QTRY_COMPARE(bobSide->entry(bobSide->rowCount() - 1).delivery, Delivery::Delivered);
    // Nothing of it in general.
    QVERIFY(texts(alice.conversations()->messages(Kind::Room, "general")).isEmpty());

    // Someone who left: the line says why it was not delivered.
    const QString bobKey = bob.key();
    bob.close();
    QTRY_COMPARE(server->userCount(), 1);
    alice.show(Kind::Private, bobKey);
    QVERIFY(alice.sendMessage("still there?"));
    MessageListModel *aliceSide = alice.conversations()->messages(Kind::Private, bobKey);
    QTRY_COMPARE(aliceSide->entry(aliceSide->rowCount() - 1).delivery, Delivery::Failed);
}

void ClientRoomsTest::topicChangeReachesBoth()
{
    auto server = startServer(rooms::scriptedConfig());
    QVERIFY(server);
    ChatSession alice, bob;
    QVERIFY(joinSession(alice, serverUrl(*server), "alice"));
    QVERIFY(joinSession(bob, serverUrl(*server), "bob"));
    alice.setTopic("general", "Release day");
    QTRY_COMPARE(alice.conversations()->topic("general"), "Release day");
    QTRY_COMPARE(bob.conversations()->topic("general"), "Release day");
    const ConversationListModel *list = bob.conversations()->list();
    QCOMPARE(list->conversation(list->rowOf(Kind::Room, "general")).topic, "Release day");
    QSignalSpy failed(&alice, &ChatSession::requestFailed);
    alice.setTopic("general", QString(201, 'x'));
    QVERIFY(failed.wait());
    QCOMPARE(alice.conversations()->topic("general"), "Release day");
}

void ClientRoomsTest::olderPagesLoadAboveWithoutDuplicates()
{
    chat::test::TestDatabase
        database; // pages come from the database (without one, only the last few exist)
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    auto config = rooms::scriptedConfig();
    config.historySize = 5;
    config.databasePath = database.location();
    auto server = startServer(config);
    QVERIFY(server);
    TestClient writer;
    QVERIFY(writer.open(serverUrl(*server)));
    QVERIFY(!writer.join("writer").isEmpty());
    for (int i = 1; i <= 70; ++i)
        writer.send("message", QJsonObject{{"text", QString("m%1").arg(i)}}, i + 1);
    QTRY_COMPARE(int(std::count_if(writer.received.begin(), writer.received.end(),
                                   [](const QJsonObject &f) { return f.value("event") == "ack"; })),
                 70);

    ChatSession alice;
    QVERIFY(joinSession(alice, serverUrl(*server), "alice"));
    MessageListModel *general = alice.conversations()->messages(Kind::Room, "general");
    QCOMPARE(texts(general).size(), 5);
    QCOMPARE(texts(general).first(), "m66");
    QAbstractItemModelTester tester(general);
    alice.loadOlder();
    alice.loadOlder(); // one page at a time: this one waits for the first
    QTRY_COMPARE(texts(general).size(), 55);
    QCOMPARE(texts(general).first(), "m16");
    QVERIFY(alice.conversations()->olderMayExist("general"));
    alice.loadOlder();
    QTRY_COMPARE(texts(general).size(), 70);
    QVERIFY(!alice.conversations()->olderMayExist("general"));
    QStringList expected;
    for (int i = 1; i <= 70; ++i)
        expected << QString("m%1").arg(i);
    QCOMPARE(texts(general), expected);
    alice.loadOlder(); // none left: nothing is asked
    QVERIFY(!alice.conversations()->loadingOlder("general"));
}

void ClientRoomsTest::resumeBringsBackEveryRoomAndWhatWasMissed()
{
    auto server = startServer(rooms::scriptedConfig());
    QVERIFY(server);
    TcpProxy network(server->port());
    QVERIFY(network.listen());
    ChatSession alice, bob;
    alice.setReconnectDelays(300, 2000);
    QVERIFY(joinSession(alice, network.url(), "alice"));
    QVERIFY(joinSession(bob, serverUrl(*server), "bob"));
    alice.enterRoom("Dev");
    bob.enterRoom("Dev");
    QTRY_COMPARE(memberCount(alice, "Dev"), 2);

    network.dropAll();
    QTRY_COMPARE(alice.state(), ChatSession::State::WaitingToReconnect);
    QVERIFY(alice.sendMessage("written offline in Dev"));
    bob.show(Kind::Room, "Dev");
    QVERIFY(bob.sendMessage("missed in Dev"));
    bob.show(Kind::Room, "general");
    QVERIFY(bob.sendMessage("missed in general"));
    bob.openPrivate(alice.key(), "alice");
    QVERIFY(bob.sendMessage("missed privately"));
    QTRY_COMPARE(bob.pendingCount(), 0);

    QSignalSpy joined(&alice, &ChatSession::joined);
    QVERIFY(joined.wait(5000));
    QCOMPARE(joined.first().first().toBool(), true); // resumed
    QCOMPARE(alice.conversations()->list()->roomNames(), (QStringList{"Dev", "general"}));
    QTRY_COMPARE(texts(alice.conversations()->messages(Kind::Room, "Dev")),
                 (QStringList{"missed in Dev", "written offline in Dev"}));
    QCOMPARE(texts(alice.conversations()->messages(Kind::Room, "general")),
             QStringList{"missed in general"});
    QCOMPARE(texts(alice.conversations()->messages(Kind::Private, bob.key())),
             QStringList{"missed privately"});
    QTRY_COMPARE(alice.pendingCount(), 0);
    QTRY_COMPARE(texts(bob.conversations()->messages(Kind::Room, "Dev")),
                 (QStringList{"missed in Dev", "written offline in Dev"}));
}

void ClientRoomsTest::aServerWithoutRoomsIsOneConversation()
{
    // A server of protocol v1 (an older release, or another implementation): a scripted one.
    QWebSocketServer v1Server(QStringLiteral("v1"), QWebSocketServer::NonSecureMode);
    QVERIFY(v1Server.listen(QHostAddress::LocalHost, 0));
    QWebSocket *peer = nullptr;
    QList<QJsonObject> requests;
    connect(&v1Server, &QWebSocketServer::newConnection, this, [&] {
        peer = v1Server.nextPendingConnection();
        peer->setParent(&v1Server); // goes with the server at the end of the test
        connect(peer, &QWebSocket::textMessageReceived, this, [&](const QString &frame) {
            const QJsonObject request = QJsonDocument::fromJson(frame.toUtf8()).object();
            requests << request;
            const QJsonValue id = request.value("id");
            if (request.value("event") == "join") {
                const QJsonObject ack{
                    {"key", "k-alice"},
                    {"token", "t"},
                    {"users", QJsonArray{QJsonObject{{"key", "k-alice"}, {"name", "alice"}},
                                         QJsonObject{{"key", "k-bob"}, {"name", "bob"}}}},
                    {"history", QJsonArray{QJsonObject{{"id", 1},
                                                       {"key", "k-bob"},
                                                       {"sender", "bob"},
                                                       {"message", "from before"},
                                                       {"ts", 1000}}}}};
                peer->sendTextMessage(
                    QJsonDocument(QJsonObject{{"event", "ack"}, {"id", id}, {"data", ack}})
                        .toJson(QJsonDocument::Compact));
            } else if (request.value("event") == "message") {
                peer->sendTextMessage(
                    QJsonDocument(QJsonObject{{"event", "ack"},
                                              {"id", id},
                                              {"data", QJsonObject{{"id", 2}, {"ts", 2000}}}})
                        .toJson(QJsonDocument::Compact));
            }
        });
    });
    ChatSession alice;
    QVERIFY(joinSession(
        alice, QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(v1Server.serverPort())), "alice"));
    QVERIFY(!alice.hasRooms());
    QCOMPARE(alice.conversations()->list()->roomNames(), QStringList{"general"});
    QCOMPARE(texts(alice.messages()), QStringList{"from before"});
    QCOMPARE(alice.conversations()->members("general")->count(), 2);
    QVERIFY(alice.sendMessage("hello v1"));
    QTRY_COMPARE(alice.messages()->entry(alice.messages()->rowCount() - 1).delivery,
                 Delivery::Delivered);
    // What went out is v1: the join lists the features it would use, the message has no room.
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests[1].value("data").toObject().keys(), QStringList{"text"});
    peer->sendTextMessage(R"({"event":"new chat msg","data":{"id":3,"key":"k-bob","sender":"bob",)"
                          R"("message":"live","ts":3000}})");
    QTRY_COMPARE(texts(alice.messages()), (QStringList{"from before", "hello v1", "live"}));
    peer->sendTextMessage(R"({"event":"user disconnected","data":{"key":"k-bob","name":"bob"}})");
    QTRY_COMPARE(alice.conversations()->members("general")->count(), 1);
    alice.enterRoom("Dev"); // nothing to enter on a v1 server
    QCOMPARE(alice.conversations()->list()->roomNames(), QStringList{"general"});
}

QTEST_GUILESS_MAIN(ClientRoomsTest)
#include "tst_clientrooms.moc"
