#include "mainwindow.h"

#include "accountcontroller.h"
#include "clientsettings.h"
#include "connectdialog.h"
#include "connectionstatus.h"
#include "findbar.h"
#include "messagedelegate.h"
#include "messageedit.h"
#include "messageview.h"
#include "notifier.h"
#include "peopledelegate.h"
#include "quickswitcher.h"
#include "textrules.h"
#include "theme.h"
#include "topicbar.h"
#include "validation.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTextEdit>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace chat::client {

MainWindow::MainWindow(ChatSession *session, QWidget *parent)
    : QMainWindow(parent), m_session(session), m_messageView(new MessageView),
      m_userView(new QListView), m_sidebar(new QListView), m_sidebarPanel(new QWidget),
      m_membersLabel(new QLabel), m_topicBar(new TopicBar), m_quickSwitcher(nullptr),
      m_onlineLabel(new QLabel), m_typingLabel(new QLabel), m_editor(new MessageEdit),
      m_sendButton(new QPushButton(tr("&Send"))), m_counterLabel(new QLabel), m_findBar(nullptr),
      m_status(new ConnectionStatus(session, statusBar())),
      m_splitter(new QSplitter(Qt::Horizontal)), m_notifier(new Notifier(this, session)),
      m_accounts(new AccountController(session, this)), m_openUrl(&QDesktopServices::openUrl)
{
    setWindowIcon(QIcon(QStringLiteral(":/icons/chat.svg")));
    m_messageView->setModel(m_session->messages());
    m_findBar = new FindBar(m_messageView);
    buildLayout();
    buildMenus();
    buildModeration();
    buildMap();
    connectSession();
    connectConversations();
    showCurrentConversation();
    updateRoomsVisible();
    updateOnlineCount(session->users()->count());
    m_status->update();
    updateTitle();

    restoreLayout();
}

void MainWindow::buildLayout()
{
    // Double-click or F2: a read-only copy of the message for selecting part of its text.
    m_messageView->setEditTriggers(QAbstractItemView::DoubleClicked |
                                   QAbstractItemView::EditKeyPressed);
    m_messageView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_messageView->setAccessibleName(tr("Messages"));
    m_messageView->setAccessibleDescription(
        tr("The conversation. Ctrl+C copies the selected messages; F2 or a double-click "
           "selects within one."));

    m_userView->setItemDelegate(new PeopleDelegate(m_userView)); // names, account marks
    m_editor->setNameSource([this] { // the people of the conversation shown
        const auto *people = qobject_cast<const UserListModel *>(m_userView->model());
        QStringList names = people ? people->names() : QStringList();
        names.removeAll(m_session->name());
        return names;
    });
    m_userView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_userView->setAccessibleName(tr("Users online"));
    m_onlineLabel->setAccessibleName(tr("Number of users online"));
    m_onlineLabel->setBuddy(m_userView);
    m_typingLabel->setAccessibleName(tr("Who is typing"));
    m_typingLabel->setForegroundRole(QPalette::PlaceholderText);
    m_typingLabel->setMinimumHeight(m_typingLabel->fontMetrics().height());
    m_editor->setAccessibleName(tr("Message text"));
    m_sendButton->setAccessibleName(tr("Send message"));
    m_counterLabel->setAccessibleName(tr("Message length"));
    m_counterLabel->setVisible(false);

    auto *usersPanel = new QWidget;
    auto *usersLayout = new QVBoxLayout(usersPanel);
    usersLayout->setContentsMargins(0, 0, 0, 0);
    usersLayout->addWidget(m_onlineLabel);
    usersLayout->addWidget(m_membersLabel);
    usersLayout->addWidget(m_userView);
    m_membersLabel->setAccessibleName(tr("Members of the room"));
    m_membersLabel->setBuddy(m_userView);
    m_splitter->addWidget(buildSidebar());
    auto *conversationPanel = new QWidget;
    auto *conversationLayout = new QVBoxLayout(conversationPanel);
    conversationLayout->setContentsMargins(0, 0, 0, 0);
    conversationLayout->setSpacing(0);
    conversationLayout->addWidget(m_topicBar);
    conversationLayout->addWidget(m_messageView, 1);
    m_topicBar->setVisible(false); // rooms servers only
    m_splitter->addWidget(conversationPanel);
    m_splitter->addWidget(usersPanel);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 4);
    m_splitter->setStretchFactor(2, 1);
    m_splitter->setChildrenCollapsible(false);

    auto *sendColumn = new QVBoxLayout;
    sendColumn->addStretch(1);
    sendColumn->addWidget(m_counterLabel, 0, Qt::AlignRight);
    sendColumn->addWidget(m_sendButton);
    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_editor, 1);
    inputRow->addLayout(sendColumn);

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_findBar);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_typingLabel);
    layout->addLayout(inputRow);
    setCentralWidget(central);
    setTabOrder(m_editor, m_sendButton);
    setTabOrder(m_sendButton, m_messageView);
    setTabOrder(m_messageView, m_userView);
    setTabOrder(m_userView, m_sidebar);
    setTabOrder(m_sidebar, m_status->reconnectButton());
}

void MainWindow::buildMenus()
{
    QMenu *chat = menuBar()->addMenu(tr("&Chat"));
    QAction *reconnect =
        chat->addAction(tr("&Reconnect now"), m_session, &ChatSession::reconnectNow);
    reconnect->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    chat->addAction(tr("C&hange server or name…"), this, [this] { changeServer(); });
    chat->addSeparator();
    QAction *quit = chat->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *copy = edit->addAction(tr("&Copy messages"), this, &MainWindow::copySelection);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_messageView->addAction(copy);
    QAction *focusInput =
        edit->addAction(tr("&Write a message"), this, [this] { m_editor->setFocus(); });
    focusInput->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    QAction *focusMessages =
        edit->addAction(tr("Go to the &messages"), this, [this] { m_messageView->setFocus(); });
    focusMessages->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    QAction *focusUsers =
        edit->addAction(tr("Go to the &users"), this, [this] { m_userView->setFocus(); });
    focusUsers->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    edit->addSeparator();
    QAction *find = edit->addAction(tr("&Find…"), m_findBar, &FindBar::activate);
    find->setShortcut(QKeySequence::Find);
    QAction *findAgain = edit->addAction(tr("Find &older"), m_findBar, [this] {
        m_findBar->isVisible() ? m_findBar->step(true) : m_findBar->activate();
    });
    findAgain->setShortcut(QKeySequence::FindNext);
    QAction *findNewer = edit->addAction(tr("Find &newer"), m_findBar, [this] {
        m_findBar->isVisible() ? m_findBar->step(false) : m_findBar->activate();
    });
    findNewer->setShortcut(QKeySequence::FindPrevious);

    buildConversationActions(menuBar()->addMenu(tr("&Rooms")));
    m_accounts->buildMenu(menuBar()->addMenu(tr("&Account")));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QMenu *theme = view->addMenu(tr("&Theme"));
    auto *themes = new QActionGroup(this);
    const QString current = ClientSettings().theme();
    const std::pair<QString, QString> choices[] = {{QStringLiteral("system"), tr("&System")},
                                                   {QStringLiteral("light"), tr("&Light")},
                                                   {QStringLiteral("dark"), tr("&Dark")}};
    for (const auto &[id, label] : choices) {
        QAction *action = theme->addAction(label, this, [this, id = id] { setTheme(id); });
        action->setCheckable(true);
        action->setChecked(id == current);
        themes->addAction(action);
    }
}

void MainWindow::connectSession()
{
    connect(m_session->users(), &UserListModel::countChanged, this, &MainWindow::updateOnlineCount);
    connect(m_session, &ChatSession::stateChanged, this, [this](ChatSession::State state) {
        // Live messages are new; the history shown on joining is not.
        m_messageView->setTrackingNewMessages(state == ChatSession::State::Joined);
        updateTitle();
        updateSendEnabled();
        if (state == ChatSession::State::Joined)
            m_editor->setFocus();
    });
    connect(m_session, &ChatSession::joined, this, &MainWindow::onJoined);
    connect(m_session, &ChatSession::joinRefused, this, &MainWindow::onJoinRefused);
    connect(m_status, &ConnectionStatus::changeServerRequested, this, [this] { changeServer(); });
    connect(m_findBar, &FindBar::closed, this, [this] { m_editor->setFocus(); });
    connect(m_session, &ChatSession::untrustedCertificate, this,
            &MainWindow::onUntrustedCertificate);
    connect(m_session, &ChatSession::serverError, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10'000); });
    connect(m_session->typing(), &TypingTracker::changed, this, &MainWindow::updateTyping);
    connect(m_notifier, &Notifier::unreadChanged, this, &MainWindow::updateTitle);
    // Also where no tray can show it: the status bar says who named you.
    connect(m_notifier, &Notifier::mentioned, this, [this](const QString &sender) {
        statusBar()->showMessage(tr("%1 mentioned you").arg(textrules::isolate(sender)), 30'000);
    });
    connect(messageDelegate(), &MessageDelegate::linkActivated, this, &MainWindow::openLink);
    connect(messageDelegate(), &MessageDelegate::retryRequested, this, &MainWindow::retry);
    connect(m_messageView, &QWidget::customContextMenuRequested, this,
            &MainWindow::showMessageMenu);
    connect(m_editor, &MessageEdit::submitted, this, &MainWindow::send);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &MainWindow::onTextEdited);
    connect(m_sendButton, &QPushButton::clicked, this, &MainWindow::send);
}

QLabel *MainWindow::statusLabel() const
{
    return m_status->label();
}

QToolButton *MainWindow::reconnectButton() const
{
    return m_status->reconnectButton();
}

QToolButton *MainWindow::changeServerButton() const
{
    return m_status->changeServerButton();
}

MessageDelegate *MainWindow::messageDelegate() const
{
    return m_messageView->messageDelegate();
}

void MainWindow::onJoined()
{
    // What worked is what the next start suggests (not a name the server refused).
    ClientSettings settings;
    settings.setServerUrl(m_session->url());
    settings.setName(m_session->name());
}

void MainWindow::retry(const QModelIndex &index)
{
    m_session->retry(index.data(MessageListModel::SerialRole).toULongLong());
    m_status->update();
}

void MainWindow::send()
{
    const QString typed = m_editor->toPlainText();
    const QString text = textrules::withoutControlCharacters(typed);
    if (!m_sendButton->isEnabled())
        return;
    if (m_session->sendMessage(text)) {
        m_editor->remember(typed);
        m_editor->clear();
        m_status->update();                 // "n messages waiting" while offline
        m_messageView->clearUnreadMarker(); // answering: read up to here
        m_messageView->followBottom();
    }
}

void MainWindow::onTextEdited()
{
    if (!m_switching && !m_editor->toPlainText().isEmpty())
        m_session->notifyTyping();
    updateSendEnabled();
}

void MainWindow::updateSendEnabled()
{
    const QString text = textrules::withoutControlCharacters(m_editor->toPlainText());
    const int max = m_session->maxTextBytes();
    const int left = max - int(validation::utf8Length(text));
    const bool tooLong = left < 0;
    // The counter appears near the limit: within a fifth of it.
    m_counterLabel->setVisible(left < max / 5);
    m_counterLabel->setText(tooLong ? tr("%n byte(s) too long", nullptr, -left)
                                    : tr("%n byte(s) left", nullptr, left));
    m_counterLabel->setForegroundRole(tooLong ? QPalette::BrightText : QPalette::PlaceholderText);
    m_counterLabel->setStyleSheet(
        tooLong ? QStringLiteral("color: %1; font-weight: bold;").arg(colors::error.name())
                : QString());
    const bool usable = !m_session->url().isEmpty() &&
                        m_session->state() != ChatSession::State::NameRefused &&
                        (!m_session->hasJoined() || m_session->conversations()->current());
    m_sendButton->setEnabled(usable && !tooLong && !text.trimmed().isEmpty());
    m_sendButton->setToolTip(
        tooLong ? tr("The message is longer than the server accepts (%1 bytes of UTF-8).").arg(max)
                : QString());
}

void MainWindow::updateTitle()
{
    // "alice — Chat": the application's name last, as the platform would add it.
    QString who = m_session->name(); // the user's own words: nothing to isolate
    if (m_session->state() != ChatSession::State::Joined && !m_session->url().isEmpty())
        who = tr("%1 (offline)").arg(who);
    QString title = who.isEmpty() ? tr("Chat") : tr("%1 — Chat").arg(who.trimmed());
    if (const auto current = m_session->conversations()->current();
        current && m_session->hasRooms())
        title = tr("%1 — %2").arg(current->kind == ConversationListModel::Kind::Room
                                      ? QStringLiteral("#") + current->title
                                      : current->title,
                                  title);
    const int unread = m_notifier->unreadCount();
    if (unread > 0)
        title = QStringLiteral("(%1) %2").arg(unread).arg(title);
    setWindowTitle(title);
    setWindowIcon(Notifier::badgedIcon(unread));
}

void MainWindow::updateOnlineCount(int count)
{
    m_onlineLabel->setText(tr("%n user(s) online", nullptr, count));
}

void MainWindow::openLink(const QUrl &url)
{
    if (textrules::isSafeLink(url))
        m_openUrl(url);
}

void MainWindow::copySelection()
{
    // Inside a message opened for selection (F2, double-click): its selected text.
    if (auto *text = qobject_cast<QTextEdit *>(QApplication::focusWidget());
        text && text->textCursor().hasSelection()) {
        text->copy();
        return;
    }
    QStringList lines;
    auto rows = m_messageView->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    for (const QModelIndex &index : std::as_const(rows))
        lines << index.data(Qt::DisplayRole).toString();
    if (!lines.isEmpty())
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

void MainWindow::showMessageMenu(const QPoint &pos)
{
    const QModelIndex index = m_messageView->indexAt(pos);
    if (!index.isValid())
        return;
    if (!m_messageView->selectionModel()->isSelected(index))
        m_messageView->setCurrentIndex(index);
    QMenu menu(this);
    menu.addAction(tr("&Copy"), this, &MainWindow::copySelection);
    if (index.data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>() ==
            MessageListModel::Delivery::Failed &&
        index.data(MessageListModel::KindRole).value<MessageListModel::Kind>() ==
            MessageListModel::Kind::Own)
        menu.addAction(tr("&Retry sending"), this, [this, index] { retry(index); });
    const QString text = index.data(MessageListModel::TextRole).toString();
    if (!text.isEmpty())
        menu.addAction(tr("Copy the &text only"), this,
                       [text] { QApplication::clipboard()->setText(text); });
    addMessageModerationActions(&menu, index);
    const QUrl link = messageDelegate()->linkAt(index, pos);
    if (!link.isEmpty()) {
        menu.addSeparator();
        menu.addAction(tr("&Open link"), this, [this, link] { openLink(link); });
        menu.addAction(tr("Copy &link address"), this,
                       [link] { QApplication::clipboard()->setText(link.toString()); });
    }
    menu.exec(m_messageView->viewport()->mapToGlobal(pos));
}

void MainWindow::setTheme(const QString &theme)
{
    ClientSettings().setTheme(theme);
    applyTheme(theme);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    m_session->close();
    QMainWindow::closeEvent(event);
}

} // namespace chat::client
