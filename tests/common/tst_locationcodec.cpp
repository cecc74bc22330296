// The feature "location" in the codec (docs/protocol.md, "Locations"): `send location` with a
// position or null, `request locations`, `location update` and the ack of `request locations`;
// what is refused, and that a client without the feature sees none of it.
#include "codec.h"
#include "locationcodec.h"
#include "protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

using namespace chat;
using chat::protocol::ErrorCode;

Q_DECLARE_METATYPE(std::optional<chat::GeoPosition>)
Q_DECLARE_METATYPE(chat::LocationUpdate)

class LocationCodecTest : public QObject
{
    Q_OBJECT
private slots:
    void sendLocation_data();
    void sendLocation();
    void malformedSendLocation_data();
    void malformedSendLocation();
    void withoutTheFeature_data();
    void withoutTheFeature();
    void requestRoundTrips();
    void locationUpdate_data();
    void locationUpdate();
    void locationUpdateMalformed_data();
    void locationUpdateMalformed();
    void locationsAck();
    void notFiniteIsNotValid();
};

void LocationCodecTest::sendLocation_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<std::optional<GeoPosition>>("position");
    const auto at = [](double lat, double lng) {
        return std::optional(GeoPosition{lat, lng});
    };
    QTest::newRow("Paris")
        << QByteArray(R"({"event":"send location","id":2,"data":{"lat":48.8566,"lng":2.3522}})")
        << at(48.8566, 2.3522);
    QTest::newRow("integers") << QByteArray(
                                     R"({"event":"send location","id":2,"data":{"lat":0,"lng":0}})")
                              << at(0, 0);
    QTest::newRow("the corners")
        << QByteArray(R"({"event":"send location","id":2,"data":{"lat":-90,"lng":180}})")
        << at(-90, 180);
    QTest::newRow("other corners")
        << QByteArray(R"({"event":"send location","id":2,"data":{"lat":90,"lng":-180}})")
        << at(90, -180);
    QTest::newRow("extra members are ignored")
        << QByteArray(R"({"event":"send location","id":2,"data":{"lat":1,"lng":2,"acc":5}})")
        << at(1, 2);
    QTest::newRow("null stops sharing")
        << QByteArray(R"({"event":"send location","id":2,"data":null})")
        << std::optional<GeoPosition>();
}

void LocationCodecTest::sendLocation()
{
    QFETCH(QByteArray, frame);
    QFETCH(std::optional<GeoPosition>, position);
    const auto decoded = codec::decodeClientRequest(frame);
    const auto *request = std::get_if<ClientRequest>(&decoded);
    QVERIFY(request);
    QCOMPARE(request->id, std::optional<qint64>(2));
    const auto *send = std::get_if<SendLocationRequest>(&request->event);
    QVERIFY(send);
    QCOMPARE(send->position, position);
}

void LocationCodecTest::malformedSendLocation_data()
{
    QTest::addColumn<QByteArray>("frame");
    const auto withData = [](const char *data) -> QByteArray {
        return QByteArray(R"({"event":"send location","id":5,"data":)") + data + "}";
    };
    QTest::newRow("no data") << QByteArray(R"({"event":"send location","id":5})");
    QTest::newRow("empty object") << withData("{}");
    QTest::newRow("lat only") << withData(R"({"lat":1})");
    QTest::newRow("lng only") << withData(R"({"lng":1})");
    QTest::newRow("strings") << withData(R"({"lat":"1","lng":"2"})");
    QTest::newRow("lat null") << withData(R"({"lat":null,"lng":2})");
    QTest::newRow("lat 90.0001") << withData(R"({"lat":90.0001,"lng":2})");
    QTest::newRow("lat -91") << withData(R"({"lat":-91,"lng":2})");
    QTest::newRow("lng 180.5") << withData(R"({"lat":1,"lng":180.5})");
    QTest::newRow("lng -181") << withData(R"({"lat":1,"lng":-181})");
    QTest::newRow("an array") << withData("[48.8,2.3]");
    QTest::newRow("a number") << withData("48.8");
    QTest::newRow("booleans") << withData(R"({"lat":true,"lng":false})");
}

void LocationCodecTest::malformedSendLocation()
{
    QFETCH(QByteArray, frame);
    const auto decoded = codec::decodeClientRequest(frame);
    const auto *failure = std::get_if<RequestFailure>(&decoded);
    QVERIFY(failure);
    QCOMPARE(failure->id, std::optional<qint64>(5));
    QCOMPARE(failure->error.code, ErrorCode::BadRequest);
    QVERIFY(failure->error.message.contains("send location"));
}

void LocationCodecTest::withoutTheFeature_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("send location")
        << QByteArray(R"({"event":"send location","id":5,"data":{"lat":1,"lng":2}})");
    QTest::newRow("request locations") << QByteArray(R"({"event":"request locations","id":5})");
}

void LocationCodecTest::withoutTheFeature()
{
    QFETCH(QByteArray, frame);
    const auto decoded = codec::decodeClientRequest(frame, true, true, false);
    const auto *failure = std::get_if<RequestFailure>(&decoded);
    QVERIFY(failure);
    QCOMPARE(failure->error.code, ErrorCode::UnknownEvent);
}

void LocationCodecTest::requestRoundTrips()
{
    const QList<ClientRequest> requests{
        {7, SendLocationRequest{GeoPosition{-33.8688, 151.2093}}},
        {8, SendLocationRequest{std::nullopt}},
        {9, RequestLocationsRequest{}},
    };
    for (const ClientRequest &request : requests) {
        const QByteArray frame = codec::encode(request);
        const auto decoded = codec::decodeClientRequest(frame);
        const auto *again = std::get_if<ClientRequest>(&decoded);
        QVERIFY2(again, frame.constData());
        QCOMPARE(again->id, request.id);
        QCOMPARE(again->event.index(), request.event.index());
        if (const auto *send = std::get_if<SendLocationRequest>(&request.event))
            QCOMPARE(std::get<SendLocationRequest>(again->event).position, send->position);
    }
    QCOMPARE(codec::encode(ClientRequest{8, SendLocationRequest{std::nullopt}}),
             QByteArray(R"({"data":null,"event":"send location","id":8})"));
    QCOMPARE(codec::encode(ClientRequest{9, RequestLocationsRequest{}}),
             QByteArray(R"({"event":"request locations","id":9})"));
}

void LocationCodecTest::locationUpdate_data()
{
    QTest::addColumn<LocationUpdate>("update");
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("sharing") << LocationUpdate{"k1", "alice", GeoPosition{48.5, 2.25},
                                               1700000000000}
                             << QByteArray(R"({"data":{"key":"k1","lat":48.5,"lng":2.25,)"
                                           R"("name":"alice","ts":1700000000000},)"
                                           R"("event":"location update"})");
    QTest::newRow("stopped") << LocationUpdate{"k2", "bob", std::nullopt, 5}
                             << QByteArray(R"({"data":{"key":"k2","lat":null,"lng":null,)"
                                           R"("name":"bob","ts":5},"event":"location update"})");
}

void LocationCodecTest::locationUpdate()
{
    QFETCH(LocationUpdate, update);
    QFETCH(QByteArray, frame);
    QCOMPARE(codec::location::locationUpdateEvent(update), frame);
    const auto decoded = codec::location::decodeLocationUpdate(frame);
    QVERIFY(decoded);
    QCOMPARE(*decoded, update);
    // Not a `location update`: nothing.
    QVERIFY(!codec::location::decodeLocationUpdate(
        QByteArray(frame).replace("location update", "new chat msg")));
}

void LocationCodecTest::locationUpdateMalformed_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("no key") << QByteArray(R"({"name":"a","lat":1,"lng":2,"ts":1})");
    QTest::newRow("no name") << QByteArray(R"({"key":"k","lat":1,"lng":2,"ts":1})");
    QTest::newRow("no ts") << QByteArray(R"({"key":"k","name":"a","lat":1,"lng":2})");
    QTest::newRow("negative ts") << QByteArray(R"({"key":"k","name":"a","lat":1,"lng":2,"ts":-1})");
    QTest::newRow("one null") << QByteArray(R"({"key":"k","name":"a","lat":null,"lng":2,"ts":1})");
    QTest::newRow("out of range") << QByteArray(
        R"({"key":"k","name":"a","lat":91,"lng":2,"ts":1})");
    QTest::newRow("not an object") << QByteArray(R"([1,2])");
}

void LocationCodecTest::locationUpdateMalformed()
{
    QFETCH(QByteArray, data);
    const QByteArray frame = R"({"event":"location update","data":)" + data + "}";
    QVERIFY(!codec::location::decodeLocationUpdate(frame));
}

void LocationCodecTest::locationsAck()
{
    const QList<LocationUpdate> locations{
        {"k1", "alice", GeoPosition{1.5, -2.5}, 10},
        {"k2", "bob", GeoPosition{-45, 170}, 20},
    };
    const QJsonObject data = codec::location::locationsAckData(locations);
    QCOMPARE(data.value("locations").toArray().size(), 2);
    QCOMPARE(codec::location::locationsFromAckData(data), std::optional(locations));
    QCOMPARE(codec::location::locationsFromAckData(QJsonObject{{"locations", QJsonArray{}}}),
             std::optional(QList<LocationUpdate>{}));
    QVERIFY(!codec::location::locationsFromAckData(QJsonObject{}));
    QVERIFY(!codec::location::locationsFromAckData(
        QJsonObject{{"locations", QJsonArray{QJsonObject{{"key", 1}}}}}));
}

void LocationCodecTest::notFiniteIsNotValid()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QVERIFY(codec::location::isValid({0, 0}));
    QVERIFY(!codec::location::isValid({nan, 0}));
    QVERIFY(!codec::location::isValid({0, inf}));
    QVERIFY(!codec::location::isValid({-inf, 0}));
}

QTEST_APPLESS_MAIN(LocationCodecTest)
#include "tst_locationcodec.moc"
