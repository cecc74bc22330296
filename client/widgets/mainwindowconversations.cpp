// MainWindow: the rooms and private conversations (protocol feature "rooms"): the sidebar,
// switching between conversations (each keeps its scroll position and draft), the people list of
// the conversation shown, and the keyboard's ways between them.
#include "mainwindow.h"

#include "conversationdelegate.h"
#include "findbar.h"
#include "messageedit.h"
#include "messageview.h"
#include "quickswitcher.h"
#include "roomdirectorydialog.h"
#include "textrules.h"
#include "topicbar.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace chat::client {

using Kind = ConversationListModel::Kind;

QString MainWindow::conversationKey(Kind kind, const QString &id)
{
    // Room names are unique ignoring case; keys are exact.
    return kind == Kind::Room ? QStringLiteral("room:") + id.toCaseFolded()
                              : QStringLiteral("private:") + id;
}

QWidget *MainWindow::buildSidebar()
{
    m_sidebar->setModel(m_session->conversations()->list());
    m_sidebar->setItemDelegate(new ConversationDelegate(m_sidebar));
    m_sidebar->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sidebar->setContextMenuPolicy(Qt::CustomContextMenu);
    m_sidebar->setAccessibleName(tr("Rooms and conversations"));
    m_sidebar->setAccessibleDescription(
        tr("Alt+Up and Alt+Down move between them; Ctrl+K finds one by name."));

    auto *title = new QLabel(tr("Rooms"));
    title->setBuddy(m_sidebar);
    auto *add = new QToolButton;
    add->setObjectName(QStringLiteral("joinRoomButton"));
    add->setText(QStringLiteral("+"));
    add->setToolTip(tr("Join or create a room (Ctrl+J)"));
    add->setAccessibleName(tr("Join or create a room"));
    add->setAutoRaise(true);
    connect(add, &QToolButton::clicked, this, &MainWindow::openRoomDirectory);
    auto *header = new QHBoxLayout;
    header->addWidget(title, 1);
    header->addWidget(add);
    auto *layout = new QVBoxLayout(m_sidebarPanel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_sidebar, 1);

    m_quickSwitcher = new QuickSwitcher(this);
    m_quickSwitcher->setObjectName(QStringLiteral("quickSwitcher"));
    m_sidebarPanel->setVisible(false); // until a rooms server says there are rooms
    return m_sidebarPanel;
}

void MainWindow::buildConversationActions(QMenu *menu)
{
    const auto add = [this, menu](const QString &text, const QList<QKeySequence> &keys, auto slot) {
        QAction *action = menu->addAction(text, this, slot);
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WindowShortcut);
        action->setEnabled(false);
        m_roomActions << action;
        return action;
    };
    add(tr("&Join or create a room…"), {QKeySequence(Qt::CTRL | Qt::Key_J)},
        [this] { openRoomDirectory(); });
    add(tr("&Find a room or person…"), {QKeySequence(Qt::CTRL | Qt::Key_K)},
        [this] { m_quickSwitcher->popup(); });
    add(tr("Change the &topic…"), {}, [this] { m_topicBar->startEditing(); });
    add(tr("&Leave this room"), {}, [this] {
        const auto current = m_session->conversations()->current();
        if (current && current->kind == Kind::Room)
            m_session->leaveRoom(current->id);
    });
    menu->addSeparator();
    add(tr("&Next conversation"), {QKeySequence(Qt::ALT | Qt::Key_Down)},
        [this] { stepConversation(1, false); });
    add(tr("&Previous conversation"), {QKeySequence(Qt::ALT | Qt::Key_Up)},
        [this] { stepConversation(-1, false); });
    // As a browser's tabs: around the ends. Window actions, not menu items (a hidden menu item's
    // shortcut does not work).
    const auto around = [this](const QKeySequence &key, int step) {
        auto *action = new QAction(this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, [this, step] { stepConversation(step, true); });
        addAction(action);
    };
    around(QKeySequence(Qt::CTRL | Qt::Key_PageDown), 1);
    around(QKeySequence(Qt::CTRL | Qt::Key_PageUp), -1);
}

void MainWindow::connectConversations()
{
    ConversationListModel *list = m_session->conversations()->list();
    connect(list, &ConversationListModel::currentChanged, this,
            &MainWindow::showCurrentConversation);
    connect(list, &ConversationListModel::totalUnreadChanged, this, &MainWindow::updateTitle);
    connect(m_sidebar->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &index) {
                if (index.isValid() && !m_switching)
                    m_session->show(index.data(ConversationListModel::KindRole).value<Kind>(),
                                    index.data(ConversationListModel::IdRole).toString());
            });
    connect(m_sidebar, &QWidget::customContextMenuRequested, this, &MainWindow::showSidebarMenu);
    m_userView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_userView, &QWidget::customContextMenuRequested, this, &MainWindow::showPeopleMenu);
    connect(m_userView, &QAbstractItemView::doubleClicked, this, &MainWindow::messagePerson);
    connect(m_userView, &QAbstractItemView::activated, this, &MainWindow::messagePerson);
    connect(m_messageView, &MessageView::reachedTop, m_session, &ChatSession::loadOlder);
    connect(m_session, &ChatSession::joined, this, &MainWindow::updateRoomsVisible);
    connect(m_session, &ChatSession::joined, this, [this] {
        m_quickSwitcher->setSources(m_session->conversations()->list(), m_session->users(),
                                    m_session->key());
        m_topicBar->setMaxLength(m_session->maxTopicLength());
    });
    connect(m_quickSwitcher, &QuickSwitcher::conversationChosen, m_session, &ChatSession::show);
    connect(m_quickSwitcher, &QuickSwitcher::personChosen, m_session, &ChatSession::openPrivate);
    connect(m_topicBar, &TopicBar::topicEdited, this, [this](const QString &topic) {
        const auto current = m_session->conversations()->current();
        if (current && current->kind == Kind::Room)
            m_session->setTopic(current->id, topic);
    });
    // A topic changed (by anyone): the bar shows the room's.
    connect(m_session->conversations()->list(), &QAbstractItemModel::dataChanged, this,
            &MainWindow::updateTopicBar);
    connect(m_session, &ChatSession::requestFailed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10'000); });
}

RoomDirectoryDialog *MainWindow::openRoomDirectory()
{
    if (!m_session->hasRooms())
        return nullptr;
    auto *dialog = new RoomDirectoryDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("roomDirectory"));
    dialog->setJoinedRooms(m_session->conversations()->list()->roomNames());
    const auto refresh = [this, dialog] {
        dialog->setLoading(true);
        m_session->listRooms();
    };
    connect(m_session, &ChatSession::roomsListed, dialog, &RoomDirectoryDialog::setRooms);
    connect(m_session, &ChatSession::requestFailed, dialog, &RoomDirectoryDialog::setError);
    connect(dialog, &RoomDirectoryDialog::refreshRequested, dialog, refresh);
    connect(dialog, &RoomDirectoryDialog::roomChosen, m_session, &ChatSession::enterRoom);
    dialog->open();
    refresh();
    return dialog;
}

void MainWindow::updateTopicBar()
{
    const auto current = m_session->conversations()->current();
    m_topicBar->setVisible(current && m_session->hasRooms());
    if (!current)
        return;
    if (current->kind == Kind::Room) {
        if (!m_topicBar->isEditing() || m_topicBar->topic() != current->topic)
            m_topicBar->setConversation(QStringLiteral("#") + current->title, current->topic, true);
    } else {
        m_topicBar->setConversation(
            tr("Private conversation with %1").arg(textrules::isolate(current->title)), {}, false);
    }
}

void MainWindow::updateRoomsVisible()
{
    const bool show = m_session->hasRooms();
    for (QAction *action : std::as_const(m_roomActions))
        action->setEnabled(show);
    updateTopicBar();
    if (show == m_sidebarPanel->isVisible())
        return;
    QList<int> sizes = m_splitter->sizes();
    m_sidebarPanel->setVisible(show);
    // With rooms the list is the room's members, counted above it; everyone online is counted
    // below it, so that the two numbers are not read as one.
    if (auto *people = qobject_cast<QVBoxLayout *>(m_onlineLabel->parentWidget()->layout())) {
        people->removeWidget(m_onlineLabel);
        people->insertWidget(show ? people->count() : 0, m_onlineLabel);
    }
    if (!show || sizes.size() != 3)
        return;
    // The messages keep most of the width: the sidebar and the people list a fifth each at most.
    const int total = sizes[1] + sizes[2];
    const int side = qMin(200, total / 5);
    sizes[2] = qMin(sizes[2], total / 5);
    sizes[0] = side;
    sizes[1] = total - side - sizes[2];
    m_splitter->setSizes(sizes);
}

void MainWindow::showCurrentConversation()
{
    Conversations *conversations = m_session->conversations();
    const auto current = conversations->current();
    const QString key = current ? conversationKey(current->kind, current->id) : QString();
    if (!m_shownConversation.isEmpty() && key != m_shownConversation) {
        ConversationView &left = m_conversationViews[m_shownConversation];
        left.position = m_messageView->position();
        left.draft = m_editor->toPlainText();
    }
    const bool another = key != m_shownConversation;
    m_shownConversation = key;

    m_switching = true;
    MessageListModel *messages = m_session->messages();
    const ConversationView view = m_conversationViews.value(key);
    if (another) {
        const int unread = conversations->list()->unreadWhenShown();
        messages->markLastUnread(unread);
        m_messageView->showModel(messages, view.position);
        if (const int marker = messages->unreadMarkerRow(); unread > 0 && marker >= 0)
            m_messageView->scrollTo(messages->index(marker), QAbstractItemView::EnsureVisible);
        m_editor->setPlainText(view.draft);
        m_editor->moveCursor(QTextCursor::End);
        m_findBar->close();
    }
    UserListModel *people = current && current->kind == Kind::Room
                                ? conversations->members(current->id)
                                : m_session->users();
    if (m_userView->model() != people) {
        disconnect(m_peopleCounted);
        m_userView->setModel(people);
        m_peopleCounted =
            connect(people, &UserListModel::countChanged, this, &MainWindow::updateMembersLabel);
    }
    if (current) {
        const int row = conversations->list()->rowOf(current->kind, current->id);
        m_sidebar->setCurrentIndex(conversations->list()->index(row));
    }
    m_switching = false;
    updateMembersLabel();
    updateTopicBar();
    updateTyping();
    updateTitle();
    updateSendEnabled();
}

void MainWindow::updateMembersLabel()
{
    const auto current = m_session->conversations()->current();
    const bool room = current && current->kind == Kind::Room && m_session->hasRooms();
    m_membersLabel->setVisible(room);
    if (room)
        m_membersLabel->setText(tr("%n member(s) in %1", nullptr, m_userView->model()->rowCount())
                                    .arg(textrules::isolate(current->title)));
}

void MainWindow::updateTyping()
{
    const auto current = m_session->conversations()->current();
    if (!current || !m_session->hasRooms()) {
        m_typingLabel->setText(m_session->typing()->text());
        return;
    }
    const QString shown = current->id;
    const bool room = current->kind == Kind::Room;
    m_typingLabel->setText(m_session->typing()->text([this, shown, room](const QString &key) {
        if (!room)
            return key == shown; // the other person of a private conversation
        const UserListModel *members = m_session->conversations()->members(shown);
        return members && members->user(key).has_value();
    }));
}

void MainWindow::stepConversation(int step, bool wrap)
{
    const ConversationListModel *list = m_session->conversations()->list();
    const int count = list->rowCount();
    const auto current = list->current();
    if (count == 0 || !current)
        return;
    int row = list->rowOf(current->kind, current->id) + step;
    if (row < 0 || row >= count) {
        if (!wrap)
            return;
        row = (row + count) % count;
    }
    m_session->show(list->conversation(row).kind, list->conversation(row).id);
}

void MainWindow::showSidebarMenu(const QPoint &pos)
{
    const QModelIndex index = m_sidebar->indexAt(pos);
    if (!index.isValid())
        return;
    const auto kind = index.data(ConversationListModel::KindRole).value<Kind>();
    const QString id = index.data(ConversationListModel::IdRole).toString();
    const QString title =
        textrules::isolate(index.data(ConversationListModel::TitleRole).toString());
    QMenu menu(this);
    if (kind == Kind::Room) {
        menu.addAction(tr("&Leave %1").arg(title), this, [this, id] { m_session->leaveRoom(id); });
    } else {
        menu.addAction(tr("&Close the conversation with %1").arg(title), this,
                       [this, id] { m_session->conversations()->closePrivate(id); });
    }
    menu.exec(m_sidebar->viewport()->mapToGlobal(pos));
}

void MainWindow::showPeopleMenu(const QPoint &pos)
{
    const QModelIndex index = m_userView->indexAt(pos);
    if (!index.isValid() || index.data(UserListModel::IsSelfRole).toBool())
        return;
    QMenu menu(this);
    if (m_session->hasRooms())
        menu.addAction(tr("&Message %1")
                           .arg(textrules::isolate(index.data(UserListModel::NameRole).toString())),
                       this, [this, index] { messagePerson(index); });
    addPersonModerationActions(&menu, index);
    if (menu.isEmpty())
        return;
    menu.exec(m_userView->viewport()->mapToGlobal(pos));
}

void MainWindow::messagePerson(const QModelIndex &index)
{
    if (!index.isValid() || !m_session->hasRooms() ||
        index.data(UserListModel::IsSelfRole).toBool())
        return;
    m_session->openPrivate(index.data(UserListModel::KeyRole).toString(),
                           index.data(UserListModel::NameRole).toString());
    m_editor->setFocus();
}

} // namespace chat::client
