// Feature "accounts", moderation, through real sockets (protocol-v2.md): User objects with
// "registered" and "role" for accounts clients only, kick (who may, on whom, what the kicked
// client sees, on another worker thread), the audit log, and clients without the feature.
// Bans are tst_bans'.
#include "audittext.h"
#include "moderation.h"
#include "moderationfixture.h"

#include <QtTest>

using namespace chat::server;
using moderation::closeCode;
using moderation::members;
using moderation::nextNamed;
using moderation::userNamed;

namespace {
const QStringList v1Members{"key", "name"};
const QStringList accountsMembers{"key", "name", "registered", "role"};
} // namespace

class ModerationTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void usersCarryAccountsForAccountsClientsOnly();
    void registeringShowsInLaterJoins();
    void kickByModerator();
    void kickedV1ClientSeesTheReason();
    void kickRefusals();
    void kickReasonLimits();
    void kickOnAnotherWorker();
    void kickedSessionIsNotHeld();
    void requestsOfClientsWithoutTheFeature();
    void memoryDatabaseHasNoModerators();
    void auditTextEscapes_data();
    void auditTextEscapes();
    void auditLines();

private:
    // A server on a database with the accounts ada (admin) and mo (moderator).
    struct Staffed
    {
        accounts::Database db;
        std::unique_ptr<ChatServer> server;
        bool start(ServerConfig config)
        {
            server = startServer(config);
            return server && db.addAccount("ada", moderation::password.toUtf8(), Role::Admin) &&
                   db.addAccount("mo", moderation::password.toUtf8(), Role::Moderator);
        }
    };
};

void ModerationTest::initTestCase()
{
    moderation::LogCapture::install();
}

void ModerationTest::usersCarryAccountsForAccountsClientsOnly()
{
    Staffed staffed;
    QVERIFY(staffed.start(staffed.db.config()));
    ChatServer &server = *staffed.server;
    TestClient vic; // v1
    QVERIFY(!rooms::joinV1(vic, server, "vic").isEmpty());
    TestClient ron; // rooms only
    QVERIFY(!rooms::joinRooms(ron, server, "ron").isEmpty());
    TestClient mo; // accounts: a moderator
    const QJsonObject moAck = moderation::join(mo, server, "mo", moderation::password);
    QVERIFY(!moAck.isEmpty());
    // The join ack's users, for an accounts client: with their accounts.
    const QJsonArray users = moAck.value("users").toArray();
    QCOMPARE(users.size(), 3);
    for (const QJsonValue &user : users)
        QCOMPARE(members(user), accountsMembers);
    QCOMPARE(userNamed(users, "mo").value("role").toString(), "moderator");
    QCOMPARE(userNamed(users, "mo").value("registered").toBool(), true);
    QCOMPARE(userNamed(users, "vic").value("role").toString(), "user");
    QCOMPARE(userNamed(users, "vic").value("registered").toBool(), false);
    // `user connected` of mo: with the account for accounts clients, exactly v1's for the others.
    for (TestClient *other : {&vic, &ron}) {
        QJsonObject connected;
        do // vic saw ron come first
            connected = nextNamed(*other, "user connected");
        while (!connected.isEmpty() &&
               connected.value("data").toObject().value("name").toString() != "mo");
        QCOMPARE(members(connected.value("data")), v1Members);
    }
    // A rooms + accounts guest: its RoomState's users have accounts; mo is told it came.
    TestClient gus;
    const QJsonObject gusAck =
        moderation::join(gus, server, "gus", {}, QStringList{"rooms", "accounts"});
    QVERIFY(!gusAck.isEmpty());
    for (const QJsonValue &user : gusAck.value("users").toArray())
        QCOMPARE(members(user), accountsMembers);
    const QJsonObject general = rooms::roomState(gusAck.value("rooms").toArray(), "general");
    QCOMPARE(general.value("users").toArray().size(), 4);
    for (const QJsonValue &user : general.value("users").toArray())
        QCOMPARE(members(user), accountsMembers);
    QCOMPARE(userNamed(general.value("users").toArray(), "mo").value("role").toString(),
             "moderator");
    const QJsonObject gusConnected = nextNamed(mo, "user connected");
    QCOMPARE(gusConnected.value("data").toObject(), (QJsonObject{{"key", gusAck.value("key")},
                                                                 {"name", "gus"},
                                                                 {"registered", false},
                                                                 {"role", "user"}}));
    // The others' view of the same: the RoomState ron gets on entering general again, and the
    // `enter` ack of a room gus creates.
    const QJsonObject ronGeneral =
        rooms::requestData(ron, "enter", QJsonObject{{"room", "general"}}, 2);
    for (const QJsonValue &user : ronGeneral.value("room").toObject().value("users").toArray())
        QCOMPARE(members(user), v1Members);
    const QJsonObject gusRoom = rooms::requestData(gus, "enter", QJsonObject{{"room", "den"}}, 2);
    QCOMPARE(members(gusRoom.value("room").toObject().value("users").toArray().first()),
             accountsMembers);
    // `user disconnected` likewise.
    gus.socket.close();
    const QJsonObject gone = nextNamed(mo, "user disconnected");
    QCOMPARE(members(gone.value("data")), accountsMembers);
    QCOMPARE(gone.value("data").toObject().value("name").toString(), "gus");
    for (TestClient *other : {&vic, &ron}) {
        const QJsonObject disconnected = nextNamed(*other, "user disconnected");
        QCOMPARE(disconnected.value("data").toObject().value("name").toString(), "gus");
        QCOMPARE(members(disconnected.value("data")), v1Members);
    }
}

void ModerationTest::registeringShowsInLaterJoins()
{
    accounts::Database db;
    const auto server = startServer(db.config());
    QVERIFY(server);
    TestClient erin;
    QVERIFY(!moderation::join(erin, *server, "erin", {}, {"rooms", "accounts"}).isEmpty());
    QCOMPARE(rooms::errorCode(erin, "register", QJsonObject{{"password", "erin-password-1"}}, 2),
             "");
    TestClient next;
    const QJsonObject ack = moderation::join(next, *server, "next", {}, {"rooms", "accounts"});
    QCOMPARE(userNamed(ack.value("users").toArray(), "erin").value("registered").toBool(), true);
    const QJsonObject general = rooms::roomState(ack.value("rooms").toArray(), "general");
    QCOMPARE(userNamed(general.value("users").toArray(), "erin").value("registered").toBool(),
             true);
    // A v1 client's view does not change.
    TestClient vic;
    const QJsonObject v1Ack = rooms::joinV1(vic, *server, "vic");
    QCOMPARE(userNamed(v1Ack.value("users").toArray(), "erin"),
             (QJsonObject{{"key", userNamed(ack.value("users").toArray(), "erin").value("key")},
                          {"name", "erin"}}));
}

void ModerationTest::kickByModerator()
{
    Staffed staffed;
    QVERIFY(staffed.start(staffed.db.config()));
    TestClient mo;
    QVERIFY(!moderation::join(mo, *staffed.server, "mo", moderation::password).isEmpty());
    TestClient gus;
    const QJsonObject gusAck = moderation::join(gus, *staffed.server, "gus");
    QVERIFY(!gusAck.isEmpty());
    TestClient vic;
    QVERIFY(!rooms::joinV1(vic, *staffed.server, "vic").isEmpty());
    QCOMPARE(rooms::errorCode(mo, "kick",
                              QJsonObject{{"key", gusAck.value("key")}, {"reason", "spamming"}}, 2),
             "");
    // gus is told who and why, then closed with 4001 and a reason to show.
    const QJsonObject kicked = nextNamed(gus, "kicked");
    QCOMPARE(kicked.value("data").toObject(), (QJsonObject{{"by", "mo"}, {"reason", "spamming"}}));
    QCOMPARE(closeCode(gus), 4001);
    QCOMPARE(gus.socket.closeReason(), "Kicked by mo: spamming");
    // The others see it leave as anyone leaves.
    const QJsonObject gone = nextNamed(vic, "user disconnected");
    QCOMPARE(gone.value("data").toObject().value("name").toString(), "gus");
    QTRY_COMPARE(staffed.server->userCount(), 2);
    // Its name is free again.
    TestClient again;
    QVERIFY(!moderation::join(again, *staffed.server, "gus").isEmpty());
}

void ModerationTest::kickedV1ClientSeesTheReason()
{
    Staffed staffed;
    QVERIFY(staffed.start(staffed.db.config()));
    TestClient vic;
    const QJsonObject vicAck = rooms::joinV1(vic, *staffed.server, "vic");
    QVERIFY(!vicAck.isEmpty());
    TestClient ada;
    QVERIFY(!moderation::join(ada, *staffed.server, "ada", moderation::password).isEmpty());
    const QString reason = QString(150, QChar(0xE9)); // 300 bytes of UTF-8: cut
    QCOMPARE(rooms::errorCode(ada, "kick",
                              QJsonObject{{"key", vicAck.value("key")}, {"reason", reason}}, 2),
             "");
    QCOMPARE(closeCode(vic), 4001);
    // A v1 client gets no `kicked` (not v1), only the close with its reason, cut to 123 bytes
    // on a character boundary.
    for (const QJsonObject &frame : vic.received)
        QVERIFY(frame.value("event").toString() != "kicked");
    const QString shown = vic.socket.closeReason();
    QVERIFY2(shown.startsWith("Kicked by ada: \u00e9\u00e9"), qPrintable(shown));
    QVERIFY(shown.endsWith(QChar(0x2026)));
    QVERIFY(shown.toUtf8().size() <= 123);
}

void ModerationTest::kickRefusals()
{
    Staffed staffed;
    QVERIFY(staffed.start(staffed.db.config()));
    TestClient ada;
    const QJsonObject adaAck = moderation::join(ada, *staffed.server, "ada", moderation::password);
    TestClient mo;
    const QJsonObject moAck = moderation::join(mo, *staffed.server, "mo", moderation::password);
    TestClient gus;
    const QJsonObject gusAck = moderation::join(gus, *staffed.server, "gus");
    QVERIFY(!adaAck.isEmpty() && !moAck.isEmpty() && !gusAck.isEmpty());
    // A user (a guest here) may not.
    QCOMPARE(rooms::errorCode(gus, "kick", QJsonObject{{"key", moAck.value("key")}}, 2),
             "forbidden");
    // A moderator may not kick an admin.
    QCOMPARE(rooms::errorCode(mo, "kick", QJsonObject{{"key", adaAck.value("key")}}, 2),
             "forbidden");
    QCOMPARE(rooms::errorCode(mo, "kick", QJsonObject{{"key", "no-such-key"}}, 3), "no_such_user");
    QCOMPARE(rooms::errorCode(mo, "kick", QJsonObject{{"key", moAck.value("key")}}, 4),
             "bad_request");
    QCOMPARE(rooms::errorCode(mo, "kick", QJsonObject{{"nokey", 1}}, 5), "bad_request");
    // Nobody was removed by any of that.
    QCOMPARE(staffed.server->userCount(), 3);
    QVERIFY(!ada.disconnected && !mo.disconnected && !gus.disconnected);
    // An admin may kick a moderator.
    QCOMPARE(rooms::errorCode(ada, "kick", QJsonObject{{"key", moAck.value("key")}}, 2), "");
    QCOMPARE(closeCode(mo), 4001);
    QCOMPARE(nextNamed(mo, "kicked").value("data").toObject(),
             (QJsonObject{{"by", "ada"}, {"reason", ""}}));
    QCOMPARE(mo.socket.closeReason(), "Kicked by ada.");
}

void ModerationTest::kickReasonLimits()
{
    Staffed staffed;
    ServerConfig config = staffed.db.config();
    config.maxReasonCodePoints = 10; // moderation/max_reason_length
    QVERIFY(staffed.start(config));
    TestClient mo;
    const QJsonObject moAck = moderation::join(mo, *staffed.server, "mo", moderation::password);
    QCOMPARE(moAck.value("limits").toObject().value("maxReasonLength").toInt(), 10);
    TestClient gus;
    const QJsonObject gusAck = moderation::join(gus, *staffed.server, "gus");
    const QJsonValue key = gusAck.value("key");
    QCOMPARE(rooms::errorCode(mo, "kick", QJsonObject{{"key", key}, {"reason", "eleven char"}}, 2),
             "bad_request");
    QCOMPARE(rooms::errorCode(mo, "kick", QJsonObject{{"key", key}, {"reason", "two\nlines"}}, 3),
             "bad_request");
    QVERIFY(!gus.disconnected);
    // Trimmed first: ten code points with blanks around them are fine.
    QCOMPARE(
        rooms::errorCode(mo, "kick", QJsonObject{{"key", key}, {"reason", "  ten chars!  "}}, 4),
        "");
    QCOMPARE(nextNamed(gus, "kicked").value("data").toObject().value("reason").toString(),
             "ten chars!");
    // Not sent to clients without the feature.
    TestClient vic;
    QVERIFY(!rooms::joinV1(vic, *staffed.server, "vic")
                 .value("limits")
                 .toObject()
                 .contains("maxReasonLength"));
}

void ModerationTest::kickOnAnotherWorker()
{
    // Two workers take the connections in turn: the moderator's (first) and the target's
    // (second) are served by different threads.
    Staffed staffed;
    ServerConfig config = staffed.db.config();
    config.workerThreads = 2;
    QVERIFY(staffed.start(config));
    TestClient mo;
    QVERIFY(!moderation::join(mo, *staffed.server, "mo", moderation::password).isEmpty());
    TestClient gus;
    const QJsonObject gusAck = moderation::join(gus, *staffed.server, "gus");
    QCOMPARE(rooms::errorCode(mo, "kick", QJsonObject{{"key", gusAck.value("key")}}, 2), "");
    QCOMPARE(nextNamed(gus, "kicked").value("data").toObject().value("by").toString(), "mo");
    QCOMPARE(closeCode(gus), 4001);
    QCOMPARE(nextNamed(mo, "user disconnected").value("data").toObject().value("name"), "gus");
}

void ModerationTest::kickedSessionIsNotHeld()
{
    Staffed staffed;
    QVERIFY(staffed.start(staffed.db.config()));
    TestClient mo;
    QVERIFY(!moderation::join(mo, *staffed.server, "mo", moderation::password).isEmpty());
    TestClient gus; // resumable
    const QJsonObject gusAck =
        moderation::join(gus, *staffed.server, "gus", {}, {"accounts", "resume"});
    QCOMPARE(rooms::errorCode(mo, "kick", QJsonObject{{"key", gusAck.value("key")}}, 2), "");
    QCOMPARE(closeCode(gus), 4001);
    QCOMPARE(staffed.server->heldUserCount(), 0);
    QTRY_COMPARE(staffed.server->userCount(), 1);
    // Its token resumes nothing: a fresh join, a new key.
    TestClient back;
    QVERIFY(back.open(serverUrl(*staffed.server)));
    QJsonObject data = rooms::joinData("gus", {"accounts", "resume"});
    data.insert("token", gusAck.value("token"));
    const QJsonObject ack = rooms::requestData(back, "join", data, 1);
    QCOMPARE(ack.value("resumed").toBool(), false);
    QVERIFY(ack.value("key") != gusAck.value("key"));
}

void ModerationTest::requestsOfClientsWithoutTheFeature()
{
    Staffed staffed;
    QVERIFY(staffed.start(staffed.db.config()));
    TestClient vic;
    const QJsonObject vicAck = rooms::joinV1(vic, *staffed.server, "vic");
    TestClient ron;
    QVERIFY(!rooms::joinRooms(ron, *staffed.server, "ron").isEmpty());
    for (TestClient *client : {&vic, &ron}) {
        QCOMPARE(rooms::errorCode(*client, "kick", QJsonObject{{"key", vicAck.value("key")}}, 2),
                 "unknown_event");
        QCOMPARE(rooms::errorCode(*client, "ban", QJsonObject{{"name", "x"}}, 3), "unknown_event");
        QCOMPARE(rooms::errorCode(*client, "unban", QJsonObject{{"name", "x"}}, 4),
                 "unknown_event");
        QCOMPARE(rooms::errorCode(*client, "bans", QJsonValue(), 5), "unknown_event");
    }
}

void ModerationTest::memoryDatabaseHasNoModerators()
{
    ServerConfig config = rooms::scriptedConfig();
    config.databasePath = QStringLiteral(":memory:");
    const auto server = startServer(config);
    QVERIFY(server);
    TestClient a;
    QVERIFY(!moderation::join(a, *server, "a", "any-password-1").isEmpty());
    TestClient b;
    const QJsonObject bAck = moderation::join(b, *server, "b");
    QCOMPARE(rooms::errorCode(a, "kick", QJsonObject{{"key", bAck.value("key")}}, 2), "forbidden");
    QCOMPARE(rooms::errorCode(a, "ban", QJsonObject{{"name", "b"}}, 3), "forbidden");
    QCOMPARE(rooms::errorCode(a, "unban", QJsonObject{{"name", "b"}}, 4), "forbidden");
    QCOMPARE(rooms::errorCode(a, "bans", QJsonValue(), 5), "forbidden");
}

void ModerationTest::auditTextEscapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("logged");
    QTest::newRow("plain") << "spam"
                           << "\"spam\"";
    QTest::newRow("a forged line")
        << QString("x\n2026-01-01 chat.server.audit: ban: by \"ada\"")
        << QString("\"x\\n2026-01-01 chat.server.audit: ban: by \\\"ada\\\"\"");
    QTest::newRow("carriage return, tab, backslash") << QString("a\r\tb\\") << "\"a\\r\\tb\\\\\"";
    QTest::newRow("escape sequence") << QString("\x1b[2J") << "\"\\u001b[2J\"";
    QTest::newRow("bidi override") << QString("abc\u202Efed") << "\"abc\\u202efed\"";
    QTest::newRow("line separator") << QString("a\u2028b") << "\"a\\u2028b\"";
    QTest::newRow("emoji stays") << QString::fromUtf8("\xF0\x9F\x98\x80")
                                 << QString::fromUtf8("\"\xF0\x9F\x98\x80\"");
}

void ModerationTest::auditTextEscapes()
{
    QFETCH(QString, text);
    QFETCH(QString, logged);
    QCOMPARE(audit::quoted(text), logged);
}

void ModerationTest::auditLines()
{
    // Runs after the kicks above: each left a line, and the refusals a debug line.
    const QStringList lines = moderation::LogCapture::lines("chat.server.audit");
    QVERIFY2(lines.contains("chat.server.audit: kick: by \"mo\" (moderator) of \"gus\" (user) "
                            "reason: \"spamming\""),
             qPrintable(lines.join('\n')));
    QVERIFY2(lines.contains("chat.server.audit: refused: \"gus\" (user) may not kick"),
             qPrintable(lines.join('\n')));
    QVERIFY(std::any_of(lines.cbegin(), lines.cend(), [](const QString &line) {
        return line.startsWith("chat.server.audit: kick: by \"ada\" (admin) of \"mo\" (moderator)");
    }));
    for (const QString &line : lines) {
        QVERIFY2(!line.contains('\n') && !line.contains('\r'), qPrintable(line));
        QVERIFY2(!line.contains(moderation::password), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(ModerationTest)
#include "tst_moderation.moc"
