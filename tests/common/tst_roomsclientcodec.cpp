// The client's decoding of the feature "rooms": data-driven rows from protocol-v2.md, then the
// same decoders on what a real server sends (so the two sides cannot drift apart).
#include "roomsclient.h"
#include "roomsclientcodec.h"

#include <QJsonDocument>
#include <QtTest>

using namespace chat::codec::rooms;

class RoomsClientCodecTest : public QObject
{
    Q_OBJECT
private slots:
    void events_data();
    void events();
    void joinAckHistoryAndListings();
    void whatARealServerSends();
};

void RoomsClientCodecTest::events_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("kind"); // index in RoomsEvent, -1: not a rooms event
    QTest::newRow("message in a room")
        << QByteArray(R"({"event":"new chat msg","data":{"id":7,"key":"k","sender":"bob",)"
                      R"("message":"hi","ts":1700000000000,"room":"dev"}})")
        << 0;
    QTest::newRow("v1 message: no room")
        << QByteArray(
               R"({"event":"new chat msg","data":{"id":7,"key":"k","sender":"bob","message":"hi","ts":1}})")
        << -1;
    QTest::newRow("entered")
        << QByteArray(R"({"event":"user entered","data":{"room":"dev","key":"k","name":"bob"}})")
        << 1;
    QTest::newRow("left")
        << QByteArray(R"({"event":"user left","data":{"room":"dev","key":"k","name":"bob"}})") << 2;
    QTest::newRow("topic") << QByteArray(R"({"event":"topic changed","data":{"room":"dev",)"
                                         R"("topic":"ship it","key":"k","name":"bob"}})")
                           << 3;
    QTest::newRow("private") << QByteArray(R"({"event":"private msg","data":{"id":8,"key":"k",)"
                                           R"("sender":"bob","to":"me","message":"psst","ts":2}})")
                             << 4;
    QTest::newRow("entered without room")
        << QByteArray(R"({"event":"user entered","data":{"key":"k","name":"bob"}})") << -1;
    QTest::newRow("private with a fractional id")
        << QByteArray(R"({"event":"private msg","data":{"id":8.5,"key":"k","sender":"bob",)"
                      R"("to":"me","message":"x","ts":2}})")
        << -1;
    QTest::newRow("v1 presence")
        << QByteArray(R"({"event":"user connected","data":{"key":"k","name":"bob"}})") << -1;
    QTest::newRow("not JSON") << QByteArray("{") << -1;
}

void RoomsClientCodecTest::events()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, kind);
    const auto event = decodeRoomsEvent(frame);
    QCOMPARE(event ? int(event->index()) : -1, kind);
    if (const auto *msg = event ? std::get_if<RoomChatMsg>(&*event) : nullptr) {
        QCOMPARE(msg->room, "dev");
        QCOMPARE(msg->msg.sender, "bob");
        QCOMPARE(msg->msg.id, 7);
    }
    if (const auto *topic = event ? std::get_if<TopicChanged>(&*event) : nullptr) {
        QCOMPARE(topic->topic, "ship it");
        QCOMPARE(topic->by.name, "bob");
    }
    if (const auto *msg = event ? std::get_if<PrivateMsgReceived>(&*event) : nullptr)
        QCOMPARE(msg->msg.to, "me");
}

void RoomsClientCodecTest::joinAckHistoryAndListings()
{
    const auto data = [](const char *json) {
        return QJsonDocument::fromJson(json).object();
    };
    const auto ack = roomsJoinAckFromJson(data(
        R"({"rooms":[{"name":"general","topic":"","users":[{"key":"a","name":"al"}],)"
        R"("history":[{"id":1,"key":"a","sender":"al","message":"m","ts":5,"room":"general"}],)"
        R"("historyGap":true}],"private":[]})"));
    QVERIFY(ack);
    QCOMPARE(ack->rooms.size(), 1);
    QCOMPARE(ack->rooms[0].users[0].name, "al");
    QCOMPARE(ack->rooms[0].history[0].message, "m");
    QVERIFY(ack->rooms[0].historyGap);
    QVERIFY(!roomsJoinAckFromJson(data(R"({"rooms":[]})"))); // `private` is always there
    const auto list = roomListFromJson(data(
        R"({"rooms":[{"name":"dev","topic":"t","members":3},{"name":"general","topic":"","members":0}]})"));
    QVERIFY(list);
    QCOMPARE(list->size(), 2);
    QCOMPARE(list->at(0).members, 3);
    QVERIFY(!roomListFromJson(data(R"({"rooms":[{"name":"dev","topic":"t","members":-1}]})")));
    const auto page = historyPageFromJson(data(R"({"messages":[],"more":false})"));
    QVERIFY(page && !page->more);
    QVERIFY(!historyPageFromJson(data(R"({"messages":[]})")));
}

void RoomsClientCodecTest::whatARealServerSends()
{
    chat::server::ServerConfig config;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0};
    auto server = startServer(config);
    QVERIFY(server);
    TestClient alice, bob;
    QVERIFY(alice.open(serverUrl(*server)) && bob.open(serverUrl(*server)));
    const QJsonObject aliceAck = rooms::request(alice, "join", rooms::joinData("alice"), 1);
    const auto joined = roomsJoinAckFromJson(aliceAck.value("data").toObject());
    QVERIFY(joined);
    QCOMPARE(joined->rooms.size(), 1);
    QCOMPARE(joined->rooms[0].name, "general");
    rooms::request(bob, "join", rooms::joinData("bob"), 1);
    QVERIFY(!rooms::requestData(alice, "enter", QJsonObject{{"room", "dev"}, {"topic", "t"}}, 2)
                 .isEmpty());
    const auto entered = roomStateFromJson(
        rooms::requestData(bob, "enter", QJsonObject{{"room", "dev"}}, 2).value("room"));
    QVERIFY(entered);
    QCOMPARE(entered->topic, "t");
    QCOMPARE(entered->users.size(), 2);

    // Every event alice receives from here on decodes as a rooms event.
    alice.received.clear();
    rooms::request(bob, "message", QJsonObject{{"room", "dev"}, {"text", "in dev"}}, 3);
    rooms::request(bob, "topic", QJsonObject{{"room", "dev"}, {"topic", "new"}}, 4);
    const QString aliceKey = aliceAck.value("data")["key"].toString();
    rooms::request(bob, "private", QJsonObject{{"to", aliceKey}, {"text", "psst"}}, 5);
    rooms::request(bob, "leave", QJsonObject{{"room", "dev"}}, 6);
    QStringList kinds;
    QTRY_COMPARE(alice.received.size(), size_t(4));
    for (const QJsonObject &frame : alice.received) {
        const auto event = decodeRoomsEvent(QJsonDocument(frame).toJson(QJsonDocument::Compact));
        QVERIFY2(event, qPrintable(QJsonDocument(frame).toJson()));
        kinds << QString::number(event->index());
    }
    QCOMPARE(kinds, (QStringList{"0", "3", "4", "2"}));
    const auto listing = roomListFromJson(rooms::requestData(alice, "rooms", QJsonValue(), 7));
    QVERIFY(listing);
    QCOMPARE(listing->size(), 2);
    const auto page = historyPageFromJson(
        rooms::requestData(alice, "history", QJsonObject{{"room", "dev"}, {"limit", 10}}, 8));
    QVERIFY(page);
    QCOMPARE(page->messages.size(), 1);
    QCOMPARE(page->messages[0].message, "in dev");
}

QTEST_GUILESS_MAIN(RoomsClientCodecTest)
#include "tst_roomsclientcodec.moc"
