// `delete`, `message deleted` and the private `history` ({"with": name}) in the codec (feature
// "accounts", protocol-v2.md): what decodes, what is refused, and that a client without the
// feature sees none of it.
#include "codec.h"
#include "deletecodec.h"
#include "protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace chat;
using chat::protocol::ErrorCode;

Q_DECLARE_METATYPE(std::optional<QString>)
Q_DECLARE_METATYPE(std::optional<qint64>)
Q_DECLARE_METATYPE(chat::protocol::ErrorCode)

class DeleteCodecTest : public QObject
{
    Q_OBJECT
private slots:
    void deleteRequest_data();
    void deleteRequest();
    void malformedDelete_data();
    void malformedDelete();
    void deleteWithoutTheFeature_data();
    void deleteWithoutTheFeature();
    void messageDeleted_data();
    void messageDeleted();
    void messageDeletedMalformed_data();
    void messageDeletedMalformed();
    void privateHistory_data();
    void privateHistory();
    void historyRoomOrWith_data();
    void historyRoomOrWith();
};

void DeleteCodecTest::deleteRequest_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<qint64>("messageId");
    QTest::addColumn<std::optional<QString>>("reason");
    QTest::newRow("id only") << QByteArray(R"({"event":"delete","id":3,"data":{"id":42}})")
                             << qint64(42) << std::optional<QString>();
    QTest::newRow("with a reason")
        << QByteArray(R"({"event":"delete","id":3,"data":{"id":7,"reason":"spam\nline two"}})")
        << qint64(7) << std::optional<QString>(QStringLiteral("spam\nline two"));
    QTest::newRow("empty reason") << QByteArray(
                                         R"({"event":"delete","id":3,"data":{"id":1,"reason":""}})")
                                  << qint64(1) << std::optional<QString>(QString());
    QTest::newRow("largest id")
        << QByteArray(R"({"event":"delete","id":3,"data":{"id":9007199254740991}})")
        << qint64(9007199254740991) << std::optional<QString>();
    QTest::newRow("2.0 is 2") << QByteArray(R"({"event":"delete","id":3,"data":{"id":2.0}})")
                              << qint64(2) << std::optional<QString>();
}

void DeleteCodecTest::deleteRequest()
{
    QFETCH(QByteArray, frame);
    QFETCH(qint64, messageId);
    QFETCH(std::optional<QString>, reason);
    const auto decoded = codec::decodeClientRequest(frame, false, true);
    QVERIFY(std::holds_alternative<ClientRequest>(decoded));
    const ClientRequest request = std::get<ClientRequest>(decoded);
    QCOMPARE(request.id, std::optional<qint64>(3));
    const auto &deletion = std::get<DeleteRequest>(request.event);
    QCOMPARE(deletion.id, messageId);
    QCOMPARE(deletion.reason, reason);
    // And back: what a client encodes decodes to the same request.
    const auto again = codec::decodeClientRequest(codec::encode(request), true, true);
    const auto &back = std::get<DeleteRequest>(std::get<ClientRequest>(again).event);
    QCOMPARE(back.id, messageId);
    QCOMPARE(back.reason, reason);
}

void DeleteCodecTest::malformedDelete_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("no data") << QByteArray(R"({"event":"delete","id":1})");
    QTest::newRow("data not an object") << QByteArray(R"({"event":"delete","id":1,"data":5})");
    QTest::newRow("no id") << QByteArray(R"({"event":"delete","id":1,"data":{}})");
    QTest::newRow("id a string") << QByteArray(R"({"event":"delete","id":1,"data":{"id":"5"}})");
    QTest::newRow("id 0") << QByteArray(R"({"event":"delete","id":1,"data":{"id":0}})");
    QTest::newRow("id negative") << QByteArray(R"({"event":"delete","id":1,"data":{"id":-4}})");
    QTest::newRow("id 1.5") << QByteArray(R"({"event":"delete","id":1,"data":{"id":1.5}})");
    QTest::newRow("id 2^53") << QByteArray(
        R"({"event":"delete","id":1,"data":{"id":9007199254740992}})");
    QTest::newRow("reason a number")
        << QByteArray(R"({"event":"delete","id":1,"data":{"id":4,"reason":4}})");
    QTest::newRow("reason null") << QByteArray(
        R"({"event":"delete","id":1,"data":{"id":4,"reason":null}})");
}

void DeleteCodecTest::malformedDelete()
{
    QFETCH(QByteArray, frame);
    const auto decoded = codec::decodeClientRequest(frame, true, true);
    const auto *failure = std::get_if<RequestFailure>(&decoded);
    QVERIFY(failure);
    QCOMPARE(failure->error.code, ErrorCode::BadRequest);
    QCOMPARE(failure->id, std::optional<qint64>(1));
}

void DeleteCodecTest::deleteWithoutTheFeature_data()
{
    QTest::addColumn<bool>("withRooms");
    QTest::newRow("v1 client") << false;
    QTest::newRow("rooms client") << true;
}

void DeleteCodecTest::deleteWithoutTheFeature()
{
    QFETCH(bool, withRooms);
    const auto decoded = codec::decodeClientRequest(R"({"event":"delete","id":9,"data":{"id":4}})",
                                                    withRooms, false);
    const auto *failure = std::get_if<RequestFailure>(&decoded);
    QVERIFY(failure);
    QCOMPARE(failure->error.code, ErrorCode::UnknownEvent);
    QCOMPARE(failure->id, std::optional<qint64>(9));
}

void DeleteCodecTest::messageDeleted_data()
{
    QTest::addColumn<MessageDeleted>("deleted");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("in a room")
        << MessageDeleted{12, QStringLiteral("Dev"), QStringLiteral("mod")}
        << QByteArray(R"({"data":{"by":"mod","id":12,"room":"Dev"},"event":"message deleted"})");
    QTest::newRow("private") << MessageDeleted{13, std::nullopt, QStringLiteral("ann")}
                             << QByteArray(
                                    R"({"data":{"by":"ann","id":13},"event":"message deleted"})");
}

void DeleteCodecTest::messageDeleted()
{
    QFETCH(MessageDeleted, deleted);
    QFETCH(QByteArray, json);
    QCOMPARE(codec::deletion::messageDeletedEvent(deleted), json);
    const QJsonObject frame = QJsonDocument::fromJson(json).object();
    QCOMPARE(frame.value("event").toString(), protocol::events::messageDeleted);
    QCOMPARE(codec::deletion::messageDeletedFromJson(frame.value("data")),
             std::optional<MessageDeleted>(deleted));
}

void DeleteCodecTest::messageDeletedMalformed_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("not an object") << QByteArray("[1]");
    QTest::newRow("no id") << QByteArray(R"({"by":"a"})");
    QTest::newRow("no by") << QByteArray(R"({"id":3})");
    QTest::newRow("id a string") << QByteArray(R"({"id":"3","by":"a"})");
    QTest::newRow("room a number") << QByteArray(R"({"id":3,"by":"a","room":4})");
    QTest::newRow("room null") << QByteArray(R"({"id":3,"by":"a","room":null})");
}

void DeleteCodecTest::messageDeletedMalformed()
{
    QFETCH(QByteArray, data);
    const QJsonDocument doc = QJsonDocument::fromJson(data);
    const QJsonValue value = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    QVERIFY(!codec::deletion::messageDeletedFromJson(value));
}

void DeleteCodecTest::privateHistory_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("room");
    QTest::addColumn<std::optional<QString>>("with");
    QTest::addColumn<std::optional<qint64>>("before");
    QTest::addColumn<int>("limit");
    QTest::newRow("with") << QByteArray(R"({"event":"history","id":2,"data":{"with":"Bob"}})")
                          << QString() << std::optional<QString>(QStringLiteral("Bob"))
                          << std::optional<qint64>() << protocol::defaultHistoryPage;
    QTest::newRow("with, before, limit")
        << QByteArray(R"({"event":"history","id":2,"data":{"with":"bob","before":90,"limit":3}})")
        << QString() << std::optional<QString>(QStringLiteral("bob")) << std::optional<qint64>(90)
        << 3;
    QTest::newRow("room still works")
        << QByteArray(R"({"event":"history","id":2,"data":{"room":"dev","limit":100}})")
        << QStringLiteral("dev") << std::optional<QString>() << std::optional<qint64>() << 100;
}

void DeleteCodecTest::privateHistory()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, room);
    QFETCH(std::optional<QString>, with);
    QFETCH(std::optional<qint64>, before);
    QFETCH(int, limit);
    const auto decoded = codec::decodeClientRequest(frame, true, true);
    QVERIFY(std::holds_alternative<ClientRequest>(decoded));
    const ClientRequest request = std::get<ClientRequest>(decoded);
    const auto &history = std::get<HistoryRequest>(request.event);
    QCOMPARE(history.room, room);
    QCOMPARE(history.with, with);
    QCOMPARE(history.before, before);
    QCOMPARE(history.limit, limit);
    // The client's encoding decodes to the same request.
    const auto again = codec::decodeClientRequest(codec::encode(request), true, true);
    const auto &back = std::get<HistoryRequest>(std::get<ClientRequest>(again).event);
    QCOMPARE(back.room, room);
    QCOMPARE(back.with, with);
    QCOMPARE(back.before, before);
    QCOMPARE(back.limit, limit);
}

void DeleteCodecTest::historyRoomOrWith_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("withAccounts");
    // Empty: decoded; else the code of the failure.
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("room");
    QTest::newRow("accounts: both")
        << QByteArray(R"({"room":"dev","with":"bob"})") << true << "bad_request" << QString();
    QTest::newRow("accounts: neither")
        << QByteArray(R"({"limit":5})") << true << "bad_request" << QString();
    QTest::newRow("accounts: with a number")
        << QByteArray(R"({"with":5})") << true << "bad_request" << QString();
    QTest::newRow("accounts: with null, room given")
        << QByteArray(R"({"room":"dev","with":null})") << true << "bad_request" << QString();
    QTest::newRow("accounts: room a number, with given")
        << QByteArray(R"({"room":1,"with":"bob"})") << true << "bad_request" << QString();
    // Without "accounts", "with" is an unknown member: ignored.
    QTest::newRow("rooms only: with ignored, room used")
        << QByteArray(R"({"room":"dev","with":"bob"})") << false << QString() << "dev";
    QTest::newRow("rooms only: with alone is no room")
        << QByteArray(R"({"with":"bob"})") << false << "bad_request" << QString();
}

void DeleteCodecTest::historyRoomOrWith()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, withAccounts);
    QFETCH(QString, code);
    QFETCH(QString, room);
    const QByteArray frame = R"({"event":"history","id":6,"data":)" + data + "}";
    const auto decoded = codec::decodeClientRequest(frame, true, withAccounts);
    if (code.isEmpty()) {
        QVERIFY(std::holds_alternative<ClientRequest>(decoded));
        const auto &history = std::get<HistoryRequest>(std::get<ClientRequest>(decoded).event);
        QCOMPARE(history.room, room);
        QVERIFY(!history.with);
        return;
    }
    const auto *failure = std::get_if<RequestFailure>(&decoded);
    QVERIFY(failure);
    QCOMPARE(protocol::errorCodeName(failure->error.code), code);
    QCOMPARE(failure->id, std::optional<qint64>(6));
}

QTEST_APPLESS_MAIN(DeleteCodecTest)
#include "tst_deletecodec.moc"
