// Feature "accounts", bans, through real sockets (protocol-v2.md): ban (online: the name and
// its address, kicked with 4002; offline; timed, and expired with the server's clock moved
// forward), the exempt addresses that are never banned, unban, the `bans` list, who may ban
// whom, bad requests, a ban across a restart, and the audit lines.
#include "moderationfixture.h"

#include <QtTest>

using namespace chat::server;
using moderation::closeCode;
using moderation::nextNamed;

namespace {
// Joins `name` as a guest on a new connection; its error code ("" when in).
QString joinCode(const ChatServer &server, const QString &name, QString *message = nullptr)
{
    TestClient client;
    if (!client.open(serverUrl(server)))
        return QStringLiteral("(no connection)");
    const QJsonObject ack = rooms::request(client, "join", rooms::joinData(name, {"accounts"}), 1);
    if (message)
        *message = ack.value("error").toObject().value("message").toString();
    return ack.value("error").toObject().value("code").toString();
}
} // namespace

class BansTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void banOnlineUserAndItsAddress();
    void exemptAddressIsNeverBanned();
    void offlineNameTimedBanExpires();
    void whoMayBanWhom();
    void badBans();
    void banSurvivesRestart();
    void auditLines();

private:
    // A server on `db` with the moderator mo logged in, its clock `clock`.
    struct Moderated
    {
        std::unique_ptr<ChatServer> server;
        TestClient mo;
        bool start(accounts::Database &db, const ServerConfig &config, moderation::Clock &clock)
        {
            server = startServer(config);
            if (!server)
                return false;
            server->setWallClock(clock.function());
            return db.addAccount("mo", moderation::password.toUtf8(), Role::Moderator) &&
                   !moderation::join(mo, *server, "mo", moderation::password).isEmpty();
        }
    };
};

void BansTest::initTestCase()
{
    moderation::LogCapture::install();
}

void BansTest::banOnlineUserAndItsAddress()
{
    accounts::Database db; // 127.0.0.1 is not exempt here: it is counted like a remote host
    moderation::Clock clock;
    Moderated moderated;
    QVERIFY(moderated.start(db, db.config(), clock));
    const ChatServer &server = *moderated.server;
    TestClient gus;
    QVERIFY(!moderation::join(gus, server, "gus").isEmpty());
    QCOMPARE(rooms::errorCode(moderated.mo, "ban",
                              QJsonObject{{"name", "gus"}, {"minutes", 60}, {"reason", "flooding"}},
                              2),
             "");
    // gus is told until when, then closed with 4002.
    const qint64 until = clock.at + 60 * 60'000;
    QCOMPARE(nextNamed(gus, "kicked").value("data").toObject(),
             (QJsonObject{{"by", "mo"}, {"reason", "flooding"}, {"until", double(until)}}));
    QCOMPARE(closeCode(gus), 4002);
    const QString shown = gus.socket.closeReason();
    QVERIFY2(shown.startsWith("Banned by mo until 20") && shown.endsWith(": flooding"),
             qPrintable(shown));
    QCOMPARE(nextNamed(moderated.mo, "user disconnected").value("data").toObject().value("name"),
             "gus");
    // Stored with its address.
    const std::vector<Ban> stored = db.bans(clock.at);
    QCOMPARE(stored.size(), size_t(1));
    QCOMPARE(stored.front().name, "gus");
    QCOMPARE(stored.front().address, "127.0.0.1");
    QCOMPARE(stored.front().until, std::optional<qint64>(until));
    // The name is refused, saying until when and why; so is another name from the address.
    QString message;
    QCOMPARE(joinCode(server, "GUS", &message), "banned");
    QVERIFY2(message.contains("name is banned until 20") && message.contains("flooding"),
             qPrintable(message));
    QCOMPARE(joinCode(server, "zed", &message), "banned");
    QVERIFY2(message.contains("address"), qPrintable(message));
    // The list.
    const QJsonObject list = rooms::requestData(moderated.mo, "bans", QJsonValue(), 3);
    QCOMPARE(
        list.value("bans").toArray(),
        (QJsonArray{QJsonObject{
            {"name", "gus"}, {"until", double(until)}, {"reason", "flooding"}, {"by", "mo"}}}));
    // Lifted: the name and the address.
    QCOMPARE(rooms::errorCode(moderated.mo, "unban", QJsonObject{{"name", "Gus"}}, 4), "");
    QCOMPARE(joinCode(server, "zed"), "");
    QCOMPARE(joinCode(server, "gus"), "");
    QCOMPARE(rooms::errorCode(moderated.mo, "unban", QJsonObject{{"name", "gus"}}, 5),
             "no_such_ban");
    QCOMPARE(rooms::requestData(moderated.mo, "bans", QJsonValue(), 6).value("bans").toArray(),
             QJsonArray());
}

void BansTest::exemptAddressIsNeverBanned()
{
    accounts::Database db;
    ServerConfig config = db.config();
    config.exemptAddresses = {{QHostAddress(QHostAddress::LocalHost), 32}}; // the default's
    moderation::Clock clock;
    Moderated moderated;
    QVERIFY(moderated.start(db, config, clock));
    TestClient gus;
    QVERIFY(!moderation::join(gus, *moderated.server, "gus").isEmpty());
    QCOMPARE(rooms::errorCode(moderated.mo, "ban", QJsonObject{{"name", "gus"}}, 2), "");
    QCOMPARE(nextNamed(gus, "kicked").value("data").toObject(),
             (QJsonObject{{"by", "mo"}, {"reason", ""}, {"until", QJsonValue::Null}}));
    QCOMPARE(closeCode(gus), 4002);
    QCOMPARE(gus.socket.closeReason(), "Banned by mo.");
    // Only the name: a reverse proxy's clients all come from the exempt address.
    const std::vector<Ban> stored = db.bans(clock.at);
    QCOMPARE(stored.size(), size_t(1));
    QCOMPARE(stored.front().address, QString());
    QCOMPARE(stored.front().until, std::optional<qint64>());
    QCOMPARE(joinCode(*moderated.server, "zed"), "");
    QString message;
    QCOMPARE(joinCode(*moderated.server, "gus", &message), "banned");
    QVERIFY2(message.contains("until a moderator lifts the ban"), qPrintable(message));
}

void BansTest::offlineNameTimedBanExpires()
{
    accounts::Database db;
    moderation::Clock clock;
    Moderated moderated;
    QVERIFY(moderated.start(db, db.config(), clock));
    // Never seen, never registered: banned all the same.
    QCOMPARE(rooms::errorCode(moderated.mo, "ban",
                              QJsonObject{{"name", "olga"},
                                          {"minutes", 1},
                                          {"reason", QString("She said \"hi\" \u202Eenil")}},
                              2),
             "");
    const QJsonArray listed =
        rooms::requestData(moderated.mo, "bans", QJsonValue(), 3).value("bans").toArray();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().toObject().value("until").toInteger(), clock.at + 60'000);
    QCOMPARE(db.bans(clock.at).front().address, QString()); // offline: no address
    QCOMPARE(joinCode(*moderated.server, "olga"), "banned");
    // A minute later (the server's clock moved, nobody sleeps) it has run out.
    clock.advanceMinutes(1);
    QCOMPARE(joinCode(*moderated.server, "olga"), "");
    QCOMPARE(db.banRows(), 1); // expired, not yet purged
    QCOMPARE(rooms::requestData(moderated.mo, "bans", QJsonValue(), 4).value("bans").toArray(),
             QJsonArray());
    QCOMPARE(db.banRows(), 0); // purged on listing
    QCOMPARE(rooms::errorCode(moderated.mo, "unban", QJsonObject{{"name", "olga"}}, 5),
             "no_such_ban");
}

void BansTest::whoMayBanWhom()
{
    accounts::Database db;
    moderation::Clock clock;
    Moderated moderated;
    QVERIFY(moderated.start(db, db.config(), clock));
    QVERIFY(db.addAccount("ada", moderation::password.toUtf8(), Role::Admin));
    // A moderator cannot ban an admin, online or not, however the name is spelled.
    QCOMPARE(rooms::errorCode(moderated.mo, "ban", QJsonObject{{"name", "ada"}}, 2), "forbidden");
    QCOMPARE(rooms::errorCode(moderated.mo, "ban", QJsonObject{{"name", "ADA"}}, 3), "forbidden");
    QCOMPARE(db.banRows(), 0);
    // A guest may do none of it.
    TestClient gus;
    QVERIFY(!moderation::join(gus, *moderated.server, "gus").isEmpty());
    QCOMPARE(rooms::errorCode(gus, "ban", QJsonObject{{"name", "zed"}}, 2), "forbidden");
    QCOMPARE(rooms::errorCode(gus, "unban", QJsonObject{{"name", "zed"}}, 3), "forbidden");
    QCOMPARE(rooms::errorCode(gus, "bans", QJsonValue(), 4), "forbidden");
    // An admin may ban a moderator.
    TestClient ada;
    QVERIFY(!moderation::join(ada, *moderated.server, "ada", moderation::password).isEmpty());
    QCOMPARE(rooms::errorCode(ada, "ban", QJsonObject{{"name", "mo"}, {"minutes", 5}}, 2), "");
    QCOMPARE(closeCode(moderated.mo), 4002);
}

void BansTest::badBans()
{
    accounts::Database db;
    ServerConfig config = db.config();
    config.maxBanMinutes = 60; // moderation/max_ban_minutes
    moderation::Clock clock;
    Moderated moderated;
    QVERIFY(moderated.start(db, config, clock));
    TestClient &mo = moderated.mo;
    QCOMPARE(rooms::errorCode(mo, "ban", QJsonObject{{"name", "x"}, {"minutes", 61}}, 2),
             "bad_request");
    QCOMPARE(rooms::errorCode(mo, "ban", QJsonObject{{"name", "x"}, {"minutes", -1}}, 3),
             "bad_request");
    QCOMPARE(rooms::errorCode(mo, "ban", QJsonObject{{"name", "x"}, {"minutes", 1e300}}, 4),
             "bad_request");
    QCOMPARE(rooms::errorCode(mo, "ban", QJsonObject{{"name", "   "}}, 5), "bad_request");
    QCOMPARE(rooms::errorCode(mo, "ban", QJsonObject{{"name", "Mo"}}, 6), "bad_request");
    QCOMPARE(rooms::errorCode(mo, "ban", QJsonObject{{"name", "x"}, {"reason", "a\nb"}}, 7),
             "bad_request");
    QCOMPARE(
        rooms::errorCode(mo, "ban", QJsonObject{{"name", "x"}, {"reason", QString(201, 'r')}}, 8),
        "bad_request");
    QCOMPARE(db.banRows(), 0);
    QVERIFY(!mo.disconnected);
    QCOMPARE(rooms::errorCode(mo, "ban", QJsonObject{{"name", "x"}, {"minutes", 60}}, 9), "");
    QCOMPARE(db.bans(clock.at).front().until, std::optional<qint64>(clock.at + 3'600'000));
}

void BansTest::banSurvivesRestart()
{
    accounts::Database db;
    moderation::Clock clock;
    {
        Moderated moderated;
        QVERIFY(moderated.start(db, db.config(), clock));
        QCOMPARE(rooms::errorCode(moderated.mo, "ban",
                                  QJsonObject{{"name", "pat"}, {"reason", "for good"}}, 2),
                 "");
    }
    const auto server = startServer(db.config());
    QVERIFY(server);
    QString message;
    QCOMPARE(joinCode(*server, "pat", &message), "banned");
    QVERIFY2(message.contains("for good") && message.contains("lifts"), qPrintable(message));
    TestClient mo;
    QVERIFY(!moderation::join(mo, *server, "mo", moderation::password).isEmpty());
    QCOMPARE(
        rooms::requestData(mo, "bans", QJsonValue(), 2).value("bans").toArray(),
        (QJsonArray{QJsonObject{
            {"name", "pat"}, {"until", QJsonValue::Null}, {"reason", "for good"}, {"by", "mo"}}}));
}

void BansTest::auditLines()
{
    // Runs last: the bans above left their lines.
    const QStringList lines = moderation::LogCapture::lines("chat.server.audit");
    const auto has = [&lines](const QString &start, const QString &part = {}) {
        return std::any_of(lines.cbegin(), lines.cend(), [&](const QString &line) {
            return line.startsWith(start) && line.contains(part);
        });
    };
    QVERIFY2(has("chat.server.audit: ban: by \"mo\" (moderator) of \"gus\" (user) until 20",
                 "(was online) address: 127.0.0.1 reason: \"flooding\""),
             qPrintable(lines.join('\n')));
    QVERIFY2(has("chat.server.audit: ban: by \"mo\" (moderator) of \"gus\" (user) until lifted",
                 "address: none"),
             qPrintable(lines.join('\n')));
    // User text escaped: quotes and the bidi override cannot disguise the line.
    QVERIFY2(has("chat.server.audit: ban: by \"mo\" (moderator) of \"olga\" (user)",
                 "(offline) address: none reason: \"She said \\\"hi\\\" \\u202eenil\""),
             qPrintable(lines.join('\n')));
    QVERIFY2(has("chat.server.audit: unban: by \"mo\" (moderator) of \"Gus\""),
             qPrintable(lines.join('\n')));
    QVERIFY2(has("chat.server.audit: ban: by \"ada\" (admin) of \"mo\" (moderator)"),
             qPrintable(lines.join('\n')));
    QVERIFY2(has("chat.server.audit: refused: \"gus\" (user) may not ban"),
             qPrintable(lines.join('\n')));
    for (const QString &line : lines)
        QVERIFY2(!line.contains(moderation::password), qPrintable(line));
}

QTEST_GUILESS_MAIN(BansTest)
#include "tst_bans.moc"
