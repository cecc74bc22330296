// tst_gui, moderation: the window with an accounts server (protocol-v2.md, feature "accounts"),
// offscreen: Kick…/Ban… and Delete message… present or absent by role, the reason dialogs
// driving the requests, the bans dialog, the banner of a removed user, and deleted messages
// leaving the view.
#include "accountsfixture.h"
#include "bansdialog.h"
#include "chatwindowfixture.h"
#include "findbar.h"
#include "messageedit.h"
#include "notifier.h"
#include "reasondialog.h"
#include "removalbanner.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QTreeWidget>

using chat::client::BansDialog;
using chat::client::ChatSession;
using chat::client::MessageListModel;
using chat::client::Moderation;
using chat::client::ReasonDialog;
using chat::client::UserListModel;
using chat::server::Role;

namespace {
const QByteArray modPassword = "moderator-secret-1";
const QByteArray adminPassword = "admin-secret-1";
} // namespace

class GuiModerationTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { ChatWindowFixture::prepareTestCase(); }
    void init();
    void cleanup();

    void menusByRole();
    void kickAndBanDialogsDriveTheRequests();
    void bansDialogListsAndUnbans();
    void bannerAfterAKickAndReconnectByHand();
    void deletedMessagesLeaveTheView();
    void deletedUnreadMessagesLeaveTheCounts();

private:
    bool joinWindow(const QString &name, const QByteArray &password = {});
    std::unique_ptr<ChatSession> peer(const QString &name, const QByteArray &password = {});
    // The texts of the context menu `open` pops up (& removed), which is then closed; with
    // `choose`, the action whose text contains it is triggered instead.
    QStringList menuTexts(const std::function<void()> &open, const QString &choose = {});
    QStringList peopleMenu(const QString &name, const QString &choose = {});
    QStringList messageMenu(const QString &text, const QString &choose = {});
    template <typename T> T *waitForDialog(const QString &objectName);

    std::unique_ptr<accounts::Database> m_db;
    ChatWindowFixture m_fixture;
};

void GuiModerationTest::init()
{
    QSettings().clear();
    m_db = std::make_unique<accounts::Database>();
    QVERIFY(m_fixture.start(m_db->config()));
    QVERIFY(m_db->addAccount("mod", modPassword, Role::Moderator));
    QVERIFY(m_db->addAccount("root", adminPassword, Role::Admin));
}

void GuiModerationTest::cleanup()
{
    m_fixture.stop();
    m_db.reset();
}

bool GuiModerationTest::joinWindow(const QString &name, const QByteArray &password)
{
    m_fixture.session->setPassword(QString::fromUtf8(password));
    return m_fixture.join(name);
}

std::unique_ptr<ChatSession> GuiModerationTest::peer(const QString &name,
                                                     const QByteArray &password)
{
    auto session = std::make_unique<ChatSession>();
    session->setPassword(QString::fromUtf8(password));
    QSignalSpy joined(session.get(), &ChatSession::joined);
    session->open(serverUrl(*m_fixture.server), name);
    if (!joined.wait(10'000))
        return nullptr;
    return session;
}

QStringList GuiModerationTest::menuTexts(const std::function<void()> &open, const QString &choose)
{
    QStringList texts;
    // The context menu runs its own event loop: it is read from inside it. The timer is this
    // call's: when no menu opens it is stopped, not left to fire later.
    QTimer reader;
    reader.setSingleShot(true);
    reader.setInterval(0);
    QObject::connect(&reader, &QTimer::timeout, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        QAction *chosen = nullptr;
        for (QAction *action : menu->actions()) {
            if (action->isSeparator())
                continue;
            texts << action->text().remove(QLatin1Char('&'));
            if (!choose.isEmpty() && texts.last().contains(choose))
                chosen = action;
        }
        if (chosen)
            chosen->trigger();
        menu->close();
    });
    reader.start();
    open();
    reader.stop();
    return texts;
}

QStringList GuiModerationTest::peopleMenu(const QString &name, const QString &choose)
{
    QListView *people = m_fixture.window->userView();
    for (int row = 0; row < people->model()->rowCount(); ++row) {
        const QModelIndex index = people->model()->index(row, 0);
        if (index.data(UserListModel::NameRole).toString() != name)
            continue;
        const QPoint at = people->visualRect(index).center();
        return menuTexts(
            [&] {
                QMetaObject::invokeMethod(
                    people, [&] { emit people->customContextMenuRequested(at); },
                    Qt::DirectConnection);
            },
            choose);
    }
    return {QStringLiteral("no such person: ") + name};
}

QStringList GuiModerationTest::messageMenu(const QString &text, const QString &choose)
{
    const int row = m_fixture.rowOf(text);
    if (row < 0)
        return {QStringLiteral("no such message: ") + text};
    auto *view = m_fixture.window->messageView();
    view->scrollTo(m_fixture.messages()->index(row));
    const QPoint at = view->visualRect(m_fixture.messages()->index(row)).center();
    return menuTexts(
        [&] {
            QMetaObject::invokeMethod(
                view, [&] { emit view->customContextMenuRequested(at); }, Qt::DirectConnection);
        },
        choose);
}

template <typename T> T *GuiModerationTest::waitForDialog(const QString &objectName)
{
    T *dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        dialog = m_fixture.window->findChild<T *>(objectName);
        return dialog && dialog->isVisible();
    });
    return shown ? dialog : nullptr;
}

void GuiModerationTest::menusByRole()
{
    QVERIFY(joinWindow("mod", modPassword));
    auto root = peer("root", adminPassword);
    QVERIFY(root);
    auto bob = peer("bob");
    QVERIFY(bob);
    QTRY_COMPARE(m_fixture.window->userView()->model()->rowCount(), 3);
    QVERIFY(m_fixture.window->moderationMenu()->menuAction()->isVisible());
    QCOMPARE(peopleMenu("bob"), (QStringList{"Message \u2068bob\u2069", "Kick \u2068bob\u2069…",
                                             "Ban \u2068bob\u2069…"}));
    // A moderator does not act on an admin, nor on itself.
    QCOMPARE(peopleMenu("root"), QStringList{"Message \u2068root\u2069"});
    QVERIFY(peopleMenu("mod").isEmpty());
    // Messages: others' (not an admin's) and one's own can be deleted.
    QVERIFY(bob->sendMessage("from bob"));
    QVERIFY(root->sendMessage("from root"));
    QTRY_VERIFY(m_fixture.rowOf("from root") >= 0);
    QVERIFY(messageMenu("from bob").contains("Delete message…"));
    QVERIFY(!messageMenu("from root").contains("Delete message…"));
    QTest::keyClicks(m_fixture.window->editor(), "from mod");
    QTest::keyClick(m_fixture.window->editor(), Qt::Key_Return);
    QTRY_VERIFY(m_fixture.rowOf("from mod") >= 0 &&
                m_fixture.messages()->entry(m_fixture.rowOf("from mod")).messageId > 0);
    QVERIFY(messageMenu("from mod").contains("Delete message…"));

    // The same window as a guest: no moderation, only its own messages.
    m_fixture.session->close();
    QTRY_COMPARE(m_fixture.session->state(), ChatSession::State::Disconnected);
    QVERIFY(joinWindow("alice"));
    QTRY_VERIFY(!m_fixture.window->moderationMenu()->menuAction()->isVisible());
    QTRY_COMPARE(m_fixture.window->userView()->model()->rowCount(), 3);
    QCOMPARE(peopleMenu("bob"), QStringList{"Message \u2068bob\u2069"});
    QVERIFY(bob->sendMessage("bob again"));
    QTRY_VERIFY(m_fixture.rowOf("bob again") >= 0);
    QVERIFY(!messageMenu("bob again").contains("Delete message…"));
}

void GuiModerationTest::kickAndBanDialogsDriveTheRequests()
{
    QVERIFY(joinWindow("mod", modPassword));
    auto bob = peer("bob");
    QVERIFY(bob);
    QTRY_COMPARE(m_fixture.window->userView()->model()->rowCount(), 2);
    peopleMenu("bob", "Kick");
    auto *kick = waitForDialog<ReasonDialog>("reasonDialog");
    QVERIFY(kick);
    QVERIFY(!kick->durationBox()); // a kick has no duration
    QSignalSpy bobRemoved(bob->moderation(), &Moderation::removed);
    QTest::keyClicks(kick->reasonField(), "calm down");
    kick->buttons()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(bobRemoved.wait());
    QCOMPARE(bob->moderation()->removal()->reason, "calm down");
    QVERIFY(!bob->moderation()->removal()->banned);

    // Back by hand; then a ban of a week.
    QSignalSpy joined(bob.get(), &ChatSession::joined);
    QTRY_COMPARE(bob->state(), ChatSession::State::Disconnected);
    bob->reconnectNow();
    QVERIFY(joined.wait());
    QTRY_COMPARE(m_fixture.window->userView()->model()->rowCount(), 2);
    QTRY_VERIFY(m_fixture.window->findChild<ReasonDialog *>("reasonDialog") == nullptr);
    peopleMenu("bob", "Ban");
    auto *ban = waitForDialog<ReasonDialog>("reasonDialog");
    QVERIFY(ban && ban->durationBox());
    QCOMPARE(ban->durationBox()->count(), 4);
    ban->durationBox()->setCurrentIndex(ban->durationBox()->findData(7 * 24 * 60));
    QTest::keyClicks(ban->reasonField(), "spam links");
    QSignalSpy lost(bob.get(), &ChatSession::connectionLost);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    ban->buttons()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(lost.wait());
    const auto removal = bob->moderation()->removal();
    QVERIFY(removal && removal->banned && removal->until);
    QVERIFY(*removal->until >= before + 7 * 24 * 3'600'000LL - 60'000);
    QCOMPARE(removal->reason, "spam links");
}

void GuiModerationTest::bansDialogListsAndUnbans()
{
    QVERIFY(joinWindow("mod", modPassword));
    QVERIFY(m_db->addBan("mallory", {}, std::nullopt, "trolling"));
    BansDialog *dialog = m_fixture.window->openBans();
    QVERIFY(dialog);
    QTRY_COMPARE(dialog->banList()->topLevelItemCount(), 1);
    const QTreeWidgetItem *item = dialog->banList()->topLevelItem(0);
    QCOMPARE(item->text(0), "mallory");
    QCOMPARE(item->text(1), "until unbanned");
    QCOMPARE(item->text(2), "op");
    QCOMPARE(item->text(3), "trolling");
    QVERIFY(!dialog->unbanButton()->isEnabled());
    dialog->banList()->setCurrentItem(dialog->banList()->topLevelItem(0));
    QVERIFY(dialog->unbanButton()->isEnabled());
    dialog->unbanButton()->click();
    QTRY_COMPARE(dialog->banList()->topLevelItemCount(), 0);
    QTRY_COMPARE(dialog->statusLabel()->text(), "Nobody is banned.");
    // mallory may come in now.
    QVERIFY(peer("mallory"));
}

void GuiModerationTest::bannerAfterAKickAndReconnectByHand()
{
    QVERIFY(joinWindow("bob"));
    auto mod = peer("mod", modPassword);
    QVERIFY(mod);
    auto *banner = m_fixture.window->removalBanner();
    QVERIFY(!banner->isVisible());
    QSignalSpy lost(m_fixture.session.get(), &ChatSession::connectionLost);
    mod->moderation()->kick(*mod->users()->user(m_fixture.session->key()), "too loud");
    QVERIFY(lost.wait());
    QTRY_VERIFY(banner->isVisible());
    const QString text = banner->label()->text();
    QVERIFY2(text.contains("Kicked by \u2068mod\u2069: \u2068too loud\u2069") &&
                 text.contains("will not reconnect on its own"),
             qPrintable(text));
    QVERIFY2(m_fixture.window->statusLabel()->text().contains("not reconnecting on its own"),
             qPrintable(m_fixture.window->statusLabel()->text()));
    QVERIFY(m_fixture.lines().last().contains("too loud"));
    QVERIFY(banner->reconnectButton()->isEnabled());
    QSignalSpy joined(m_fixture.session.get(), &ChatSession::joined);
    banner->reconnectButton()->click();
    QVERIFY(joined.wait());
    QTRY_VERIFY(!banner->isVisible());
}

void GuiModerationTest::deletedMessagesLeaveTheView()
{
    QVERIFY(joinWindow("alice"));
    auto mod = peer("mod", modPassword);
    QVERIFY(mod);
    auto bob = peer("bob");
    QVERIFY(bob);
    QVERIFY(bob->sendMessage("rude words"));
    QVERIFY(bob->sendMessage("fine words"));
    QTRY_VERIFY(m_fixture.rowOf("fine words") >= 0);
    QTRY_VERIFY(mod->conversations()
                    ->messages(chat::client::ConversationListModel::Kind::Room, "general")
                    ->rowCount() > 0);
    // The moderator deletes bob's message: it leaves alice's view.
    qint64 rudeId = 0;
    auto *modGeneral =
        mod->conversations()->messages(chat::client::ConversationListModel::Kind::Room, "general");
    QTRY_VERIFY([&] {
        modGeneral->flushQueued();
        for (int row = 0; row < modGeneral->rowCount(); ++row)
            if (modGeneral->entry(row).text == "rude words")
                rudeId = modGeneral->entry(row).messageId;
        return rudeId > 0;
    }());
    // The find bar's matches follow: one of two is gone.
    auto *find = m_fixture.window->findBar();
    find->activate();
    QTest::keyClicks(find->field(), "words");
    QCOMPARE(find->matchCount(), 2);
    QCOMPARE(find->resultLabel()->text(), "2 of 2");
    mod->moderation()->deleteMessage(rudeId, "language");
    QTRY_COMPARE(m_fixture.rowOf("rude words"), -1);
    QVERIFY(m_fixture.rowOf("fine words") >= 0);
    QCOMPARE(find->matchCount(), 1);
    QCOMPARE(find->resultLabel()->text(), "1 of 1");
    find->close();

    // Alice deletes her own from the message's menu, after confirming.
    QTest::keyClicks(m_fixture.window->editor(), "sent too soon");
    QTest::keyClick(m_fixture.window->editor(), Qt::Key_Return);
    QTRY_VERIFY(m_fixture.rowOf("sent too soon") >= 0 &&
                m_fixture.messages()->entry(m_fixture.rowOf("sent too soon")).messageId > 0);
    QVERIFY(!messageMenu("fine words").contains("Delete message…")); // bob's: not hers
    QSignalSpy bobSaw(bob->moderation(), &Moderation::messageDeleted);
    messageMenu("sent too soon", "Delete message");
    auto *confirm = waitForDialog<QMessageBox>("deleteConfirmation");
    QVERIFY(confirm);
    confirm->button(QMessageBox::Yes)->click();
    QTRY_COMPARE(m_fixture.rowOf("sent too soon"), -1);
    QVERIFY(bobSaw.count() > 0 || bobSaw.wait());
}

void GuiModerationTest::deletedUnreadMessagesLeaveTheCounts()
{
    // While the window is not active: a message in general (counted in the title and the tray's
    // badge) and a private one (also in the sidebar). Bob takes both back: neither counts.
    using Kind = chat::client::ConversationListModel::Kind;
    QVERIFY(joinWindow("alice"));
    auto bob = peer("bob");
    QVERIFY(bob);
    QWidget other;
    other.show();
    other.activateWindow();
    QTRY_VERIFY(!m_fixture.window->isActiveWindow());
    QVERIFY(bob->sendMessage("oops"));
    bob->openPrivate(m_fixture.session->key(), "alice");
    QVERIFY(bob->sendMessage("psst"));
    auto *notifier = m_fixture.window->notifier();
    auto *sidebar = m_fixture.session->conversations()->list();
    QTRY_COMPARE(notifier->unreadCount(), 2);
    QCOMPARE(notifier->unreadMentions(), 1); // the private one
    QCOMPARE(sidebar->totalUnread(), 1);     // general is shown
    QVERIFY(m_fixture.window->windowTitle().startsWith("(2) "));
    const auto idOf = [&](Kind kind, const QString &id, const QString &text) { // bob's, acked
        MessageListModel *messages = bob->conversations()->messages(kind, id);
        messages->flushQueued();
        for (int row = 0; row < messages->rowCount(); ++row) {
            if (messages->entry(row).text == text)
                return messages->entry(row).messageId;
        }
        return qint64(0);
    };
    QTRY_VERIFY(idOf(Kind::Room, "general", "oops") > 0);
    QTRY_VERIFY(idOf(Kind::Private, m_fixture.session->key(), "psst") > 0);

    bob->moderation()->deleteMessage(idOf(Kind::Private, m_fixture.session->key(), "psst"));
    QTRY_COMPARE(notifier->unreadCount(), 1);
    QCOMPARE(notifier->unreadMentions(), 0);
    QCOMPARE(sidebar->totalUnread(), 0);
    QVERIFY(m_fixture.window->windowTitle().startsWith("(1) "));
    bob->moderation()->deleteMessage(idOf(Kind::Room, "general", "oops"));
    QTRY_COMPARE(notifier->unreadCount(), 0);
    QCOMPARE(m_fixture.window->windowTitle(), "#general — alice — Chat");
}

int runGuiModerationTests(int argc, char **argv)
{
    GuiModerationTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "gui_moderation.moc"
