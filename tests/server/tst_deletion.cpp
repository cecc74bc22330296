// `delete` (feature "accounts", protocol-v2.md) through real sockets: who may delete what (one's
// own by session or account, moderators but not on admins, admins), who is told (`message
// deleted` to rooms and accounts clients, never to v1 clients nor the deleter; a private
// message's other end), clients without the feature, and the audit log's line. What the
// histories keep after a deletion is tst_deletionhistory's subject.
#include "audittext.h"
#include "deletionfixture.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QtTest>

using namespace chat::server;
using deletion::Accounts;
using deletion::deletedEvent;
using deletion::deleteMessage;
using deletion::eventsBefore;
using deletion::firstOf;
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
    QVERIFY(rooms::request(mod, "delete", QJsonObject{{"id", bosss}}, 7)
                .value("error")
                .toObject()
                .value("message")
                .toString()
                .contains("admin's message"));
    // The author's role is the account's now: bea made admin by the operator meanwhile.
    {
        QSqlDatabase db = accounts.db.open("role-change");
        QVERIFY(db.isOpen());
        QSqlQuery update(db);
        QVERIFY(update.exec("UPDATE accounts SET role = 'admin' WHERE name = 'bea'"));
        db.close();
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
    QTest::newRow("plain") << "spam"
                           << "\"spam\"";
    QTest::newRow("quotes and backslashes") << "a \"b\" \\c"
                                            << "\"a \\\"b\\\" \\\\c\"";
    QTest::newRow("line breaks") << "a\r\nfake: line\tx"
                                 << "\"a\\r\\nfake: line\\tx\"";
    QTest::newRow("other controls")
        << QString("a") + QChar(0x1b) + "[2J" + QChar(0x85) << "\"a\\u001b[2J\\u0085\"";
    QTest::newRow("bidi override") << QString("evil") + QChar(0x202e) + "txt"
                                   << "\"evil\\u202etxt\"";
    QTest::newRow("line separator") << QString("a") + QChar(0x2028) + "b"
                                    << "\"a\\u2028b\"";
    QTest::newRow("emoji kept") << QString::fromUtf8("ok \xF0\x9F\x91\x8D")
                                << QString::fromUtf8("\"ok \xF0\x9F\x91\x8D\"");
    QTest::newRow("tag character")
        << QString("a") + QString::fromUcs4(U"\U000E0041") << "\"a\\U000e0041\"";
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
