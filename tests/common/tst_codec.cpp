#include "codec.h"
#include "jsonbounds.h"
#include "nameskeleton.h"
#include "validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace chat;
using chat::protocol::ErrorCode;

Q_DECLARE_METATYPE(chat::protocol::ErrorCode)

class CodecTest : public QObject
{
    Q_OBJECT
private slots:
    void errorCodes_data();
    void errorCodes();
    void decodeRequest_data();
    void decodeRequest();
    void joinExtensions_data();
    void joinExtensions();
    void typing();
    void decodeRequestFailure_data();
    void decodeRequestFailure();
    void requestRoundTrip_data();
    void requestRoundTrip();
    void serverEventRoundTrip_data();
    void serverEventRoundTrip();
    void decodeServerEventRejects_data();
    void decodeServerEventRejects();
    void ackPayloads();
    void names_data();
    void names();
    void nameUniqueness();
    void jsonBounds_data();
    void jsonBounds();
    void messageText_data();
    void messageText();
};

void CodecTest::errorCodes_data()
{
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("wire");
    QTest::newRow("bad_request") << ErrorCode::BadRequest << "bad_request";
    QTest::newRow("unknown_event") << ErrorCode::UnknownEvent << "unknown_event";
    QTest::newRow("invalid_name") << ErrorCode::InvalidName << "invalid_name";
    QTest::newRow("name_taken") << ErrorCode::NameTaken << "name_taken";
    QTest::newRow("already_joined") << ErrorCode::AlreadyJoined << "already_joined";
    QTest::newRow("not_joined") << ErrorCode::NotJoined << "not_joined";
    QTest::newRow("invalid_message") << ErrorCode::InvalidMessage << "invalid_message";
    QTest::newRow("too_long") << ErrorCode::TooLong << "too_long";
    QTest::newRow("rate_limited") << ErrorCode::RateLimited << "rate_limited";
    QTest::newRow("server_error") << ErrorCode::ServerError << "server_error";
    // Feature "accounts".
    QTest::newRow("bad_server_password") << ErrorCode::BadServerPassword << "bad_server_password";
    QTest::newRow("banned") << ErrorCode::Banned << "banned";
    QTest::newRow("password_required") << ErrorCode::PasswordRequired << "password_required";
    QTest::newRow("auth_failed") << ErrorCode::AuthFailed << "auth_failed";
    QTest::newRow("account_required") << ErrorCode::AccountRequired << "account_required";
    QTest::newRow("already_registered") << ErrorCode::AlreadyRegistered << "already_registered";
    QTest::newRow("invalid_password") << ErrorCode::InvalidPassword << "invalid_password";
    QTest::newRow("forbidden") << ErrorCode::Forbidden << "forbidden";
    QTest::newRow("no_such_ban") << ErrorCode::NoSuchBan << "no_such_ban";
    QTest::newRow("no_such_message") << ErrorCode::NoSuchMessage << "no_such_message";
}

void CodecTest::errorCodes()
{
    QFETCH(ErrorCode, code);
    QFETCH(QString, wire);
    QCOMPARE(protocol::errorCodeName(code), wire);
    QCOMPARE(protocol::errorCodeFromName(wire), code);
    QVERIFY(!protocol::defaultErrorMessage(code).isEmpty());
    QCOMPARE(Error::fromCode(code), (Error{code, protocol::defaultErrorMessage(code)}));
}

void CodecTest::decodeRequest_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<bool>("isJoin");
    QTest::addColumn<QString>("value");
    QTest::addColumn<qint64>("id"); // 0: none

    QTest::newRow("join") << QByteArray(R"({"event":"join","data":{"name":"alice"}})") << true
                          << "alice" << qint64(0);
    QTest::newRow("join with id") << QByteArray(R"({"event":"join","data":{"name":"bob"},"id":7})")
                                  << true << "bob" << qint64(7);
    QTest::newRow("message") << QByteArray(R"({"event":"message","data":{"text":"hi"},"id":1})")
                             << false << "hi" << qint64(1);
    QTest::newRow("id 2^53-1")
        << QByteArray(R"({"event":"message","data":{"text":"x"},"id":9007199254740991})") << false
        << "x" << qint64(9007199254740991LL);
    QTest::newRow("id written 2.0")
        << QByteArray(R"({"event":"message","data":{"text":"x"},"id":2.0})") << false << "x"
        << qint64(2);
    QTest::newRow("unknown fields ignored")
        << QByteArray(R"({"event":"message","data":{"text":"t","extra":1},"v":2,"id":3})") << false
        << "t" << qint64(3);
    QTest::newRow("markup is data")
        << QByteArray(R"({"event":"message","data":{"text":"<b>&amp;"}})") << false << "<b>&amp;"
        << qint64(0);
    QTest::newRow("unicode") << QByteArray(R"({"event":"join","data":{"name":"Zoë 😀"}})") << true
                             << QString::fromUtf8("Zoë 😀") << qint64(0);
}

void CodecTest::decodeRequest()
{
    QFETCH(QByteArray, frame);
    QFETCH(bool, isJoin);
    QFETCH(QString, value);
    QFETCH(qint64, id);

    const auto decoded = codec::decodeClientRequest(frame);
    QVERIFY(std::holds_alternative<ClientRequest>(decoded));
    const auto &request = std::get<ClientRequest>(decoded);
    QCOMPARE(request.id.value_or(0), id);
    if (isJoin)
        QCOMPARE(std::get<JoinRequest>(request.event).name, value);
    else
        QCOMPARE(std::get<MessageRequest>(request.event).text, value);
}

void CodecTest::joinExtensions_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QStringList>("features");
    QTest::addColumn<QString>("token");
    QTest::addColumn<qint64>("lastSeenId"); // -1: absent
    QTest::newRow("plain v1 join") << QByteArray(R"({"event":"join","data":{"name":"a"}})")
                                   << QStringList{} << QString() << qint64(-1);
    QTest::newRow("features")
        << QByteArray(R"({"event":"join","data":{"name":"a","features":["resume","typing","x"]}})")
        << QStringList{"resume", "typing", "x"} << QString() << qint64(-1);
    QTest::newRow("resume")
        << QByteArray(
               R"({"event":"join","data":{"name":"a","features":["resume"],"token":"T0k","lastSeenId":41}})")
        << QStringList{"resume"} << "T0k" << qint64(41);
    QTest::newRow("lastSeenId 0") << QByteArray(
                                         R"({"event":"join","data":{"name":"a","lastSeenId":0}})")
                                  << QStringList{} << QString() << qint64(0);
}

void CodecTest::joinExtensions()
{
    QFETCH(QByteArray, frame);
    QFETCH(QStringList, features);
    QFETCH(QString, token);
    QFETCH(qint64, lastSeenId);
    const auto decoded = codec::decodeClientRequest(frame);
    QVERIFY(std::holds_alternative<ClientRequest>(decoded));
    const auto &join = std::get<JoinRequest>(std::get<ClientRequest>(decoded).event);
    QCOMPARE(join.features, features);
    QCOMPARE(join.token, token);
    QCOMPARE(join.lastSeenId.value_or(-1), lastSeenId);
    // And back: what the client encodes decodes to the same request.
    const auto again = codec::decodeClientRequest(codec::encode(ClientRequest{1, join}));
    const auto &back = std::get<JoinRequest>(std::get<ClientRequest>(again).event);
    QCOMPARE(back.features, features);
    QCOMPARE(back.token, token);
    QCOMPARE(back.lastSeenId, join.lastSeenId);
}

void CodecTest::typing()
{
    const auto decoded = codec::decodeClientRequest(R"({"event":"typing","id":3})");
    QVERIFY(std::holds_alternative<TypingRequest>(std::get<ClientRequest>(decoded).event));
    QCOMPARE(codec::encode(ClientRequest{std::nullopt, TypingRequest{}}),
             QByteArray(R"({"event":"typing"})"));
    const User alice{"k1", "alice"};
    const auto event = codec::decodeServerEvent(codec::encode(ServerEvent{Typing{alice}}));
    QVERIFY(event && std::holds_alternative<Typing>(*event));
    QCOMPARE(std::get<Typing>(*event).user, alice);
}

void CodecTest::decodeRequestFailure_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<qint64>("id"); // 0: answered without id (error event)

    const auto bad = ErrorCode::BadRequest;
    QTest::newRow("not json") << QByteArray("hello") << bad << qint64(0);
    QTest::newRow("empty") << QByteArray("") << bad << qint64(0);
    QTest::newRow("array") << QByteArray(R"([{"event":"join"}])") << bad << qint64(0);
    QTest::newRow("string") << QByteArray(R"("join")") << bad << qint64(0);
    QTest::newRow("number") << QByteArray("42") << bad << qint64(0);
    QTest::newRow("truncated") << QByteArray(R"({"event":"join","data":{"name":"a")") << bad
                               << qint64(0);
    QTest::newRow("no event") << QByteArray(R"({"data":{}})") << bad << qint64(0);
    QTest::newRow("no event, id") << QByteArray(R"({"data":{},"id":4})") << bad << qint64(4);
    QTest::newRow("event number") << QByteArray(R"({"event":5,"id":4})") << bad << qint64(4);
    QTest::newRow("event null") << QByteArray(R"({"event":null})") << bad << qint64(0);
    QTest::newRow("event empty") << QByteArray(R"({"event":""})") << bad << qint64(0);
    QTest::newRow("id 1.5") << QByteArray(R"({"event":"join","data":{"name":"a"},"id":1.5})") << bad
                            << qint64(0);
    QTest::newRow("id -3") << QByteArray(R"({"event":"join","data":{"name":"a"},"id":-3})") << bad
                           << qint64(0);
    QTest::newRow("id 0") << QByteArray(R"({"event":"join","data":{"name":"a"},"id":0})") << bad
                          << qint64(0);
    QTest::newRow("id \"x\"") << QByteArray(R"({"event":"join","data":{"name":"a"},"id":"x"})")
                              << bad << qint64(0);
    QTest::newRow("id \"1\"") << QByteArray(R"({"event":"join","data":{"name":"a"},"id":"1"})")
                              << bad << qint64(0);
    QTest::newRow("id 1e300") << QByteArray(R"({"event":"join","data":{"name":"a"},"id":1e300})")
                              << bad << qint64(0);
    QTest::newRow("id 2^53") << QByteArray(
                                    R"({"event":"join","data":{"name":"a"},"id":9007199254740992})")
                             << bad << qint64(0);
    QTest::newRow("id null") << QByteArray(R"({"event":"join","data":{"name":"a"},"id":null})")
                             << bad << qint64(0);
    QTest::newRow("id true") << QByteArray(R"({"event":"join","data":{"name":"a"},"id":true})")
                             << bad << qint64(0);
    QTest::newRow("join no data") << QByteArray(R"({"event":"join","id":2})") << bad << qint64(2);
    QTest::newRow("join data string")
        << QByteArray(R"({"event":"join","data":"alice","id":2})") << bad << qint64(2);
    QTest::newRow("join name number")
        << QByteArray(R"({"event":"join","data":{"name":5},"id":2})") << bad << qint64(2);
    QTest::newRow("join name missing")
        << QByteArray(R"({"event":"join","data":{},"id":2})") << bad << qint64(2);
    QTest::newRow("message no data") << QByteArray(R"({"event":"message"})") << bad << qint64(0);
    QTest::newRow("message text null")
        << QByteArray(R"({"event":"message","data":{"text":null},"id":9})") << bad << qint64(9);
    QTest::newRow("message text array")
        << QByteArray(R"({"event":"message","data":{"text":["a"]}})") << bad << qint64(0);
    QTest::newRow("features not an array")
        << QByteArray(R"({"event":"join","id":2,"data":{"name":"a","features":"resume"}})")
        << ErrorCode::BadRequest << qint64(2);
    QTest::newRow("features not strings")
        << QByteArray(R"({"event":"join","id":2,"data":{"name":"a","features":[1]}})")
        << ErrorCode::BadRequest << qint64(2);
    QTest::newRow("token not a string")
        << QByteArray(R"({"event":"join","id":2,"data":{"name":"a","token":5}})")
        << ErrorCode::BadRequest << qint64(2);
    QTest::newRow("token too long")
        << QByteArray(R"({"event":"join","id":2,"data":{"name":"a","token":")" +
                      QByteArray(200, 'x') + R"("}})")
        << ErrorCode::BadRequest << qint64(2);
    QTest::newRow("lastSeenId negative")
        << QByteArray(R"({"event":"join","id":2,"data":{"name":"a","lastSeenId":-1}})")
        << ErrorCode::BadRequest << qint64(2);
    QTest::newRow("lastSeenId fraction")
        << QByteArray(R"({"event":"join","id":2,"data":{"name":"a","lastSeenId":1.5}})")
        << ErrorCode::BadRequest << qint64(2);
    QTest::newRow("unknown event")
        << QByteArray(R"({"event":"shout","id":3})") << ErrorCode::UnknownEvent << qint64(3);
    QTest::newRow("unknown event, no id")
        << QByteArray(R"({"event":"new chat msg"})") << ErrorCode::UnknownEvent << qint64(0);
    QTest::newRow("event names are case sensitive")
        << QByteArray(R"({"event":"JOIN"})") << ErrorCode::UnknownEvent << qint64(0);
    QByteArray deep(5000, '[');
    QTest::newRow("deep nesting") << (QByteArray(R"({"event":"join","data":)") + deep) << bad
                                  << qint64(0);
}

void CodecTest::decodeRequestFailure()
{
    QFETCH(QByteArray, frame);
    QFETCH(ErrorCode, code);
    QFETCH(qint64, id);

    const auto decoded = codec::decodeClientRequest(frame);
    QVERIFY(std::holds_alternative<RequestFailure>(decoded));
    const auto &failure = std::get<RequestFailure>(decoded);
    QCOMPARE(failure.error.code, code);
    QVERIFY(!failure.error.message.isEmpty());
    QCOMPARE(failure.id.value_or(0), id);

    // The answer is an ack with the error when the id was valid, an error event otherwise.
    const QJsonObject answer =
        QJsonDocument::fromJson(codec::encodeFailure(failure.id, failure.error)).object();
    if (id) {
        QCOMPARE(answer.value("event").toString(), "ack");
        QCOMPARE(answer.value("id").toInteger(), id);
        QCOMPARE(answer.value("error")["code"].toString(), protocol::errorCodeName(code));
        QVERIFY(!answer.contains("data"));
    } else {
        QCOMPARE(answer.value("event").toString(), "error");
        QVERIFY(!answer.contains("id"));
        QCOMPARE(answer.value("data")["code"].toString(), protocol::errorCodeName(code));
        QVERIFY(!answer.value("data")["message"].toString().isEmpty());
    }
}

void CodecTest::requestRoundTrip_data()
{
    QTest::addColumn<bool>("isJoin");
    QTest::addColumn<QString>("value");
    QTest::addColumn<qint64>("id");
    QTest::newRow("join") << true << "alice" << qint64(1);
    QTest::newRow("join, no id") << true << "bob" << qint64(0);
    QTest::newRow("message") << false << "hello\nworld" << qint64(42);
    QTest::newRow("message, quotes") << false << "\"quoted\" \\ back" << qint64(9007199254740991LL);
}

void CodecTest::requestRoundTrip()
{
    QFETCH(bool, isJoin);
    QFETCH(QString, value);
    QFETCH(qint64, id);
    ClientRequest request{id ? std::optional<qint64>(id) : std::nullopt,
                          isJoin ? ClientEvent(JoinRequest{value, {}, {}, {}})
                                 : MessageRequest{value}};
    const QByteArray frame = codec::encode(request);
    const QJsonObject object = QJsonDocument::fromJson(frame).object();
    QCOMPARE(object.value("event").toString(), isJoin ? "join" : "message");
    QCOMPARE(object.contains("id"), id != 0);

    const auto decoded = codec::decodeClientRequest(frame);
    const auto &back = std::get<ClientRequest>(decoded);
    QCOMPARE(back.id.value_or(0), id);
    if (isJoin)
        QCOMPARE(std::get<JoinRequest>(back.event).name, value);
    else
        QCOMPARE(std::get<MessageRequest>(back.event).text, value);
}

void CodecTest::serverEventRoundTrip_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("event");
    const User alice{"k1", "alice"};
    const ChatMsg msg{12, "k1", "alice", "<img src=x>", 1'700'000'000'123};
    QTest::newRow("user connected")
        << codec::encode(ServerEvent{UserConnected{alice}}) << "user connected";
    QTest::newRow("user disconnected")
        << codec::encode(ServerEvent{UserDisconnected{alice}}) << "user disconnected";
    QTest::newRow("new chat msg") << codec::encode(ServerEvent{NewChatMsg{msg}}) << "new chat msg";
    QTest::newRow("error") << codec::encode(
                                  ServerEvent{ErrorEvent{Error{ErrorCode::BadRequest, "no"}}})
                           << "error";
    QTest::newRow("ack data") << codec::encodeAck(5, codec::toJson(MessageAck{12, 1000})) << "ack";
    QTest::newRow("ack error") << codec::encodeFailure(6, Error{ErrorCode::NameTaken, "taken"})
                               << "ack";
}

void CodecTest::serverEventRoundTrip()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, event);
    const QJsonObject object = QJsonDocument::fromJson(frame).object();
    QCOMPARE(object.value("event").toString(), event);
    const auto decoded = codec::decodeServerEvent(frame);
    QVERIFY(decoded.has_value());
    QCOMPARE(codec::encode(*decoded), frame);

    if (const auto *chat = std::get_if<NewChatMsg>(&*decoded)) {
        const QJsonObject data = object.value("data").toObject();
        QCOMPARE(data.keys(), (QStringList{"id", "key", "message", "sender", "ts"}));
        QCOMPARE(chat->msg.message, "<img src=x>");
        QCOMPARE(chat->msg.ts, 1'700'000'000'123);
    }
    if (std::holds_alternative<UserConnected>(*decoded))
        QCOMPARE(object.value("data").toObject().keys(), (QStringList{"key", "name"}));
    if (const auto *ack = std::get_if<Ack>(&*decoded)) {
        QVERIFY(ack->id == 5 || ack->id == 6);
        QCOMPARE(ack->error.has_value(), ack->id == 6);
    }
}

void CodecTest::decodeServerEventRejects_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("garbage") << QByteArray("}{");
    QTest::newRow("unknown event") << QByteArray(R"({"event":"party"})");
    QTest::newRow("ack without id") << QByteArray(R"({"event":"ack","data":{}})");
    QTest::newRow("ack bad error")
        << QByteArray(R"({"event":"ack","id":1,"error":{"code":"nope"}})");
    QTest::newRow("user without key")
        << QByteArray(R"({"event":"user connected","data":{"name":"a"}})");
    QTest::newRow("msg id string") << QByteArray(
        R"({"event":"new chat msg","data":{"id":"1","key":"k","sender":"s","message":"m","ts":1}})");
    QTest::newRow("msg without ts") << QByteArray(
        R"({"event":"new chat msg","data":{"id":1,"key":"k","sender":"s","message":"m"}})");
}

void CodecTest::decodeServerEventRejects()
{
    QFETCH(QByteArray, frame);
    QVERIFY(!codec::decodeServerEvent(frame).has_value());
}

void CodecTest::ackPayloads()
{
    const JoinAck join{
        "key", "token", {{"k1", "alice"}, {"k2", "bob"}}, {{1, "k1", "alice", "hi", 5}}, {}, false,
        false, {}};
    const QJsonObject json = codec::toJson(join);
    QCOMPARE(json.keys(), (QStringList{"history", "key", "token", "users"}));
    const auto back = codec::joinAckFromJson(json);
    QVERIFY(back);
    QCOMPARE(back->key, join.key);
    QCOMPARE(back->token, join.token);
    QCOMPARE(back->users, join.users);
    QCOMPARE(back->history, join.history);

    QVERIFY(!codec::joinAckFromJson(QJsonObject{{"key", "k"}}));

    // The server's spliced encoding says exactly the same, also with texts that look like keys.
    JoinAck tricky = join;
    tricky.history.append({2, "k2", "bob", R"("users":[] "history":[] ]})", 6});
    QByteArray users = "[";
    for (const User &user : tricky.users)
        users += (users.size() > 1 ? "," : "") + codec::encodeElement(user);
    users += "]";
    QByteArray history = "[";
    for (const ChatMsg &msg : tricky.history)
        history += (history.size() > 1 ? "," : "") + codec::encodeElement(msg);
    history += "]";
    const QByteArray spliced = codec::encodeJoinAck(9, tricky, users, history);
    QCOMPARE(spliced, codec::encodeAck(9, codec::toJson(tricky)));
    // With the extensions (features, resumed, historyGap) too.
    tricky.features = {"resume", "typing"};
    tricky.resumed = true;
    tricky.historyGap = true;
    tricky.limits = Limits{};
    QCOMPARE(codec::encodeJoinAck(9, tricky, users, history),
             codec::encodeAck(9, codec::toJson(tricky)));
    const auto extended = codec::joinAckFromJson(codec::toJson(tricky));
    QVERIFY(extended);
    QCOMPARE(extended->features, tricky.features);
    QVERIFY(extended->resumed);
    QVERIFY(extended->historyGap);

    // The server's "new chat msg" around a stored element: byte for byte the plain encoding.
    for (const ChatMsg &msg : std::as_const(tricky.history))
        QCOMPARE(codec::encodeNewChatMsg(codec::encodeElement(msg)),
                 codec::encode(ServerEvent{NewChatMsg{msg}}));
    const auto message = codec::messageAckFromJson(codec::toJson(MessageAck{3, 99}));
    QVERIFY(message);
    QCOMPARE(message->id, 3);
    QCOMPARE(message->ts, 99);
    QVERIFY(!codec::messageAckFromJson(QJsonObject{{"id", 1.5}, {"ts", 1}}));
}

void CodecTest::names_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("normalized");
    QTest::newRow("plain") << "alice" << true << "alice";
    QTest::newRow("trimmed") << "  bob \t" << true << "bob";
    QTest::newRow("inner space") << "Mary Ann" << true << "Mary Ann";
    QTest::newRow("32 code points") << QString(32, 'x') << true << QString(32, 'x');
    QTest::newRow("33 code points") << QString(33, 'x') << false << QString();
    QString emoji32;
    for (int i = 0; i < 32; ++i)
        emoji32 += QString::fromUtf8("😀");
    QTest::newRow("32 emoji (64 UTF-16 units)") << emoji32 << true << emoji32;
    QTest::newRow("33 emoji") << emoji32 + QString::fromUtf8("😀") << false << QString();
    QTest::newRow("empty") << "" << false << QString();
    QTest::newRow("only spaces") << "   " << false << QString();
    QTest::newRow("newline inside") << "a\nb" << false << QString();
    QTest::newRow("NUL") << QString("a") + QChar(0) + "b" << false << QString();
    QTest::newRow("DEL") << "a\x7f" << false << QString();
    QTest::newRow("C1 control inside") << QString("a") + QChar(0x9b) + "b" << false << QString();
    QTest::newRow("lone surrogate") << QString(QChar(0xd800)) << false << QString();
    QTest::newRow("markup allowed") << "<b>x</b>" << true << "<b>x</b>";
    // Format characters (category Cf) are refused wherever they stand.
    const auto withFormat = [](char16_t c) -> QString {
        return QStringLiteral("ab") + QChar(c) + QStringLiteral("c");
    };
    QTest::newRow("U+202E right-to-left override")
        << QStringLiteral("\u202Egnp.exe") << false << QString();
    QTest::newRow("U+2066 left-to-right isolate") << withFormat(0x2066) << false << QString();
    QTest::newRow("U+2067 right-to-left isolate") << withFormat(0x2067) << false << QString();
    QTest::newRow("U+2068 first strong isolate") << withFormat(0x2068) << false << QString();
    QTest::newRow("U+2069 pop directional isolate") << withFormat(0x2069) << false << QString();
    QTest::newRow("U+200B zero width space") << withFormat(0x200b) << false << QString();
    QTest::newRow("U+200D zero width joiner") << withFormat(0x200d) << false << QString();
    QTest::newRow("U+FEFF byte order mark, leading")
        << QStringLiteral("\uFEFFalice") << false << QString();
    QTest::newRow("U+061C arabic letter mark") << withFormat(0x061c) << false << QString();
    QTest::newRow("U+E0041 tag (outside the BMP)")
        << QStringLiteral("a") + QString::fromUcs4(U"\U000E0041") << false << QString();
    // Everyday names in any script stay accepted.
    QTest::newRow("accents") << QStringLiteral("Zoë Ångström") << true
                             << QStringLiteral("Zoë Ångström");
    QTest::newRow("CJK") << QStringLiteral("李小龍") << true << QStringLiteral("李小龍");
    QTest::newRow("Arabic") << QStringLiteral("محمد") << true << QStringLiteral("محمد");
    QTest::newRow("Hebrew") << QStringLiteral("דוד") << true << QStringLiteral("דוד");
    QTest::newRow("Devanagari, combining marks")
        << QStringLiteral("हिन्दी") << true << QStringLiteral("हिन्दी");
    QTest::newRow("emoji") << QStringLiteral("alice 😀") << true << QStringLiteral("alice 😀");
    QTest::newRow("emoji with skin tone")
        << QStringLiteral("👍🏽") << true << QStringLiteral("👍🏽");
    QTest::newRow("flag (regional indicators)")
        << QStringLiteral("🇩🇪") << true << QStringLiteral("🇩🇪");
}

void CodecTest::names()
{
    QFETCH(QString, input);
    QFETCH(bool, valid);
    QFETCH(QString, normalized);
    QString name = input;
    const auto error = validation::normalizeName(name);
    QCOMPARE(!error.has_value(), valid);
    if (valid)
        QCOMPARE(name, normalized);
    else
        QCOMPARE(*error, ErrorCode::InvalidName);
}

void CodecTest::nameUniqueness()
{
    QCOMPARE(validation::nameUniquenessKey("Alice"), validation::nameUniquenessKey("aLICE"));
    QCOMPARE(validation::nameUniquenessKey("STRASSE"), validation::nameUniquenessKey("strasse"));
    QVERIFY(validation::nameUniquenessKey("alice") != validation::nameUniquenessKey("alicia"));
    // Compatibility forms, invisible characters and confusable letters share the key too.
    QCOMPARE(validation::nameUniquenessKey(QString::fromUtf8("ａｌｉｃｅ")),
             validation::nameUniquenessKey("alice"));
    QCOMPARE(validation::nameUniquenessKey(QString("al") + QChar(0x200D) + "ice"),
             validation::nameUniquenessKey("alice"));
    QCOMPARE(validation::nameUniquenessKey(QString::fromUtf8("\xD0\xB0lic\xD0\xB5")),
             validation::nameUniquenessKey("alice"));
    QVERIFY(validation::nameUniquenessKey(QString::fromUtf8("Zoë")) !=
            validation::nameUniquenessKey("Bob"));
    QVERIFY(validation::rendersAsNothing(QString(2, QChar(0x2800))));
    QVERIFY(validation::rendersAsNothing(QString(QChar(0x200B)) + QChar(0x3000)));
    QVERIFY(!validation::rendersAsNothing(QString::fromUtf8("é")));
    QVERIFY(!validation::rendersAsNothing(QString::fromUtf8("\xF0\x9F\x98\x80"))); // an emoji
}

void CodecTest::jsonBounds_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("within");
    QTest::newRow("plain") << QByteArray(R"({"event":"join","data":{"name":"a"}})") << true;
    QTest::newRow("4 keys, bound 3") << QByteArray(R"({"a":1,"b":2,"c":{"d":3}})") << false;
    QTest::newRow("colons in strings") << QByteArray(R"({"a":"::::","b":"x:y"})") << true;
    QTest::newRow("escaped quote") << QByteArray(R"({"a":"\":\":","b":1})") << true;
    QTest::newRow("depth 4") << QByteArray(R"({"a":[[[1]]]})") << true;
    QTest::newRow("depth 5") << QByteArray(R"({"a":[[[[1]]]]})") << false;
    QTest::newRow("brackets in strings") << QByteArray(R"({"a":"[[[[[[{{{{"})") << true;
}

void CodecTest::jsonBounds()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, within);
    QCOMPARE(codec::withinJsonBounds(json, 3, 4), within);
}

void CodecTest::messageText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected"); // -1: valid, else ErrorCode
    QTest::newRow("plain") << "hello" << -1;
    QTest::newRow("padded") << "  hi  " << -1;
    QTest::newRow("empty") << "" << int(ErrorCode::InvalidMessage);
    QTest::newRow("spaces") << "   " << int(ErrorCode::InvalidMessage);
    QTest::newRow("newlines and tabs") << "\n\t \r\n" << int(ErrorCode::InvalidMessage);
    QTest::newRow("4000 ASCII bytes") << QString(4000, 'a') << -1;
    QTest::newRow("4001 ASCII bytes") << QString(4001, 'a') << int(ErrorCode::TooLong);
    QTest::newRow("2000 two-byte chars") << QString(2000, QChar(0xe9)) << -1;
    QTest::newRow("2001 two-byte chars") << QString(2001, QChar(0xe9)) << int(ErrorCode::TooLong);
    QString emoji1000;
    for (int i = 0; i < 1000; ++i)
        emoji1000 += QString::fromUtf8("😀");
    QTest::newRow("1000 emoji = 4000 bytes") << emoji1000 << -1;
    QTest::newRow("1000 emoji + 1") << emoji1000 + "!" << int(ErrorCode::TooLong);
}

void CodecTest::messageText()
{
    QFETCH(QString, text);
    QFETCH(int, expected);
    QCOMPARE(validation::utf8Length(text), text.toUtf8().size());
    const auto error = validation::checkMessageText(text);
    QCOMPARE(error ? int(*error) : -1, expected);
}

QTEST_GUILESS_MAIN(CodecTest)
#include "tst_codec.moc"
