// The feature "accounts"'s moderation in the codec: kick, ban, unban and bans requests (and
// that a client without the feature cannot make them), the `kicked` event, the `bans` ack, the
// reason limit in the join ack, and the rules for reasons and close reasons (validation.h).
#include "accountscodec.h"
#include "codec.h"
#include "protocol.h"
#include "validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace chat;
using chat::protocol::ErrorCode;

Q_DECLARE_METATYPE(chat::ClientEvent)
Q_DECLARE_METATYPE(chat::Kicked)

class ModerationCodecTest : public QObject
{
    Q_OBJECT
private slots:
    void moderationRequests_data();
    void moderationRequests();
    void moderationRequestsWithoutTheFeature();
    void malformedModerationRequests_data();
    void malformedModerationRequests();
    void kicked_data();
    void kicked();
    void kickedIsNotAnotherEvent();
    void bansAck();
    void reasonLimitInTheAck();
    void reasons_data();
    void reasons();
    void closeReasonFits_data();
    void closeReasonFits();
};

void ModerationCodecTest::moderationRequests_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<ClientEvent>("event");
    QTest::newRow("kick") << QByteArray(R"({"event":"kick","id":2,"data":{"key":"k1"}})")
                          << ClientEvent(KickRequest{"k1", {}});
    QTest::newRow("kick with a reason")
        << QByteArray(R"({"event":"kick","id":2,"data":{"key":"k1","reason":"spam"}})")
        << ClientEvent(KickRequest{"k1", "spam"});
    QTest::newRow("ban until lifted")
        << QByteArray(R"({"event":"ban","id":2,"data":{"name":"mallory"}})")
        << ClientEvent(BanRequest{"mallory", 0, {}});
    QTest::newRow("timed ban with a reason")
        << QByteArray(
               R"({"event":"ban","id":2,"data":{"minutes":90,"name":"mallory","reason":"flood"}})")
        << ClientEvent(BanRequest{"mallory", 90, "flood"});
    QTest::newRow("unban") << QByteArray(R"({"event":"unban","id":2,"data":{"name":"mallory"}})")
                           << ClientEvent(UnbanRequest{"mallory"});
    QTest::newRow("bans") << QByteArray(R"({"event":"bans","id":2})") << ClientEvent(BansRequest{});
}

void ModerationCodecTest::moderationRequests()
{
    QFETCH(QByteArray, frame);
    QFETCH(ClientEvent, event);
    const auto decoded = codec::decodeClientRequest(frame, false, true);
    QVERIFY(std::holds_alternative<ClientRequest>(decoded));
    const ClientRequest request = std::get<ClientRequest>(decoded);
    QCOMPARE(request.id, std::optional<qint64>(2));
    QCOMPARE(request.event.index(), event.index());
    if (const auto *kick = std::get_if<KickRequest>(&request.event)) {
        QCOMPARE(kick->key, std::get<KickRequest>(event).key);
        QCOMPARE(kick->reason, std::get<KickRequest>(event).reason);
    } else if (const auto *ban = std::get_if<BanRequest>(&request.event)) {
        QCOMPARE(ban->name, std::get<BanRequest>(event).name);
        QCOMPARE(ban->minutes, std::get<BanRequest>(event).minutes);
        QCOMPARE(ban->reason, std::get<BanRequest>(event).reason);
    } else if (const auto *unban = std::get_if<UnbanRequest>(&request.event)) {
        QCOMPARE(unban->name, std::get<UnbanRequest>(event).name);
    }
    // A client's encoding is the same JSON (absent members stay absent).
    QCOMPARE(QJsonDocument::fromJson(codec::encode(ClientRequest{2, event})).object(),
             QJsonDocument::fromJson(frame).object());
}

void ModerationCodecTest::moderationRequestsWithoutTheFeature()
{
    for (const bool withRooms : {false, true}) {
        for (const QByteArray &frame :
             {QByteArray(R"({"event":"kick","id":3,"data":{"key":"k"}})"),
              QByteArray(R"({"event":"ban","id":3,"data":{"name":"n"}})"),
              QByteArray(R"({"event":"unban","id":3,"data":{"name":"n"}})"),
              QByteArray(R"({"event":"bans","id":3})")}) {
            const auto decoded = codec::decodeClientRequest(frame, withRooms, false);
            const auto *failure = std::get_if<RequestFailure>(&decoded);
            QVERIFY2(failure, frame.constData());
            QCOMPARE(failure->error.code, ErrorCode::UnknownEvent);
            QCOMPARE(failure->id, std::optional<qint64>(3));
        }
    }
}

void ModerationCodecTest::malformedModerationRequests_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("kick without data") << QByteArray(R"({"event":"kick","id":1})");
    QTest::newRow("kick, key a number")
        << QByteArray(R"({"event":"kick","id":1,"data":{"key":5}})");
    QTest::newRow("kick, reason null")
        << QByteArray(R"({"event":"kick","id":1,"data":{"key":"k","reason":null}})");
    QTest::newRow("ban without name") << QByteArray(R"({"event":"ban","id":1,"data":{}})");
    QTest::newRow("ban, negative minutes")
        << QByteArray(R"({"event":"ban","id":1,"data":{"name":"n","minutes":-5}})");
    QTest::newRow("ban, fractional minutes")
        << QByteArray(R"({"event":"ban","id":1,"data":{"name":"n","minutes":1.5}})");
    QTest::newRow("ban, minutes a string")
        << QByteArray(R"({"event":"ban","id":1,"data":{"name":"n","minutes":"60"}})");
    QTest::newRow("ban, minutes past 2^53")
        << QByteArray(R"({"event":"ban","id":1,"data":{"name":"n","minutes":1e300}})");
    QTest::newRow("ban, reason an object")
        << QByteArray(R"({"event":"ban","id":1,"data":{"name":"n","reason":{}}})");
    QTest::newRow("unban, name an array")
        << QByteArray(R"({"event":"unban","id":1,"data":{"name":["n"]}})");
}

void ModerationCodecTest::malformedModerationRequests()
{
    QFETCH(QByteArray, frame);
    const auto decoded = codec::decodeClientRequest(frame, true, true);
    const auto *failure = std::get_if<RequestFailure>(&decoded);
    QVERIFY(failure);
    QCOMPARE(failure->error.code, ErrorCode::BadRequest);
    QCOMPARE(failure->id, std::optional<qint64>(1));
}

void ModerationCodecTest::kicked_data()
{
    QTest::addColumn<Kicked>("kicked");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("kick") << Kicked{"mod", "spam", false, std::nullopt}
                          << QByteArray(
                                 R"({"data":{"by":"mod","reason":"spam"},"event":"kicked"})");
    QTest::newRow("ban until lifted")
        << Kicked{"mod", "", true, std::nullopt}
        << QByteArray(R"({"data":{"by":"mod","reason":"","until":null},"event":"kicked"})");
    QTest::newRow("timed ban")
        << Kicked{"mod", "flood", true, qint64(1'800'000'000'000)}
        << QByteArray(
               R"({"data":{"by":"mod","reason":"flood","until":1800000000000},"event":"kicked"})");
}

void ModerationCodecTest::kicked()
{
    QFETCH(Kicked, kicked);
    QFETCH(QByteArray, json);
    QCOMPARE(codec::accounts::encodeKicked(kicked), json);
    QCOMPARE(codec::accounts::decodeKicked(json), std::optional<Kicked>(kicked));
}

void ModerationCodecTest::kickedIsNotAnotherEvent()
{
    QVERIFY(!codec::accounts::decodeKicked(R"({"data":{"by":"m","reason":""},"event":"typing"})"));
    QVERIFY(!codec::accounts::decodeKicked(R"({"data":{"reason":""},"event":"kicked"})"));
    QVERIFY(!codec::accounts::decodeKicked(
        R"({"data":{"by":"m","reason":"","until":"soon"},"event":"kicked"})"));
    QVERIFY(!codec::accounts::decodeKicked("not json"));
    // Nor is it a v1 event: a client without the feature never sees one, and would ignore it.
    QVERIFY(!codec::decodeServerEvent(R"({"data":{"by":"m","reason":""},"event":"kicked"})"));
}

void ModerationCodecTest::bansAck()
{
    const QList<BanInfo> bans{{"mallory", std::nullopt, "spam", "mod"},
                              {"trent", qint64(1'800'000'000'000), "", "admin"}};
    const QJsonObject data = codec::accounts::toJson(bans);
    QCOMPARE(QJsonDocument(data).toJson(QJsonDocument::Compact),
             QByteArray(R"({"bans":[{"by":"mod","name":"mallory","reason":"spam","until":null},)"
                        R"({"by":"admin","name":"trent","reason":"","until":1800000000000}]})"));
    QCOMPARE(codec::accounts::bansFromJson(data), std::optional<QList<BanInfo>>(bans));
    QCOMPARE(codec::accounts::bansFromJson(QJsonObject{{"bans", QJsonArray()}}),
             std::optional<QList<BanInfo>>(QList<BanInfo>()));
    // "until" must be there: null or a time.
    QVERIFY(!codec::accounts::bansFromJson(
        QJsonDocument::fromJson(R"({"bans":[{"by":"m","name":"n","reason":""}]})").object()));
    QVERIFY(!codec::accounts::bansFromJson({}));
}

void ModerationCodecTest::reasonLimitInTheAck()
{
    Limits limits;
    QVERIFY(!codec::toJson(limits).contains("maxReasonLength")); // not an accounts client
    limits.maxReasonLength = 200;
    QCOMPARE(codec::toJson(limits).value("maxReasonLength").toInt(), 200);
    QCOMPARE(codec::limitsFromJson(codec::toJson(limits))->maxReasonLength, 200);
}

void ModerationCodecTest::reasons_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("acceptable");
    QTest::addColumn<QString>("normalized");
    QTest::newRow("empty") << QString() << true << QString();
    QTest::newRow("trimmed") << QString("  spam  ") << true << QString("spam");
    QTest::newRow("200 code points")
        << QString(200, QChar('x')) << true << QString(200, QChar('x'));
    QTest::newRow("201 code points") << QString(201, QChar('x')) << false << QString();
    QTest::newRow("200 emoji (400 UTF-16 units)")
        << QString::fromUtf8(QByteArray("\xF0\x9F\x98\x80").repeated(200)) << true
        << QString::fromUtf8(QByteArray("\xF0\x9F\x98\x80").repeated(200));
    QTest::newRow("a newline inside") << QString("one\ntwo") << false << QString();
    QTest::newRow("an escape") << QString("red \x1b[31m") << false << QString();
    QTest::newRow("C1 control") << QString("a") + QChar(0x85) + "b" << false << QString();
    QTest::newRow("a joined emoji (ZWJ, Cf) is fine")
        << QString::fromUtf8("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB") << true
        << QString::fromUtf8("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB");
    QTest::newRow("lone surrogate") << QString(QChar(0xD800)) << false << QString();
}

void ModerationCodecTest::reasons()
{
    QFETCH(QString, reason);
    QFETCH(bool, acceptable);
    QFETCH(QString, normalized);
    QCOMPARE(validation::normalizeReason(reason, 200), acceptable);
    if (acceptable)
        QCOMPARE(reason, normalized);
}

void ModerationCodecTest::closeReasonFits_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("cut");
    QTest::newRow("short") << QString("Kicked by mod: spam") << false;
    QTest::newRow("123 bytes exactly") << QString(123, QChar('a')) << false;
    QTest::newRow("124 bytes") << QString(124, QChar('a')) << true;
    QTest::newRow("two-byte characters") << QString(100, QChar(0xE9)) << true;
    QTest::newRow("emoji (4 bytes, surrogate pairs)")
        << QString::fromUtf8(QByteArray("\xF0\x9F\x98\x80").repeated(40)) << true;
}

void ModerationCodecTest::closeReasonFits()
{
    QFETCH(QString, text);
    QFETCH(bool, cut);
    const QString fitted = validation::fitUtf8(text);
    const QByteArray utf8 = fitted.toUtf8();
    QVERIFY(utf8.size() <= protocol::maxCloseReasonBytes);
    QVERIFY(utf8.isValidUtf8());
    QCOMPARE(QString::fromUtf8(utf8), fitted); // no half character (a lone surrogate)
    QCOMPARE(fitted != text, cut);
    if (cut) {
        QVERIFY(fitted.endsWith(QChar(0x2026)));
        QVERIFY(text.startsWith(fitted.chopped(1)));
        QVERIFY(utf8.size() > protocol::maxCloseReasonBytes - 4); // nothing more would have fit
    }
}

QTEST_APPLESS_MAIN(ModerationCodecTest)
#include "tst_moderationcodec.moc"
