// `delete` (feature "accounts", protocol-v2.md) through real sockets: who may delete what (one's
// own by session or account, moderators but not on admins, admins), who is told (`message
// deleted` to rooms and accounts clients, never to v1 clients nor the deleter; a private
// message's other end), and that the message is gone everywhere: history pages, join and resume
// histories, private inboxes, the database across a restart, also when only the database held
// it, and without a database. The audit log's line.
#include "audittext.h"
#include "deletionfixture.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QtTest>

using namespace chat::server;
using deletion::deleteMessage;
using deletion::ids;
using deletion::joinAs;
using deletion::password;
using deletion::say;
using deletion::whisper;

namespace {
// Everything the process logs while a test runs (the server is in this process).
QMutex logMutex;
QStringList logLines;
void collect(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    QMutexLocker lock(&logMutex);
    logLines << QString::fromLatin1(context.category ? context.category : "") + ": " + message;
}
QStringList loggedLines()
{
    QMutexLocker lock(&logMutex);
    return logLines;
}

// The events (not acks) `client` received before the `new chat msg` whose text is `marker`;
// {"timeout"} when that message did not come.
QList<QJsonObject> eventsBefore(TestClient &client, const QString &marker)
{
    QList<QJsonObject> events;
    for (;;) {
        const QJsonObject frame = rooms::nextEvent(client);
        if (frame.isEmpty())
            return {QJsonObject{{"event", "timeout"}}};
        if (frame.value("event") == "new chat msg" &&
            frame.value("data").toObject().value("message") == marker)
            return events;
        events << frame;
    }
}

// The first event named `name` that `client` receives, the others skipped; {} on a timeout.
QJsonObject firstOf(TestClient &client, const QString &name)
{
    for (;;) {
        const QJsonObject frame = rooms::nextEvent(client);
        if (frame.isEmpty() || frame.value("event") == name)
            return frame;
    }
}

QJsonObject deletedEvent(qint64 id, const QString &room, const QString &by)
{
    QJsonObject data{{"id", id}, {"by", by}};
    if (!room.isEmpty())
        data.insert("room", room);
    return {{"event", "message deleted"}, {"data", data}};
}

// The server's database with the accounts the tests use: ann and bea users, mod a moderator,
// boss an admin (one hash made once: a login costs a verification of it).
struct Accounts
{
    accounts::Database db;
    std::unique_ptr<ChatServer> server;

    bool start(ServerConfig config)
    {
        server = startServer(config);
        if (!server)
            return false;
        static const QByteArray hash = [] {
            QByteArray copy = password.toUtf8();
            return *passwords::hash(copy, PasswordCost::standard());
        }();
        return db.addAccountWithHash("ann", hash) && db.addAccountWithHash("bea", hash) &&
               db.addAccountWithHash("mod", hash, Role::Moderator) &&
               db.addAccountWithHash("boss", hash, Role::Admin);
    }
    bool start() { return start(db.config()); }
};
} // namespace

class DeletionTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void ownMessages();
    void moderatorsAndAdmins();
    void whoIsTold();
    void privateMessages();
    void goneFromHistoriesAndAfterARestart();
    void messageOnlyInTheDatabase();
    void withoutADatabase();
    void auditLine();
    void auditTextEscapes_data();
    void auditTextEscapes();
    void clientsWithoutTheFeature();
};

void DeletionTest::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("chat.server.audit.debug=true"));
    qInstallMessageHandler(collect);
}

void DeletionTest::init()
{
    QMutexLocker lock(&logMutex);
    logLines.clear();
}

void DeletionTest::ownMessages()
{
    Accounts accounts;
    QVERIFY(accounts.start());
    ChatServer &server = *accounts.server;
    TestClient gus, ann, other;
    QVERIFY(!joinAs(gus, server, "gus").isEmpty()); // a guest
    // A guest deletes its own message in the same session.
    const qint64 first = say(gus, "typo", 2);
    QVERIFY(first > 0);
    QCOMPARE(deleteMessage(gus, first, 3), "");
    // Deleted: there is no such message any more.
    QCOMPARE(deleteMessage(gus, first, 4), "no_such_message");
    QCOMPARE(deleteMessage(gus, 999'999, 5), "no_such_message");
    const qint64 second = say(gus, "kept", 6);
    QVERIFY(second > first);

    // The same guest name in a new session is not the same author.
    gus.socket.close();
    QTRY_COMPARE(server.userCount(), 0);
    TestClient gusAgain;
    QVERIFY(!joinAs(gusAgain, server, "gus").isEmpty());
    QCOMPARE(deleteMessage(gusAgain, second, 2), "forbidden");

    // A registered author deletes from a later session (the same account).
    QVERIFY(!joinAs(ann, server, "ann", password).isEmpty());
    const qint64 anns = say(ann, "from the first session", 2);
    ann.socket.close();
    QTRY_COMPARE(server.userCount(), 1);
    TestClient annAgain;
    QVERIFY(!joinAs(annAgain, server, "ANN", password).isEmpty());
    // A user may not delete another's message.
    QCOMPARE(deleteMessage(annAgain, second, 2), "forbidden");
    QCOMPARE(deleteMessage(annAgain, anns, 3), "");

    // A guest's message written before it registered stays a guest's: the account does not
    // own it (the database recorded no account for it).
    QVERIFY(!joinAs(other, server, "nora").isEmpty());
    const qint64 asGuest = say(other, "before registering", 2);
    QCOMPARE(rooms::request(other, "register", QJsonObject{{"password", password}}, 3)
                 .value("error")
                 .toObject()
                 .value("code")
                 .toString(),
             "");
    const qint64 asAccount = say(other, "after registering", 4);
    other.socket.close();
    QTRY_COMPARE(server.userCount(), 2);
    TestClient noraAgain;
    QVERIFY(!joinAs(noraAgain, server, "nora", password).isEmpty());
    QCOMPARE(deleteMessage(noraAgain, asGuest, 2), "forbidden");
    QCOMPARE(deleteMessage(noraAgain, asAccount, 3), "");
}

void DeletionTest::moderatorsAndAdmins()
{
    Accounts accounts;
    QVERIFY(accounts.start());
    ChatServer &server = *accounts.server;
    TestClient ann, bea, mod, boss, gus;
    QVERIFY(!joinAs(ann, server, "ann", password).isEmpty());
    QVERIFY(!joinAs(bea, server, "bea", password).isEmpty());
    QVERIFY(!joinAs(mod, server, "mod", password).isEmpty());
    QVERIFY(!joinAs(boss, server, "boss", password).isEmpty());
    QVERIFY(!joinAs(gus, server, "gus").isEmpty());
    const qint64 anns = say(ann, "a user's", 2);
    const qint64 guests = say(gus, "a guest's", 2);
    const qint64 bosss = say(boss, "an admin's", 2);
    const qint64 mods = say(mod, "a moderator's", 2);
    const qint64 beas = say(bea, "soon an admin's", 2);
    const qint64 other = say(ann, "another of a user's", 3);

    // A moderator: a user's and a guest's, not an admin's.
    QCOMPARE(deleteMessage(mod, anns, 3, "off topic"), "");
    QCOMPARE(deleteMessage(mod, guests, 4), "");
    QCOMPARE(deleteMessage(mod, bosss, 5), "forbidden");
    // The author's role is the account's now: bea made admin by the operator meanwhile.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "role-change");
        db.setDatabaseName(accounts.db.path());
        QVERIFY(db.open());
        QSqlQuery update(db);
        QVERIFY(update.exec("UPDATE accounts SET role = 'admin' WHERE name = 'bea'"));
    }
    QSqlDatabase::removeDatabase("role-change");
    QCOMPARE(deleteMessage(mod, beas, 6), "forbidden");
    // A user: not another's.
    QCOMPARE(deleteMessage(bea, other, 4), "forbidden");
    // An admin: any, a moderator's and another admin's included.
    QCOMPARE(deleteMessage(boss, mods, 3), "");
    QCOMPARE(deleteMessage(boss, beas, 4), "");
    QCOMPARE(deleteMessage(boss, other, 5), "");
    QCOMPARE(deleteMessage(boss, other, 6), "no_such_message");
}

void DeletionTest::whoIsTold()
{
    Accounts accounts;
    QVERIFY(accounts.start());
    ChatServer &server = *accounts.server;
    // ann writes, mod deletes; rita lists only "rooms", alf only "accounts", vic nothing; pat
    // (v1) posts the markers that close each step.
    TestClient ann, mod, rita, alf, vic, pat;
    QVERIFY(!joinAs(ann, server, "ann", password, {"rooms", "accounts"},
                    {{"rooms", QJsonArray{"general", "Dev"}}})
                 .isEmpty());
    QVERIFY(!joinAs(mod, server, "mod", password, {"rooms", "accounts"},
                    {{"rooms", QJsonArray{"general", "dev"}}})
                 .isEmpty());
    QVERIFY(!joinAs(rita, server, "rita", {}, {"rooms"}, {{"rooms", QJsonArray{"general", "dev"}}})
                 .isEmpty());
    QVERIFY(!joinAs(alf, server, "alf", {}, {"accounts"}).isEmpty());
    QVERIFY(rooms::joinV1(vic, server, "vic").value("key").isString());
    QVERIFY(rooms::joinV1(pat, server, "pat").value("key").isString());
    const QList<TestClient *> everyone{&ann, &mod, &rita, &alf, &vic};
    const auto step = [&](const QString &marker) {
        QVERIFY(say(pat, marker, 10) > 0);
    };

    // A message of general: its rooms and accounts clients are told, not v1 clients, not the
    // deleter.
    const qint64 general = say(ann, "in general", 2);
    step("ready");
    for (TestClient *client : everyone)
        eventsBefore(*client, "ready");
    QCOMPARE(deleteMessage(mod, general, 3, "spam"), "");
    step("after general");
    const QJsonObject told = deletedEvent(general, "general", "mod");
    QCOMPARE(eventsBefore(ann, "after general"), QList<QJsonObject>{told});
    QCOMPARE(eventsBefore(rita, "after general"), QList<QJsonObject>{told});
    QCOMPARE(eventsBefore(alf, "after general"), QList<QJsonObject>{told});
    QCOMPARE(eventsBefore(vic, "after general"), QList<QJsonObject>{});
    QCOMPARE(eventsBefore(mod, "after general"), QList<QJsonObject>{});

    // A message of Dev: its members (with the room's spelling), nobody else.
    const qint64 dev = say(ann, "in dev", 3, "dev");
    QVERIFY(dev > 0);
    QCOMPARE(deleteMessage(mod, dev, 4), "");
    step("after dev");
    const QJsonObject toldDev = deletedEvent(dev, "Dev", "mod");
    QCOMPARE(eventsBefore(ann, "after dev"), QList<QJsonObject>{toldDev});
    const QList<QJsonObject> ritas = eventsBefore(rita, "after dev"); // ann's message, then
    QCOMPARE(ritas.size(), 2);
    QCOMPARE(ritas.last(), toldDev);
    QCOMPARE(eventsBefore(alf, "after dev"), QList<QJsonObject>{});
    QCOMPARE(eventsBefore(vic, "after dev"), QList<QJsonObject>{});
    QCOMPARE(eventsBefore(mod, "after dev").size(), 1); // ann's message; not its own deletion
    // The author deleting its own: the others are told, `by` the author.
    const qint64 own = say(ann, "mine", 4);
    QCOMPARE(deleteMessage(ann, own, 5), "");
    step("after own");
    QCOMPARE(eventsBefore(mod, "after own").last(), deletedEvent(own, "general", "ann"));
    QCOMPARE(eventsBefore(ann, "after own"), QList<QJsonObject>{});
}

void DeletionTest::privateMessages()
{
    Accounts accounts;
    QVERIFY(accounts.start());
    ChatServer &server = *accounts.server;
    TestClient ann, bea, gus, mod;
    const QString beaKey = joinAs(bea, server, "bea", password).value("key").toString();
    QVERIFY(!joinAs(ann, server, "ann", password).isEmpty());
    const QString gusKey = joinAs(gus, server, "gus").value("key").toString();
    QVERIFY(!joinAs(mod, server, "mod", password).isEmpty());

    // The author deletes: the recipient is told, without a room.
    const qint64 first = whisper(ann, beaKey, "psst", 2);
    QCOMPARE(firstOf(bea, "private msg").value("data").toObject().value("id").toInteger(), first);
    QCOMPARE(deleteMessage(ann, first, 3), "");
    QCOMPARE(rooms::nextEvent(bea), deletedEvent(first, {}, "ann"));
    // The recipient is not the author.
    const qint64 second = whisper(ann, beaKey, "again", 4);
    QCOMPARE(rooms::nextEvent(bea).value("event").toString(), "private msg");
    QCOMPARE(deleteMessage(bea, second, 2), "forbidden");
    // A moderator deletes: both ends are told, the moderator is not.
    const qint64 guests = whisper(gus, beaKey, "from a guest", 2);
    QCOMPARE(rooms::nextEvent(bea).value("event").toString(), "private msg");
    QCOMPARE(deleteMessage(mod, guests, 2), "");
    QCOMPARE(rooms::nextEvent(bea), deletedEvent(guests, {}, "mod"));
    QCOMPARE(firstOf(gus, "message deleted"), deletedEvent(guests, {}, "mod"));
    QVERIFY(say(ann, "marker", 5) > 0);
    for (const QJsonObject &event : eventsBefore(mod, "marker"))
        QVERIFY(event.value("event") != "message deleted");
    // A later session of the recipient's account is told too.
    bea.socket.close();
    QTRY_COMPARE(server.userCount(), 3);
    TestClient beaAgain;
    QVERIFY(!joinAs(beaAgain, server, "bea", password).isEmpty());
    QCOMPARE(deleteMessage(ann, second, 6), "");
    QCOMPARE(rooms::nextEvent(beaAgain), deletedEvent(second, {}, "ann"));
}

void DeletionTest::goneFromHistoriesAndAfterARestart()
{
    Accounts accounts;
    QVERIFY(accounts.start());
    TestClient ann, held;
    QVERIFY(!joinAs(ann, *accounts.server, "ann", password).isEmpty());
    const QJsonObject heldAck =
        joinAs(held, *accounts.server, "held", {}, {"rooms", "accounts", "resume"});
    const QString token = heldAck.value("token").toString();
    const QString heldKey = heldAck.value("key").toString();
    const qint64 seen = say(ann, "seen", 2);
    QCOMPARE(rooms::nextEvent(held).value("event").toString(), "new chat msg");
    held.socket.abort(); // lost: the session is held for its client
    QTRY_COMPARE(accounts.server->heldUserCount(), 1);
    const qint64 gone = say(ann, "gone", 3);
    const qint64 kept = say(ann, "kept", 4);
    const qint64 privateGone = whisper(ann, heldKey, "private, gone", 5);
    const qint64 privateKept = whisper(ann, heldKey, "private, kept", 6);
    QCOMPARE(deleteMessage(ann, gone, 7), "");
    QCOMPARE(deleteMessage(ann, privateGone, 8), "");

    // The resume's missed messages.
    TestClient back;
    const QJsonObject resumed =
        joinAs(back, *accounts.server, "held", {}, {"rooms", "accounts", "resume"},
               {{"token", token}, {"lastSeenId", seen}});
    QCOMPARE(resumed.value("resumed").toBool(), true);
    const QJsonObject general = rooms::roomState(resumed.value("rooms").toArray(), "general");
    QCOMPARE(ids(general.value("history").toArray()), QList<qint64>{kept});
    QCOMPARE(ids(resumed.value("private").toArray()), QList<qint64>{privateKept});
    // A history page, a newcomer's join (rooms and v1).
    const QJsonObject page =
        rooms::requestData(ann, "history", QJsonObject{{"room", "general"}}, 9);
    QCOMPARE(ids(page.value("messages").toArray()), (QList<qint64>{seen, kept}));
    TestClient newcomer, v1;
    const QJsonObject joined = joinAs(newcomer, *accounts.server, "newcomer");
    QCOMPARE(ids(rooms::roomState(joined.value("rooms").toArray(), "general")
                     .value("history")
                     .toArray()),
             (QList<qint64>{seen, kept}));
    QCOMPARE(ids(rooms::joinV1(v1, *accounts.server, "vic").value("history").toArray()),
             (QList<qint64>{seen, kept}));

    // A restart: gone from the database too.
    for (TestClient *client : {&ann, &back, &newcomer, &v1})
        client->socket.close();
    accounts.server.reset();
    accounts.server = startServer(accounts.db.config());
    QVERIFY(accounts.server);
    TestClient after, afterV1;
    const QJsonObject rejoined = joinAs(after, *accounts.server, "ann", password);
    QCOMPARE(ids(rooms::roomState(rejoined.value("rooms").toArray(), "general")
                     .value("history")
                     .toArray()),
             (QList<qint64>{seen, kept}));
    QCOMPARE(ids(rooms::requestData(after, "history", QJsonObject{{"room", "general"}}, 2)
                     .value("messages")
                     .toArray()),
             (QList<qint64>{seen, kept}));
    QCOMPARE(ids(rooms::joinV1(afterV1, *accounts.server, "vic").value("history").toArray()),
             (QList<qint64>{seen, kept}));
    QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "after-restart");
    db.setDatabaseName(accounts.db.path());
    QVERIFY(db.open());
    QSqlQuery rows(db);
    QVERIFY(rows.exec("SELECT id FROM messages ORDER BY id"));
    QList<qint64> stored;
    while (rows.next())
        stored << rows.value(0).toLongLong();
    QCOMPARE(stored, (QList<qint64>{seen, kept, privateKept}));
    rows = QSqlQuery();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase("after-restart");
    // Deleted before the restart: no such message after it.
    QCOMPARE(deleteMessage(after, gone, 3), "no_such_message");
}

void DeletionTest::messageOnlyInTheDatabase()
{
    Accounts accounts;
    ServerConfig config = accounts.db.config();
    config.historySize = 3; // memory holds the last 3 of general
    QVERIFY(accounts.start(config));
    TestClient ann, mod;
    QVERIFY(!joinAs(ann, *accounts.server, "ann", password).isEmpty());
    QVERIFY(!joinAs(mod, *accounts.server, "mod", password).isEmpty());
    QList<qint64> said;
    for (int i = 0; i < 5; ++i)
        said << say(ann, QString("old %1").arg(i), 2 + i);
    QCOMPARE(deleteMessage(ann, said.at(0), 10), "");
    QCOMPARE(deleteMessage(mod, said.at(1), 2, "old spam"), "");
    QCOMPARE(ids(rooms::requestData(ann, "history", QJsonObject{{"room", "general"}}, 11)
                     .value("messages")
                     .toArray()),
             said.mid(2));
    TestClient newcomer;
    const QJsonObject joined = joinAs(newcomer, *accounts.server, "newcomer");
    QCOMPARE(ids(rooms::roomState(joined.value("rooms").toArray(), "general")
                     .value("history")
                     .toArray()),
             said.mid(2));
}

void DeletionTest::withoutADatabase()
{
    ServerConfig config = rooms::scriptedConfig();
    config.databasePath = QStringLiteral(":memory:");
    const auto server = startServer(config);
    QVERIFY(server);
    TestClient gus, hal, mod;
    QVERIFY(!joinAs(gus, *server, "gus").isEmpty());
    const QString halKey = joinAs(hal, *server, "hal").value("key").toString();
    QVERIFY(!joinAs(mod, *server, "mod", password).isEmpty()); // no accounts: a guest
    const qint64 first = say(gus, "one", 2);
    const qint64 second = say(gus, "two", 3);
    QCOMPARE(deleteMessage(hal, first, 2), "forbidden");
    QCOMPARE(deleteMessage(mod, first, 2), "forbidden"); // there are no moderators
    QCOMPARE(deleteMessage(gus, first, 4), "");
    QCOMPARE(deleteMessage(gus, first, 5), "no_such_message");
    QCOMPARE(ids(rooms::requestData(hal, "history", QJsonObject{{"room", "general"}}, 3)
                     .value("messages")
                     .toArray()),
             QList<qint64>{second});
    TestClient newcomer;
    QCOMPARE(ids(rooms::roomState(joinAs(newcomer, *server, "newcomer").value("rooms").toArray(),
                                  "general")
                     .value("history")
                     .toArray()),
             QList<qint64>{second});
    // A private message: its author deletes it; the other end is told.
    const qint64 whispered = whisper(gus, halKey, "psst", 6);
    QCOMPARE(deleteMessage(hal, whispered, 4), "forbidden");
    QCOMPARE(deleteMessage(gus, whispered, 7), "");
    QCOMPARE(firstOf(hal, "message deleted"), deletedEvent(first, "general", "gus"));
    QCOMPARE(firstOf(hal, "message deleted"), deletedEvent(whispered, {}, "gus"));
}

void DeletionTest::auditLine()
{
    Accounts accounts;
    QVERIFY(accounts.start());
    TestClient ann, mod;
    QVERIFY(!joinAs(ann, *accounts.server, "ann", password).isEmpty());
    QVERIFY(!joinAs(mod, *accounts.server, "mod", password).isEmpty());
    const qint64 spam = say(ann, "buy now", 2);
    const qint64 own = say(ann, "mine", 3);
    QCOMPARE(deleteMessage(mod, spam, 2, "spam\nchat.server.audit: forged \"line\""), "");
    QCOMPARE(deleteMessage(ann, own, 4), "");

    const QStringList lines = loggedLines();
    const QStringList audit = lines.filter(QRegularExpression("^chat\\.server\\.audit: "));
    QCOMPARE(audit.size(), 2);
    // Who (name, role), what (id, room), whose, why; the reason's newline and quotes escaped.
    QCOMPARE(audit.at(0),
             QString("chat.server.audit: delete: \"mod\" (moderator) deleted message %1 (room "
                     "\"general\") of \"ann\" (account \"ann\", user); reason \"spam\\nchat.server."
                     "audit: forged \\\"line\\\"\"")
                 .arg(spam));
    for (const QString &line : lines)
        QVERIFY2(!line.contains('\n'), qPrintable(line));
    // One's own deletion: at debug level.
    QCOMPARE(audit.at(1),
             QString("chat.server.audit: delete: \"ann\" deleted its own message %1 (room "
                     "\"general\")")
                 .arg(own));
    // Nothing secret.
    for (const QString &line : lines)
        QVERIFY2(!line.contains(password), qPrintable(line));
}

void DeletionTest::auditTextEscapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << "spam" << "\"spam\"";
    QTest::newRow("quotes and backslashes") << "a \"b\" \\c" << "\"a \\\"b\\\" \\\\c\"";
    QTest::newRow("line breaks") << "a\r\nfake: line\tx" << "\"a\\r\\nfake: line\\tx\"";
    QTest::newRow("other controls") << QString("a") + QChar(0x1b) + "[2J" + QChar(0x85)
                                    << "\"a\\u001b[2J\\u0085\"";
    QTest::newRow("bidi override") << QString("evil") + QChar(0x202e) + "txt"
                                   << "\"evil\\u202etxt\"";
    QTest::newRow("line separator") << QString("a") + QChar(0x2028) + "b" << "\"a\\u2028b\"";
    QTest::newRow("emoji kept") << QString::fromUtf8("ok \xF0\x9F\x91\x8D")
                                << QString::fromUtf8("\"ok \xF0\x9F\x91\x8D\"");
    QTest::newRow("tag character") << QString("a") + QString::fromUcs4(U"\U000E0041")
                                   << "\"a\\U000e0041\"";
    QTest::newRow("cut") << QString(310, 'x')
                         << "\"" + QString(300, 'x') + "\" (10 more characters left out)";
}

void DeletionTest::auditTextEscapes()
{
    QFETCH(QString, text);
    QFETCH(QString, quoted);
    QCOMPARE(chat::server::audit::quoted(text), quoted);
}

void DeletionTest::clientsWithoutTheFeature()
{
    Accounts accounts;
    QVERIFY(accounts.start());
    TestClient rita, vic;
    QVERIFY(!joinAs(rita, *accounts.server, "rita", {}, {"rooms"}).isEmpty());
    QVERIFY(rooms::joinV1(vic, *accounts.server, "vic").value("key").isString());
    const qint64 id = say(rita, "mine", 2);
    QCOMPARE(deleteMessage(rita, id, 3), "unknown_event");
    QCOMPARE(deleteMessage(vic, id, 2), "unknown_event");
    QCOMPARE(rooms::errorCode(rita, "history", QJsonObject{{"with", "vic"}}, 4), "bad_request");
}

QTEST_MAIN(DeletionTest)
#include "tst_deletion.moc"
