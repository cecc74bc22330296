// ChatSession and moderation (protocol-v2.md, feature "accounts"), through real sockets against
// the real server core on a database file: a moderator kicks and bans (the removed session says
// who, why and until when, and does not come back on its own), unbans and lists bans; messages
// deleted by their author or a moderator leave every client's conversation (rooms and private);
// what the role does not allow is refused with a clear error. And the message list's removal
// itself: model signals (QAbstractItemModelTester), day separators, the "new messages" line.
#include "accountsfixture.h"
#include "chatsession.h"

#include <QAbstractItemModelTester>
#include <QSettings>
#include <QStandardPaths>

using chat::client::ChatSession;
using chat::client::ConversationListModel;
using chat::client::MessageListModel;
using chat::client::Moderation;
using chat::server::Role;
using Kind = ConversationListModel::Kind;

namespace {
const QByteArray modPassword = "moderator-secret-1";
const QByteArray adminPassword = "admin-secret-1";
constexpr int firstReconnectMs = 50; // a lost connection would be tried again this soon

std::unique_ptr<ChatSession> joinSession(const chat::server::ChatServer &server,
                                         const QString &name, const QByteArray &password = {})
{
    auto session = std::make_unique<ChatSession>();
    session->setReconnectDelays(firstReconnectMs, 4 * firstReconnectMs);
    session->setPassword(QString::fromUtf8(password));
    QSignalSpy joined(session.get(), &ChatSession::joined);
    session->open(serverUrl(server), name);
    if (!joined.wait(10'000) || session->state() != ChatSession::State::Joined)
        return nullptr;
    return session;
}

QStringList texts(MessageListModel *model)
{
    QStringList result;
    if (!model)
        return result;
    model->flushQueued();
    for (int row = 0; row < model->rowCount(); ++row) {
        const auto &entry = model->entry(row);
        if (entry.kind == MessageListModel::Kind::Chat || entry.kind == MessageListModel::Kind::Own)
            result << entry.text;
    }
    return result;
}

qint64 idOf(MessageListModel *model, const QString &text)
{
    model->flushQueued();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->entry(row).text == text)
            return model->entry(row).messageId;
    }
    return 0;
}

QString lastNotice(MessageListModel *model)
{
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        if (model->entry(row).kind == MessageListModel::Kind::Notice)
            return model->entry(row).text;
    }
    return {};
}

MessageListModel *general(ChatSession &session)
{
    return session.conversations()->messages(Kind::Room, "general");
}

chat::ChatMsg message(qint64 id, const QString &text, const QDateTime &at)
{
    return chat::ChatMsg{id, "k-bob", "bob", text, at.toMSecsSinceEpoch()};
}
} // namespace

class ClientModerationTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void rolesFromTheJoinAck();
    void kickedSessionSaysWhoAndWhyAndStaysOut();
    void banWithUntilThenBansListAndUnban();
    void forbiddenShowsAnError();
    void deletedMessagesLeaveEveryRoomModel();
    void deletedPrivateMessageLeavesTheOtherEnd();

    void removalKeepsSeparatorsAndTheUnreadLine();
    void removalOfAQueuedMessage();

private:
    std::unique_ptr<accounts::Database> m_db;
    std::unique_ptr<chat::server::ChatServer> m_server;
};

void ClientModerationTest::init()
{
    QSettings().clear();
    m_db = std::make_unique<accounts::Database>();
    m_server = startServer(m_db->config());
    QVERIFY(m_server);
    QVERIFY(m_db->addAccount("mod", modPassword, Role::Moderator));
    QVERIFY(m_db->addAccount("root", adminPassword, Role::Admin));
}

void ClientModerationTest::cleanup()
{
    m_server.reset();
    m_db.reset();
}

void ClientModerationTest::rolesFromTheJoinAck()
{
    auto mod = joinSession(*m_server, "mod", modPassword);
    QVERIFY(mod);
    auto bob = joinSession(*m_server, "bob");
    QVERIFY(bob);
    QVERIFY(mod->moderation()->account());
    QCOMPARE(mod->moderation()->account()->role, "moderator");
    QVERIFY(mod->moderation()->account()->registered);
    QVERIFY(mod->moderation()->isModerator());
    QVERIFY(!mod->moderation()->isAdmin());
    QVERIFY(bob->moderation()->account());
    QCOMPARE(bob->moderation()->account()->role, "user");
    QVERIFY(!bob->moderation()->isModerator());
    // A moderator may act on users, not on admins; a user on nobody.
    QVERIFY(mod->moderation()->mayActOn(chat::AccountInfo{false, "user"}));
    QVERIFY(!mod->moderation()->mayActOn(chat::AccountInfo{true, "admin"}));
    QVERIFY(!bob->moderation()->mayActOn(chat::AccountInfo{false, "user"}));
}

void ClientModerationTest::kickedSessionSaysWhoAndWhyAndStaysOut()
{
    auto mod = joinSession(*m_server, "mod", modPassword);
    QVERIFY(mod);
    auto bob = joinSession(*m_server, "bob");
    QVERIFY(bob);
    QTRY_COMPARE(m_server->connectionCount(), 2);
    QTRY_VERIFY(mod->users()->user(bob->key())); // the moderator has seen bob arrive
    QSignalSpy removed(bob->moderation(), &Moderation::removed);
    QSignalSpy lost(bob.get(), &ChatSession::connectionLost);
    QSignalSpy done(mod->moderation(), &Moderation::succeeded);
    mod->moderation()->kick(*mod->users()->user(bob->key()), "shouting");
    QVERIFY(done.wait());
    QVERIFY(removed.count() > 0 || removed.wait());
    QVERIFY(lost.count() > 0 || lost.wait());
    QCOMPARE(bob->state(), ChatSession::State::Disconnected);
    const auto removal = bob->moderation()->removal();
    QVERIFY(removal);
    QCOMPARE(removal->by, "mod");
    QCOMPARE(removal->reason, "shouting");
    QVERIFY(!removal->banned);
    QVERIFY(!removal->until);
    QVERIFY2(bob->moderation()->removalText().contains("Kicked by \u2068mod\u2069"),
             qPrintable(bob->moderation()->removalText()));
    // The conversation's status line says so, and that it will not reconnect.
    const QString notice = lastNotice(general(*bob));
    QVERIFY2(notice.contains("shouting") && notice.contains("will not reconnect"),
             qPrintable(notice));
    // No attempt is scheduled, and none comes within many times the first reconnect delay.
    QCOMPARE(bob->msUntilReconnect(), -1);
    QSignalSpy states(bob.get(), &ChatSession::stateChanged);
    QTRY_COMPARE(m_server->connectionCount(), 1);
    QVERIFY(!states.wait(20 * firstReconnectMs));
    QCOMPARE(m_server->connectionCount(), 1);
    QVERIFY(bob->moderation()->removal()); // the state survives the close

    // By hand, the user comes back: a fresh session, the removal cleared.
    QSignalSpy joined(bob.get(), &ChatSession::joined);
    bob->reconnectNow();
    QVERIFY(joined.wait());
    QVERIFY(!bob->moderation()->removal());
}

void ClientModerationTest::banWithUntilThenBansListAndUnban()
{
    auto mod = joinSession(*m_server, "mod", modPassword);
    QVERIFY(mod);
    auto bob = joinSession(*m_server, "bob");
    QVERIFY(bob);
    QSignalSpy lost(bob.get(), &ChatSession::connectionLost);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    mod->moderation()->ban("bob", 60, "flooding");
    QVERIFY(lost.wait());
    const auto removal = bob->moderation()->removal();
    QVERIFY(removal);
    QVERIFY(removal->banned);
    QCOMPARE(removal->by, "mod");
    QCOMPARE(removal->reason, "flooding");
    QVERIFY(removal->until);
    QVERIFY2(*removal->until >= before + 59 * 60'000 &&
                 *removal->until <= QDateTime::currentMSecsSinceEpoch() + 61 * 60'000,
             qPrintable(QString::number(*removal->until - before)));
    QVERIFY(bob->moderation()->removalText().contains("until"));
    QCOMPARE(bob->msUntilReconnect(), -1);

    // The ban is listed.
    QSignalSpy listed(mod->moderation(), &Moderation::bansListed);
    mod->moderation()->listBans();
    QVERIFY(listed.wait());
    auto bans = listed.last().first().value<QList<Moderation::BanEntry>>();
    QCOMPARE(bans.size(), 1);
    QCOMPARE(bans.first().name, "bob");
    QCOMPARE(bans.first().by, "mod");
    QCOMPARE(bans.first().reason, "flooding");
    QCOMPARE(bans.first().until, removal->until);

    // Coming back by hand while banned: refused, with the server's words.
    QSignalSpy refused(bob.get(), &ChatSession::loginRefused);
    bob->reconnectNow();
    QVERIFY(refused.wait());
    QCOMPARE(refused.first().at(0).value<ChatSession::LoginProblem>(),
             ChatSession::LoginProblem::Banned);
    QVERIFY2(refused.first().at(1).toString().contains("flooding"),
             qPrintable(refused.first().at(1).toString()));

    // Unbanned: the list is empty, and bob comes in.
    QSignalSpy done(mod->moderation(), &Moderation::succeeded);
    mod->moderation()->unban("bob");
    QVERIFY(done.wait());
    mod->moderation()->listBans();
    QVERIFY(listed.wait());
    QVERIFY(listed.last().first().value<QList<Moderation::BanEntry>>().isEmpty());
    bob->close();
    QTRY_COMPARE(bob->state(), ChatSession::State::Disconnected);
    QSignalSpy joined(bob.get(), &ChatSession::joined);
    bob->open(serverUrl(*m_server), "bob");
    QVERIFY(joined.wait());
}

void ClientModerationTest::forbiddenShowsAnError()
{
    auto mod = joinSession(*m_server, "mod", modPassword);
    QVERIFY(mod);
    auto root = joinSession(*m_server, "root", adminPassword);
    QVERIFY(root);
    auto bob = joinSession(*m_server, "bob");
    QVERIFY(bob);
    QSignalSpy failed(bob->moderation(), &Moderation::requestFailed);
    bob->moderation()->kick(*bob->users()->user(mod->key()), "revenge");
    QVERIFY(failed.wait());
    QVERIFY2(failed.last().first().toString().startsWith("Cannot kick \u2068mod\u2069: "),
             qPrintable(failed.last().first().toString()));
    bob->moderation()->listBans();
    QVERIFY(failed.wait());
    QVERIFY(failed.last().first().toString().startsWith("Cannot list the bans: "));
    // A moderator does not act on an admin.
    QSignalSpy modFailed(mod->moderation(), &Moderation::requestFailed);
    mod->moderation()->ban("root", 0, {});
    QVERIFY(modFailed.wait());
    QVERIFY(modFailed.last().first().toString().startsWith("Cannot ban \u2068root\u2069: "));
    QCOMPARE(root->state(), ChatSession::State::Joined);
    // Nobody's message but one's own for a user.
    QVERIFY(mod->sendMessage("from the moderator"));
    QTRY_VERIFY(idOf(general(*bob), "from the moderator") > 0);
    bob->moderation()->deleteMessage(idOf(general(*bob), "from the moderator"));
    QVERIFY(failed.wait());
    QVERIFY(failed.last().first().toString().startsWith("Cannot delete the message: "));
    QVERIFY(texts(general(*bob)).contains("from the moderator"));
}

void ClientModerationTest::deletedMessagesLeaveEveryRoomModel()
{
    auto mod = joinSession(*m_server, "mod", modPassword);
    QVERIFY(mod);
    auto alice = joinSession(*m_server, "alice");
    QVERIFY(alice);
    auto bob = joinSession(*m_server, "bob");
    QVERIFY(bob);
    QAbstractItemModelTester aliceTester(general(*alice));
    QAbstractItemModelTester bobTester(general(*bob));
    QAbstractItemModelTester modTester(general(*mod));
    // One after the other, so that the server's order is the one written here.
    QVERIFY(alice->sendMessage("oops, wrong window"));
    QTRY_VERIFY(texts(general(*bob)).contains("oops, wrong window"));
    QVERIFY(bob->sendMessage("something rude"));
    QTRY_VERIFY(texts(general(*alice)).contains("something rude"));
    QVERIFY(alice->sendMessage("stays"));
    for (ChatSession *session : {mod.get(), alice.get(), bob.get()})
        QTRY_COMPARE(texts(general(*session)),
                     (QStringList{"oops, wrong window", "something rude", "stays"}));
    QTRY_VERIFY(idOf(general(*alice), "stays") > 0); // acknowledged

    // Own message: gone here once acknowledged, and from the others' on the event.
    QSignalSpy bobSaw(bob->moderation(), &Moderation::messageDeleted);
    QSignalSpy aliceDone(alice->moderation(), &Moderation::succeeded);
    alice->moderation()->deleteMessage(idOf(general(*alice), "oops, wrong window"));
    QVERIFY(aliceDone.wait());
    QCOMPARE(texts(general(*alice)), (QStringList{"something rude", "stays"}));
    QVERIFY(bobSaw.count() > 0 || bobSaw.wait());
    QCOMPARE(bobSaw.first().at(1).toString(), "alice");
    QCOMPARE(texts(general(*bob)), (QStringList{"something rude", "stays"}));
    QTRY_COMPARE(texts(general(*mod)), (QStringList{"something rude", "stays"}));

    // A moderator deletes someone else's, with a reason.
    QSignalSpy aliceSaw(alice->moderation(), &Moderation::messageDeleted);
    QSignalSpy bobSawAgain(bob->moderation(), &Moderation::messageDeleted);
    mod->moderation()->deleteMessage(idOf(general(*mod), "something rude"), "not here");
    QVERIFY(aliceSaw.count() > 0 || aliceSaw.wait());
    QCOMPARE(aliceSaw.first().at(1).toString(), "mod");
    QVERIFY(bobSawAgain.count() > 0 || bobSawAgain.wait());
    for (ChatSession *session : {mod.get(), alice.get(), bob.get()})
        QTRY_COMPARE(texts(general(*session)), QStringList{"stays"});
    // Not a notification again: nothing new arrived.
    QSignalSpy received(alice.get(), &ChatSession::messageReceived);
    QVERIFY(bob->sendMessage("after"));
    QVERIFY(received.wait());
    QCOMPARE(received.count(), 1);
}

void ClientModerationTest::deletedPrivateMessageLeavesTheOtherEnd()
{
    auto alice = joinSession(*m_server, "alice");
    QVERIFY(alice);
    auto bob = joinSession(*m_server, "bob");
    QVERIFY(bob);
    alice->openPrivate(bob->key(), "bob");
    QVERIFY(alice->sendMessage("just for bob"));
    QVERIFY(alice->sendMessage("also for bob"));
    QTRY_COMPARE(texts(bob->conversations()->messages(Kind::Private, alice->key())),
                 (QStringList{"just for bob", "also for bob"}));
    MessageListModel *atBob = bob->conversations()->messages(Kind::Private, alice->key());
    MessageListModel *atAlice = alice->conversations()->messages(Kind::Private, bob->key());
    QAbstractItemModelTester bobTester(atBob);
    QTRY_VERIFY(idOf(atAlice, "just for bob") > 0);
    QSignalSpy bobSaw(bob->moderation(), &Moderation::messageDeleted);
    alice->moderation()->deleteMessage(idOf(atAlice, "just for bob"));
    QVERIFY(bobSaw.count() > 0 || bobSaw.wait());
    QCOMPARE(texts(atBob), QStringList{"also for bob"});
    QTRY_COMPARE(texts(atAlice), QStringList{"also for bob"});
}

void ClientModerationTest::removalKeepsSeparatorsAndTheUnreadLine()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QDateTime yesterday = QDateTime::currentDateTime().addDays(-1);
    const QDateTime today = QDateTime::currentDateTime();
    model.addChat(message(1, "lone of yesterday", yesterday), false, false);
    model.addChat(message(2, "first of today", today), false, false);
    model.addChat(message(3, "second of today", today.addSecs(1)), false, false);
    model.addChat(message(4, "third of today", today.addSecs(2)), false, false);
    using LineKind = MessageListModel::Kind;
    const auto kinds = [&model] {
        QList<LineKind> result;
        for (int row = 0; row < model.rowCount(); ++row)
            result << model.entry(row).kind;
        return result;
    };
    QCOMPARE(kinds(),
             (QList<LineKind>{LineKind::DaySeparator, LineKind::Chat, LineKind::DaySeparator,
                              LineKind::Chat, LineKind::Chat, LineKind::Chat}));
    // The only line of its day goes with its separator.
    QSignalSpy removedRows(&model, &QAbstractItemModel::rowsRemoved);
    QVERIFY(model.removeMessage(1));
    QCOMPARE(removedRows.count(), 1);
    QCOMPARE(removedRows.first().at(1).toInt(), 0);
    QCOMPARE(removedRows.first().at(2).toInt(), 1);
    QCOMPARE(kinds(), (QList<LineKind>{LineKind::DaySeparator, LineKind::Chat, LineKind::Chat,
                                       LineKind::Chat}));
    // The "new messages" line moves to the next message below the one that went.
    model.setUnreadMarker(model.entry(2).serial); // "second of today"
    QVERIFY(model.removeMessage(3));
    QCOMPARE(model.unreadMarkerRow(), 2);
    QCOMPARE(model.entry(model.unreadMarkerRow()).text, "third of today");
    // The last message below the marker: no marker is left.
    QVERIFY(model.removeMessage(4));
    QCOMPARE(model.unreadMarkerRow(), -1);
    QCOMPARE(kinds(), (QList<LineKind>{LineKind::DaySeparator, LineKind::Chat}));
    QVERIFY(!model.removeMessage(4)); // not there (any more)
    QVERIFY(model.removeMessage(2));
    QCOMPARE(model.rowCount(), 0);
}

void ClientModerationTest::removalOfAQueuedMessage()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QDateTime now = QDateTime::currentDateTime();
    model.queueChat(message(7, "arrived and deleted at once", now), false, false);
    model.queueChat(message(8, "kept", now), false, false);
    QVERIFY(model.removeMessage(7));
    model.flushQueued();
    QCOMPARE(texts(&model), QStringList{"kept"});
}

QTEST_GUILESS_MAIN(ClientModerationTest)
#include "tst_clientmoderation.moc"
