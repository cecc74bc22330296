// The rooms client's per-conversation state (Conversations), fed what a real server sends:
// rooms, members, topics, messages in their room, private conversations, unread counts.
#include "conversations.h"
#include "roomsclient.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QtTest>

using chat::User;
using chat::client::Conversations;
using chat::client::MessageListModel;
using Kind = chat::client::ConversationListModel::Kind;
namespace codec = chat::codec::rooms;

class ClientConversationsTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup() { m_server.reset(); }
    void roomsMembersTopicsAndMessages();
    void privateConversations();

private:
    // Decodes everything `client` received and applies it.
    void feed(TestClient &client, Conversations &conversations)
    {
        for (const QJsonObject &frame : client.received) {
            if (const auto event =
                    codec::decodeRoomsEvent(QJsonDocument(frame).toJson(QJsonDocument::Compact)))
                conversations.apply(*event);
        }
        client.received.clear();
    }
    QStringList texts(MessageListModel *model)
    {
        model->flushQueued();
        QStringList result;
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto kind = model->entry(row).kind;
            if (kind == MessageListModel::Kind::Chat || kind == MessageListModel::Kind::Own)
                result << model->entry(row).text;
        }
        return result;
    }
    std::unique_ptr<chat::server::ChatServer> m_server;
};

void ClientConversationsTest::init()
{
    chat::server::ServerConfig config;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0};
    m_server = startServer(config);
    QVERIFY(m_server);
}

void ClientConversationsTest::roomsMembersTopicsAndMessages()
{
    TestClient alice, bob;
    QVERIFY(alice.open(serverUrl(*m_server)) && bob.open(serverUrl(*m_server)));
    rooms::request(bob, "join", rooms::joinData("bob"), 1);
    rooms::request(bob, "enter", QJsonObject{{"room", "dev"}, {"topic", "build things"}}, 2);
    rooms::request(bob, "message", QJsonObject{{"room", "dev"}, {"text", "before alice"}}, 3);
    QJsonObject joinAck = rooms::requestData(alice, "join",
                                             QJsonObject{{"name", "alice"},
                                                         {"features", QJsonArray{"rooms"}},
                                                         {"rooms", QJsonArray{"general", "dev"}}},
                                             1);
    Conversations conversations;
    QAbstractItemModelTester tester(conversations.list());
    conversations.setSelf(User{joinAck.value("key").toString(), "alice"});
    const auto ack = codec::roomsJoinAckFromJson(joinAck);
    QVERIFY(ack);
    conversations.join(*ack, false);
    QCOMPARE(conversations.list()->roomNames(), (QStringList{"dev", "general"}));
    QCOMPARE(conversations.topic("DEV"), "build things");
    QCOMPARE(conversations.members("dev")->count(), 2);
    QCOMPARE(texts(conversations.messages(Kind::Room, "dev")), QStringList{"before alice"});
    conversations.setCurrent(Kind::Room, "general");

    alice.received.clear();
    rooms::request(bob, "message", QJsonObject{{"room", "dev"}, {"text", "alice, look"}}, 4);
    rooms::request(bob, "message", QJsonObject{{"room", "general"}, {"text", "hi all"}}, 5);
    rooms::request(bob, "topic", QJsonObject{{"room", "dev"}, {"topic", "ship it"}}, 6);
    rooms::request(bob, "leave", QJsonObject{{"room", "dev"}}, 7);
    QTRY_COMPARE(alice.received.size(), size_t(4));
    QSignalSpy mentioned(&conversations, &Conversations::mentioned);
    feed(alice, conversations);
    QCOMPARE(texts(conversations.messages(Kind::Room, "dev")),
             (QStringList{"before alice", "alice, look"}));
    QCOMPARE(texts(conversations.messages(Kind::Room, "general")), QStringList{"hi all"});
    QCOMPARE(conversations.topic("dev"), "ship it");
    QCOMPARE(conversations.members("dev")->count(), 1); // bob left
    const auto *list = conversations.list();
    const int dev = list->rowOf(Kind::Room, "dev");
    QCOMPARE(list->conversation(dev).unread, 1); // general is current: its message counts not
    QCOMPARE(list->conversation(dev).mentions, 1);
    QCOMPARE(list->conversation(dev).topic, "ship it");
    QCOMPARE(mentioned.size(), 1);

    // The user leaves dev: the conversation goes.
    conversations.left("dev");
    QVERIFY(!conversations.messages(Kind::Room, "dev"));
    QCOMPARE(conversations.list()->roomNames(), QStringList{"general"});
}

void ClientConversationsTest::privateConversations()
{
    TestClient alice, bob;
    QVERIFY(alice.open(serverUrl(*m_server)) && bob.open(serverUrl(*m_server)));
    const QJsonObject aliceAck = rooms::requestData(alice, "join", rooms::joinData("alice"), 1);
    const QJsonObject bobAck = rooms::requestData(bob, "join", rooms::joinData("bob"), 1);
    Conversations conversations;
    QAbstractItemModelTester tester(conversations.list());
    conversations.setSelf(User{aliceAck.value("key").toString(), "alice"});
    conversations.join(*codec::roomsJoinAckFromJson(aliceAck), false);
    QTRY_VERIFY(!alice.received.empty()); // bob's arrival in general
    feed(alice, conversations);

    rooms::request(bob, "private",
                   QJsonObject{{"to", aliceAck.value("key").toString()}, {"text", "psst"}}, 2);
    QTRY_VERIFY(!alice.received.empty());
    QSignalSpy mentioned(&conversations, &Conversations::mentioned);
    feed(alice, conversations);
    const QString bobKey = bobAck.value("key").toString();
    QCOMPARE(texts(conversations.messages(Kind::Private, bobKey)), QStringList{"psst"});
    QCOMPARE(mentioned.size(), 1); // a private message is for the user
    const int row = conversations.list()->rowOf(Kind::Private, bobKey);
    QCOMPARE(conversations.list()->conversation(row).title, "bob");
    QCOMPARE(conversations.list()->conversation(row).mentions, 1);

    // Alice answers; the ack gives the id: her line joins the same conversation.
    const QJsonObject sent =
        rooms::requestData(alice, "private", QJsonObject{{"to", bobKey}, {"text", "yes?"}}, 3);
    MessageListModel *withBob = conversations.openPrivate(bobKey, "bob");
    QCOMPARE(withBob, conversations.messages(Kind::Private, bobKey));
    withBob->markDelivered(withBob->appendOwn(aliceAck.value("key").toString(), "alice", "yes?"),
                           sent.value("id").toInteger(), sent.value("ts").toInteger());
    QCOMPARE(texts(conversations.messages(Kind::Private, bobKey)), (QStringList{"psst", "yes?"}));
    QCOMPARE(conversations.list()->rowCount(), 2); // general and bob
}

QTEST_GUILESS_MAIN(ClientConversationsTest)
#include "tst_clientconversations.moc"
