// The feature "accounts" in the codec: its join members, requests, the ack's account and the
// User members, and that a client without the feature (v1, or rooms only) sees none of it.
#include "codec.h"
#include "protocol.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace chat;
using chat::protocol::ErrorCode;

Q_DECLARE_METATYPE(std::optional<QString>)
Q_DECLARE_METATYPE(std::optional<chat::AccountInfo>)

class AccountsCodecTest : public QObject
{
    Q_OBJECT
private slots:
    void closeCodes();
    void joinMembers_data();
    void joinMembers();
    void joinMemberNotAString();
    void requests_data();
    void requests();
    void requestsWithoutTheFeature_data();
    void requestsWithoutTheFeature();
    void malformedRequests_data();
    void malformedRequests();
    void ackAccount_data();
    void ackAccount();
    void userMembers_data();
    void userMembers();
};

void AccountsCodecTest::closeCodes()
{
    QCOMPARE(protocol::closeCodeKicked, 4001);
    QCOMPARE(protocol::closeCodeBanned, 4002);
    QCOMPARE(protocol::features::accounts, QStringLiteral("accounts"));
}

void AccountsCodecTest::joinMembers_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<std::optional<QString>>("password");
    QTest::addColumn<std::optional<QString>>("serverPassword");
    const std::optional<QString> none;
    QTest::newRow("v1 join: members unknown, ignored")
        << QByteArray(R"({"event":"join","data":{"name":"a","password":"p","serverPassword":"s"}})")
        << none << none;
    QTest::newRow("rooms only: ignored")
        << QByteArray(R"({"event":"join","data":{"name":"a","features":["rooms"],"password":"p"}})")
        << none << none;
    QTest::newRow("accounts: both")
        << QByteArray(
               R"({"event":"join","data":{"name":"a","features":["accounts"],"password":"pw12345678","serverPassword":"srv"}})")
        << std::optional<QString>(QStringLiteral("pw12345678"))
        << std::optional<QString>(QStringLiteral("srv"));
    QTest::newRow("accounts: none")
        << QByteArray(R"({"event":"join","data":{"name":"a","features":["rooms","accounts"]}})")
        << none << none;
    QTest::newRow("accounts: empty strings are present")
        << QByteArray(
               R"({"event":"join","data":{"name":"a","features":["accounts"],"password":""}})")
        << std::optional<QString>(QString()) << none;
}

void AccountsCodecTest::joinMembers()
{
    QFETCH(QByteArray, frame);
    QFETCH(std::optional<QString>, password);
    QFETCH(std::optional<QString>, serverPassword);
    const auto decoded = codec::decodeClientRequest(frame);
    QVERIFY(std::holds_alternative<ClientRequest>(decoded));
    const auto join = std::get<JoinRequest>(std::get<ClientRequest>(decoded).event);
    QCOMPARE(join.password, password);
    QCOMPARE(join.serverPassword, serverPassword);
    // And back: what a client encodes decodes to the same members.
    const auto again = codec::decodeClientRequest(codec::encode(ClientRequest{1, join}));
    const auto back = std::get<JoinRequest>(std::get<ClientRequest>(again).event);
    QCOMPARE(back.password, password);
    QCOMPARE(back.serverPassword, serverPassword);
}

void AccountsCodecTest::joinMemberNotAString()
{
    const auto decoded = codec::decodeClientRequest(
        R"({"event":"join","id":4,"data":{"name":"a","features":["accounts"],"password":12345678}})");
    const auto *failure = std::get_if<RequestFailure>(&decoded);
    QVERIFY(failure);
    QCOMPARE(failure->id, std::optional<qint64>(4));
    QCOMPARE(failure->error.code, ErrorCode::BadRequest);
    QVERIFY(!failure->error.message.contains(QLatin1String("12345678")));
}

void AccountsCodecTest::requests_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second"); // PasswordRequest's new; empty for register
    QTest::newRow("register")
        << QByteArray(R"({"event":"register","id":2,"data":{"password":"correct horse"}})")
        << "correct horse" << QString();
    QTest::newRow("password")
        << QByteArray(
               R"({"event":"password","id":2,"data":{"old":"correct horse","new":"battery staple"}})")
        << "correct horse"
        << "battery staple";
}

void AccountsCodecTest::requests()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, first);
    QFETCH(QString, second);
    const auto decoded = codec::decodeClientRequest(frame, true, true);
    QVERIFY(std::holds_alternative<ClientRequest>(decoded));
    const ClientRequest request = std::get<ClientRequest>(decoded);
    QCOMPARE(request.id, std::optional<qint64>(2));
    if (const auto *reg = std::get_if<RegisterRequest>(&request.event)) {
        QCOMPARE(reg->password, first);
    } else {
        const auto &change = std::get<PasswordRequest>(request.event);
        QCOMPARE(change.oldPassword, first);
        QCOMPARE(change.newPassword, second);
    }
    // The client's encoding is the same JSON.
    QCOMPARE(QJsonDocument::fromJson(codec::encode(request)).object(),
             QJsonDocument::fromJson(frame).object());
}

void AccountsCodecTest::requestsWithoutTheFeature_data()
{
    QTest::addColumn<bool>("withRooms");
    QTest::newRow("v1 client") << false;
    QTest::newRow("rooms client") << true;
}

void AccountsCodecTest::requestsWithoutTheFeature()
{
    QFETCH(bool, withRooms);
    for (const QByteArray &frame :
         {QByteArray(R"({"event":"register","id":3,"data":{"password":"correct horse"}})"),
          QByteArray(
              R"({"event":"password","id":3,"data":{"old":"12345678","new":"87654321"}})")}) {
        const auto decoded = codec::decodeClientRequest(frame, withRooms, false);
        const auto *failure = std::get_if<RequestFailure>(&decoded);
        QVERIFY(failure);
        QCOMPARE(failure->error.code, ErrorCode::UnknownEvent);
        QCOMPARE(failure->id, std::optional<qint64>(3));
    }
}

void AccountsCodecTest::malformedRequests_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("register without data") << QByteArray(R"({"event":"register","id":1})");
    QTest::newRow("register, password a number")
        << QByteArray(R"({"event":"register","id":1,"data":{"password":123456789}})");
    QTest::newRow("password without new")
        << QByteArray(R"({"event":"password","id":1,"data":{"old":"secret-old-1"}})");
    QTest::newRow("password, old null")
        << QByteArray(R"({"event":"password","id":1,"data":{"old":null,"new":"secret-new-1"}})");
}

void AccountsCodecTest::malformedRequests()
{
    QFETCH(QByteArray, frame);
    const auto decoded = codec::decodeClientRequest(frame, true, true);
    const auto *failure = std::get_if<RequestFailure>(&decoded);
    QVERIFY(failure);
    QCOMPARE(failure->error.code, ErrorCode::BadRequest);
    QCOMPARE(failure->id, std::optional<qint64>(1));
    // The text names the members, never a value.
    QVERIFY(!failure->error.message.contains(QLatin1String("secret")));
    QVERIFY(!failure->error.message.contains(QLatin1String("123456789")));
}

void AccountsCodecTest::ackAccount_data()
{
    QTest::addColumn<std::optional<AccountInfo>>("account");
    QTest::addColumn<bool>("inJson");
    QTest::newRow("not an accounts client") << std::optional<AccountInfo>() << false;
    QTest::newRow("guest") << std::optional<AccountInfo>(AccountInfo{false, "user"}) << true;
    QTest::newRow("moderator") << std::optional<AccountInfo>(AccountInfo{true, "moderator"})
                               << true;
}

void AccountsCodecTest::ackAccount()
{
    QFETCH(std::optional<AccountInfo>, account);
    QFETCH(bool, inJson);
    JoinAck ack;
    ack.key = QStringLiteral("k");
    ack.token = QStringLiteral("t");
    ack.account = account;
    const QByteArray frame = codec::encodeJoinAck(5, ack, "[]", "[]");
    const QJsonObject data =
        QJsonDocument::fromJson(frame).object().value(QStringLiteral("data")).toObject();
    QCOMPARE(data.contains(QStringLiteral("account")), inJson);
    if (inJson) {
        const QJsonObject json = data.value(QStringLiteral("account")).toObject();
        QCOMPARE(json.value(QStringLiteral("registered")).toBool(), account->registered);
        QCOMPARE(json.value(QStringLiteral("role")).toString(), account->role);
    }
    const auto decoded = codec::joinAckFromJson(data);
    QVERIFY(decoded);
    QCOMPARE(decoded->account, account);
}

void AccountsCodecTest::userMembers_data()
{
    QTest::addColumn<std::optional<AccountInfo>>("account");
    QTest::addColumn<QByteArray>("element");
    QTest::newRow("v1 and rooms clients: exactly key and name")
        << std::optional<AccountInfo>() << QByteArray(R"({"key":"k1","name":"ann"})");
    QTest::newRow("accounts client, guest")
        << std::optional<AccountInfo>(AccountInfo{false, "user"})
        << QByteArray(R"({"key":"k1","name":"ann","registered":false,"role":"user"})");
    QTest::newRow("accounts client, admin")
        << std::optional<AccountInfo>(AccountInfo{true, "admin"})
        << QByteArray(R"({"key":"k1","name":"ann","registered":true,"role":"admin"})");
}

void AccountsCodecTest::userMembers()
{
    QFETCH(std::optional<AccountInfo>, account);
    QFETCH(QByteArray, element);
    const User user{QStringLiteral("k1"), QStringLiteral("ann"), account};
    QCOMPARE(codec::encodeElement(user), element);
    QCOMPARE(codec::userFromJson(QJsonDocument::fromJson(element).object()), user);
    // A role the protocol does not know is not an account.
    const auto odd = codec::userFromJson(
        QJsonDocument::fromJson(R"({"key":"k","name":"n","registered":true,"role":"king"})")
            .object());
    QVERIFY(odd);
    QVERIFY(!odd->account);
}

QTEST_APPLESS_MAIN(AccountsCodecTest)
#include "tst_accountscodec.moc"
