// tst_gui, rooms: the window with a rooms server (protocol-v2.md, feature "rooms"), offscreen,
// driven by keystrokes and clicks: the sidebar, switching with what each conversation keeps,
// private conversations from the people list, scrollback, unread marks and notifications.
#include "chatwindowfixture.h"
#include "clientsettings.h"
#include "messageedit.h"
#include "notifier.h"
#include "quickswitcher.h"
#include "roomdirectorydialog.h"
#include "roomsfixture.h"
#include "testdatabase.h"
#include "topicbar.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>

using chat::client::ChatSession;
using chat::client::ConversationListModel;
using chat::client::MessageListModel;
using Kind = ConversationListModel::Kind;

class GuiRoomsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { ChatWindowFixture::prepareTestCase(); }
    void init();
    void cleanup() { m_fixture.stop(); }

    void sidebarShowsRoomsAndConversationsKeepTheirDrafts();
    void scrollPositionIsKeptPerConversation();
    void unreadAndMentionMarksAndTheNewMessagesLine();
    void messagingSomeoneFromThePeopleList();
    void ctrlPageKeysGoAroundAltArrowsStop();
    void leavingFromTheSidebarMenu();
    void scrollingToTheTopLoadsOlderWithoutJumping();
    void notificationsForMentionsAndPrivateMessagesOnly();
    void roomDialogListsFiltersAndCreates();
    void quickSwitcherFindsRoomsAndPeople();
    void topicIsShownAndEdited();

private:
    // A peer with the real client logic, in the same server.
    std::unique_ptr<ChatSession> peer(const QString &name);
    QStringList sidebarTitles() const;
    QString shownId() const;
    void triggerMenuAction(const QString &text);

    ChatWindowFixture m_fixture;
};

void GuiRoomsTest::init()
{
    QSettings().clear(); // no rooms remembered from another test
    QVERIFY(m_fixture.start());
}

std::unique_ptr<ChatSession> GuiRoomsTest::peer(const QString &name)
{
    auto session = std::make_unique<ChatSession>();
    QSignalSpy joined(session.get(), &ChatSession::joined);
    session->open(serverUrl(*m_fixture.server), name);
    if (!joined.wait())
        return nullptr;
    return session;
}

QStringList GuiRoomsTest::sidebarTitles() const
{
    QStringList titles;
    const QAbstractItemModel *model = m_fixture.window->sidebar()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        titles << model->index(row, 0).data(ConversationListModel::TitleRole).toString();
    return titles;
}

QString GuiRoomsTest::shownId() const
{
    const auto current = m_fixture.session->conversations()->current();
    return current ? current->id : QString();
}

void GuiRoomsTest::triggerMenuAction(const QString &text)
{
    // The context menu runs its own event loop: the action is chosen from inside it.
    QTimer::singleShot(0, [text] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        for (QAction *action : menu->actions()) {
            if (action->text().remove(QLatin1Char('&')).contains(text)) {
                action->trigger();
                break;
            }
        }
        menu->close();
    });
}

void GuiRoomsTest::sidebarShowsRoomsAndConversationsKeepTheirDrafts()
{
    auto *window = m_fixture.window.get();
    QVERIFY(!window->sidebarPanel()->isVisible()); // nothing to list before joining
    QVERIFY(m_fixture.join("alice"));
    QVERIFY(window->sidebarPanel()->isVisible());
    QCOMPARE(sidebarTitles(), QStringList{"general"});
    m_fixture.session->enterRoom("Dev");
    QTRY_COMPARE(sidebarTitles(), (QStringList{"Dev", "general"}));
    QCOMPARE(shownId(), "Dev");
    QCOMPARE(window->sidebar()->currentIndex().row(), 0);
    QVERIFY(window->windowTitle().startsWith("#Dev — alice"));
    QVERIFY(window->membersLabel()->isVisible());
    QCOMPARE(window->membersLabel()->text(), "1 member in \u2068Dev\u2069");

    QTest::keyClicks(window->editor(), "half a thought");
    QTest::keyClick(window->editor(), Qt::Key_Down, Qt::AltModifier); // to general
    QCOMPARE(shownId(), "general");
    QCOMPARE(window->editor()->toPlainText(), QString());
    QTest::keyClicks(window->editor(), "for general");
    QTest::keyClick(window->editor(), Qt::Key_Up, Qt::AltModifier); // back to Dev
    QCOMPARE(shownId(), "Dev");
    QCOMPARE(window->editor()->toPlainText(), "half a thought");
    QTest::keyClick(window->editor(), Qt::Key_Return);
    QTRY_COMPARE(m_fixture.lines().size(), 1);
    QTRY_VERIFY2(m_fixture.lines().first().endsWith("alice: half a thought"), // delivered
                 qPrintable(m_fixture.lines().first()));
    // Clicking a row of the sidebar shows it.
    const QRect generalRow = window->sidebar()->visualRect(window->sidebar()->model()->index(1, 0));
    QTest::mouseClick(window->sidebar()->viewport(), Qt::LeftButton, {}, generalRow.center());
    QCOMPARE(shownId(), "general");
    QCOMPARE(window->editor()->toPlainText(), "for general");
    QVERIFY(m_fixture.lines().isEmpty()); // Dev's line stays in Dev
}

void GuiRoomsTest::scrollPositionIsKeptPerConversation()
{
    QVERIFY(m_fixture.join("alice"));
    auto bob = peer("bob");
    QVERIFY(bob);
    for (int i = 1; i <= 80; ++i)
        QVERIFY(bob->sendMessage(QString("line %1").arg(i)));
    QTRY_COMPARE(m_fixture.lines().size(), 81); // bob's arrival and his lines
    auto *view = m_fixture.window->messageView();
    QTRY_VERIFY(view->verticalScrollBar()->maximum() > 0);
    view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum() / 2);
    QVERIFY(!view->isFollowingBottom());
    const QString topLine = view->indexAt(QPoint(1, 1)).data().toString();

    m_fixture.session->enterRoom("Dev");
    QTRY_COMPARE(shownId(), "Dev");
    QVERIFY(view->isFollowingBottom()); // a new conversation starts at its end
    m_fixture.session->show(Kind::Room, "general");
    QCOMPARE(view->indexAt(QPoint(1, 1)).data().toString(), topLine);
    QVERIFY(!view->isFollowingBottom());
}

void GuiRoomsTest::unreadAndMentionMarksAndTheNewMessagesLine()
{
    QVERIFY(m_fixture.join("alice"));
    auto bob = peer("bob");
    QVERIFY(bob);
    QVERIFY(bob->sendMessage("read already"));
    QTRY_COMPARE(m_fixture.lines().size(), 2);
    m_fixture.session->enterRoom("Dev");
    QTRY_COMPARE(shownId(), "Dev");
    QVERIFY(bob->sendMessage("while you were in Dev"));
    QVERIFY(bob->sendMessage("alice: look here"));
    const ConversationListModel *list = m_fixture.session->conversations()->list();
    const QModelIndex general = list->index(list->rowOf(Kind::Room, "general"));
    QTRY_COMPARE(general.data(ConversationListModel::UnreadRole).toInt(), 2);
    QCOMPARE(general.data(ConversationListModel::MentionsRole).toInt(), 1);
    QVERIFY(m_fixture.window->windowTitle().startsWith("#Dev"));

    QTest::keyClick(m_fixture.window->editor(), Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(shownId(), "general");
    QCOMPARE(general.data(ConversationListModel::UnreadRole).toInt(), 0);
    // The "new messages" line is above the first of the two that were not read.
    const int marked = m_fixture.messages()->unreadMarkerRow();
    QVERIFY(marked >= 0);
    QCOMPARE(m_fixture.messages()->entry(marked).text, "while you were in Dev");
}

void GuiRoomsTest::messagingSomeoneFromThePeopleList()
{
    QVERIFY(m_fixture.join("alice"));
    auto bob = peer("bob");
    QVERIFY(bob);
    auto *people = m_fixture.window->userView();
    QTRY_COMPARE(people->model()->rowCount(), 2);
    int bobRow = -1;
    for (int row = 0; row < people->model()->rowCount(); ++row) {
        if (people->model()->index(row, 0).data(chat::client::UserListModel::NameRole) == "bob")
            bobRow = row;
    }
    QVERIFY(bobRow >= 0);
    const QRect rect = people->visualRect(people->model()->index(bobRow, 0));
    QTest::mouseClick(people->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(people->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(shownId(), bob->key());
    QVERIFY(m_fixture.window->windowTitle().startsWith("bob — alice"));
    QVERIFY(m_fixture.window->editor()->hasFocus());
    QSignalSpy received(bob.get(), &ChatSession::messageReceived);
    QTest::keyClicks(m_fixture.window->editor(), "just between us");
    QTest::keyClick(m_fixture.window->editor(), Qt::Key_Return);
    QVERIFY(received.wait());
    QCOMPARE(received.first().first().value<chat::ChatMsg>().message, "just between us");
    QCOMPARE(received.first().at(2).toBool(), true);

    // The context menu does the same: back in general, "Message bob".
    m_fixture.session->show(Kind::Room, "general");
    QCOMPARE(people->model()->rowCount(), 2);
    triggerMenuAction("Message");
    const QRect again = people->visualRect(people->model()->index(bobRow, 0));
    QMetaObject::invokeMethod(
        people, [&] { emit people->customContextMenuRequested(again.center()); },
        Qt::DirectConnection);
    QCOMPARE(shownId(), bob->key());
    QCOMPARE(m_fixture.lines().size(), 1); // the conversation as it was
}

void GuiRoomsTest::ctrlPageKeysGoAroundAltArrowsStop()
{
    QVERIFY(m_fixture.join("alice"));
    m_fixture.session->enterRoom("Dev");
    QTRY_COMPARE(sidebarTitles(), (QStringList{"Dev", "general"}));
    auto *editor = m_fixture.window->editor();
    QCOMPARE(shownId(), "Dev");
    QTest::keyClick(editor, Qt::Key_Up, Qt::AltModifier); // at the top: stays
    QCOMPARE(shownId(), "Dev");
    QTest::keyClick(editor, Qt::Key_PageUp, Qt::ControlModifier); // around, as browser tabs
    QCOMPARE(shownId(), "general");
    QTest::keyClick(editor, Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(shownId(), "Dev");
    QTest::keyClick(editor, Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(shownId(), "general");
    QTest::keyClick(editor, Qt::Key_Down, Qt::AltModifier); // at the end: stays
    QCOMPARE(shownId(), "general");
}

void GuiRoomsTest::leavingFromTheSidebarMenu()
{
    QVERIFY(m_fixture.join("alice"));
    m_fixture.session->enterRoom("Dev");
    QTRY_COMPARE(sidebarTitles(), (QStringList{"Dev", "general"}));
    auto *sidebar = m_fixture.window->sidebar();
    triggerMenuAction("Leave");
    const QRect dev = sidebar->visualRect(sidebar->model()->index(0, 0));
    QMetaObject::invokeMethod(
        sidebar, [&] { emit sidebar->customContextMenuRequested(dev.center()); },
        Qt::DirectConnection);
    QTRY_COMPARE(sidebarTitles(), QStringList{"general"});
    QCOMPARE(shownId(), "general");
    QTRY_COMPARE(chat::client::ClientSettings().rooms(serverUrl(*m_fixture.server), "alice"),
                 QStringList{"general"});
}

void GuiRoomsTest::scrollingToTheTopLoadsOlderWithoutJumping()
{
    m_fixture.stop();
    chat::test::TestDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    auto config = rooms::scriptedConfig();
    config.historySize = 30;
    config.databasePath = database.location();
    QVERIFY(m_fixture.start(config));
    {
        auto writer = peer("writer");
        QVERIFY(writer);
        for (int i = 1; i <= 120; ++i)
            QVERIFY(writer->sendMessage(QString("old %1").arg(i)));
        QTRY_COMPARE(writer->pendingCount(), 0);
    }
    QVERIFY(m_fixture.join("alice"));
    auto *view = m_fixture.window->messageView();
    QTRY_COMPARE(m_fixture.rowOf("old 91") >= 0, true);
    QCOMPARE(m_fixture.rowOf("old 90"), -1);
    QTRY_VERIFY(view->verticalScrollBar()->maximum() > 0);

    // The reader scrolls to the top: a page of older lines comes in above, and what was at
    // the top stays where it was.
    QTest::keyClick(view, Qt::Key_Home, Qt::ControlModifier);
    QTRY_VERIFY(m_fixture.rowOf("old 41") >= 0);
    QTRY_COMPARE(view->indexAt(QPoint(1, 1)).data(MessageListModel::TextRole).toString(),
                 QString("old 91"));
    QVERIFY(!view->isFollowingBottom());
    QCOMPARE(m_fixture.rowOf("old 40"), -1); // one page (50) at a time
}

void GuiRoomsTest::notificationsForMentionsAndPrivateMessagesOnly()
{
    QVERIFY(m_fixture.join("alice"));
    auto bob = peer("bob");
    QVERIFY(bob);
    bob->enterRoom("Dev");
    m_fixture.session->enterRoom("Dev");
    QTRY_COMPARE(shownId(), "Dev");
    QWidget other;
    other.show();
    other.activateWindow();
    QTRY_VERIFY(!m_fixture.window->isActiveWindow());
    QSignalSpy mentioned(m_fixture.window->notifier(), &chat::client::Notifier::mentioned);
    QTRY_COMPARE(bob->conversations()->list()->rowCount(), 2);
    bob->show(Kind::Room, "general");
    QVERIFY(bob->sendMessage("in general, nothing for you"));
    QTRY_COMPARE(m_fixture.window->notifier()->unreadCount(), 1);
    QCOMPARE(mentioned.size(), 0); // another room: counted, not notified
    bob->openPrivate(m_fixture.session->key(), "alice");
    QVERIFY(bob->sendMessage("a word in private"));
    QTRY_COMPARE(mentioned.size(), 1);
    QCOMPARE(mentioned.first().at(0).toString(), "bob");
    QCOMPARE(mentioned.first().at(2).toBool(), true); // privately
}

void GuiRoomsTest::roomDialogListsFiltersAndCreates()
{
    QVERIFY(m_fixture.join("alice"));
    auto bob = peer("bob");
    QVERIFY(bob);
    bob->enterRoom("Design");
    bob->enterRoom("Ops");
    QTRY_COMPARE(bob->conversations()->list()->rowCount(), 3);
    bob->setTopic("Ops", "Pager duty and deploys");
    QTRY_COMPARE(bob->conversations()->topic("Ops"), "Pager duty and deploys"); // acknowledged

    // Ctrl+J, or the "+" above the sidebar, opens the dialog; it asks the server for its rooms.
    QTest::keyClick(m_fixture.window->editor(), Qt::Key_J, Qt::ControlModifier);
    auto *dialog =
        m_fixture.window->findChild<chat::client::RoomDirectoryDialog *>("roomDirectory");
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QTRY_COMPARE(dialog->filteredModel()->rowCount(), 3); // Design, general, Ops
    QTRY_VERIFY(dialog->filterField()->hasFocus());
    QTest::keyClicks(dialog->filterField(), "deploy"); // the topic matches too
    QCOMPARE(dialog->filteredModel()->rowCount(), 1);
    QTest::keyClick(dialog->filterField(), Qt::Key_Down);
    QTest::keyClick(dialog->filterField(), Qt::Key_Return);
    QTRY_COMPARE(shownId(), "Ops");
    QCOMPARE(m_fixture.window->topicBar()->topic(), "Pager duty and deploys");

    // A name nobody has used yet creates the room.
    auto *again = m_fixture.window->openRoomDirectory();
    QVERIFY(again);
    QTest::keyClicks(again->filterField(), "Release-2.0");
    QTRY_VERIFY(again->chooseButton()->isEnabled());
    QVERIFY2(again->chooseButton()->text().contains("Create"),
             qPrintable(again->chooseButton()->text()));
    QTest::mouseClick(again->chooseButton(), Qt::LeftButton);
    QTRY_COMPARE(shownId(), "Release-2.0");
    QVERIFY(sidebarTitles().contains("Release-2.0"));
}

void GuiRoomsTest::quickSwitcherFindsRoomsAndPeople()
{
    QVERIFY(m_fixture.join("alice"));
    auto bob = peer("bob");
    QVERIFY(bob);
    m_fixture.session->enterRoom("Dev");
    QTRY_COMPARE(shownId(), "Dev");
    auto *switcher = m_fixture.window->quickSwitcher();
    QTest::keyClick(m_fixture.window->editor(), Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(switcher->isVisible());
    QTRY_VERIFY(switcher->field()->hasFocus());
    QTest::keyClicks(switcher->field(), "gen");
    QTest::keyClick(switcher->field(), Qt::Key_Return);
    QCOMPARE(shownId(), "general");
    QVERIFY(!switcher->isVisible());
    QTRY_VERIFY(m_fixture.window->editor()->hasFocus()); // back where the user was

    // People without a conversation yet: choosing one opens it.
    QTest::keyClick(m_fixture.window->editor(), Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(switcher->field()->hasFocus());
    QTest::keyClicks(switcher->field(), "bo");
    QTest::keyClick(switcher->field(), Qt::Key_Return);
    QCOMPARE(shownId(), bob->key());
    // Escape closes it without a change.
    QTest::keyClick(m_fixture.window->editor(), Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(switcher->field()->hasFocus());
    QTest::keyClick(switcher->field(), Qt::Key_Escape);
    QVERIFY(!switcher->isVisible());
    QCOMPARE(shownId(), bob->key());
}

void GuiRoomsTest::topicIsShownAndEdited()
{
    QVERIFY(m_fixture.join("alice"));
    auto bob = peer("bob");
    QVERIFY(bob);
    auto *bar = m_fixture.window->topicBar();
    QVERIFY(bar->isVisible());
    QVERIFY(bar->isEditable());
    QCOMPARE(bar->topic(), QString());
    bar->startEditing();
    QTest::keyClicks(bar->editor(), "Ship it Friday");
    QTest::keyClick(bar->editor(), Qt::Key_Return);
    QTRY_COMPARE(bar->topic(), "Ship it Friday");
    QTRY_COMPARE(bob->conversations()->topic("general"), "Ship it Friday");
    // Someone else's change shows too, with a line in the conversation.
    bob->setTopic("general", "Ship it Monday");
    QTRY_COMPARE(bar->topic(), "Ship it Monday");
    QTRY_VERIFY(m_fixture.lines().last().contains("changed the topic to"));
    QVERIFY(m_fixture.lines().last().contains("Ship it Monday"));
    // A private conversation has no topic to edit.
    m_fixture.session->openPrivate(bob->key(), "bob");
    QVERIFY(!bar->isEditable());
    QVERIFY(bar->titleLabel()->text().contains("Private conversation with \u2068bob\u2069"));
}

int runGuiRoomsTests(int argc, char **argv)
{
    GuiRoomsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "gui_rooms.moc"
