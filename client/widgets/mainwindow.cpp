#include "mainwindow.h"

#include "clientsettings.h"
#include "messagedelegate.h"
#include "messageedit.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

namespace chat::client {

MainWindow::MainWindow(ChatSession *session, QWidget *parent)
    : QMainWindow(parent), m_session(session), m_messageView(new QListView),
      m_userView(new QListView), m_onlineLabel(new QLabel), m_editor(new MessageEdit),
      m_sendButton(new QPushButton(tr("&Send"))), m_statusLabel(new QLabel)
{
    setWindowTitle(tr("Chat"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/chat.svg")));

    m_messageView->setModel(session->messages());
    m_messageView->setItemDelegate(new MessageDelegate(m_messageView));
    m_messageView->setWordWrap(true);
    m_messageView->setTextElideMode(Qt::ElideNone);
    m_messageView->setUniformItemSizes(false);
    m_messageView->setResizeMode(QListView::Adjust);
    m_messageView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_messageView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_messageView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_messageView->setAccessibleName(tr("Messages"));

    m_userView->setModel(session->users());
    m_userView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_userView->setAccessibleName(tr("Users online"));
    m_onlineLabel->setAccessibleName(tr("Number of users online"));
    m_editor->setAccessibleName(tr("Message text"));
    m_sendButton->setAccessibleName(tr("Send message"));

    auto *usersPanel = new QWidget;
    auto *usersLayout = new QVBoxLayout(usersPanel);
    usersLayout->setContentsMargins(0, 0, 0, 0);
    usersLayout->addWidget(m_onlineLabel);
    usersLayout->addWidget(m_userView);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(m_messageView);
    splitter->addWidget(usersPanel);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);

    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_editor, 1);
    inputRow->addWidget(m_sendButton, 0, Qt::AlignBottom);

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(splitter, 1);
    layout->addLayout(inputRow);
    setCentralWidget(central);
    statusBar()->addWidget(m_statusLabel, 1);
    setTabOrder(m_editor, m_sendButton);
    setTabOrder(m_sendButton, m_messageView);
    setTabOrder(m_messageView, m_userView);
    buildMenus();

    auto *messages = session->messages();
    connect(messages, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_messageView->verticalScrollBar();
        m_followBottom = bar->value() >= bar->maximum();
    });
    connect(messages, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followBottom)
            m_messageView->scrollToBottom();
    });
    connect(messages, &QAbstractItemModel::modelReset, m_messageView, &QListView::scrollToBottom);
    connect(session->users(), &UserListModel::countChanged, this, &MainWindow::updateOnlineCount);
    connect(session, &ChatSession::stateChanged, this, &MainWindow::onStateChanged);
    connect(session, &ChatSession::joinRefused, this, &MainWindow::onJoinRefused);
    connect(session, &ChatSession::serverError, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10'000); });
    connect(m_editor, &MessageEdit::submitted, this, &MainWindow::send);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &MainWindow::updateSendEnabled);
    connect(m_sendButton, &QPushButton::clicked, this, &MainWindow::send);

    updateOnlineCount(session->users()->count());
    onStateChanged(session->state());

    const QByteArray geometry = ClientSettings().windowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(820, 560);
}

void MainWindow::buildMenus()
{
    QMenu *chat = menuBar()->addMenu(tr("&Chat"));
    QAction *reconnect = chat->addAction(tr("&Reconnect"), this, &MainWindow::reconnect);
    reconnect->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
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
}

void MainWindow::send()
{
    const QString text = m_editor->toPlainText();
    if (text.trimmed().isEmpty())
        return;
    if (m_session->sendMessage(text))
        m_editor->clear();
}

void MainWindow::updateSendEnabled()
{
    m_sendButton->setEnabled(m_session->state() == ChatSession::State::Joined &&
                             !m_editor->toPlainText().trimmed().isEmpty());
}

void MainWindow::updateOnlineCount(int count)
{
    m_onlineLabel->setText(count == 1 ? tr("1 user online")
                                      : tr("%n users online", nullptr, count));
}

void MainWindow::onStateChanged(ChatSession::State state)
{
    const QString server = m_session->url().toString();
    switch (state) {
    case ChatSession::State::Disconnected:
        m_statusLabel->setText(m_session->url().isEmpty() ? tr("Not connected")
                                                          : tr("Disconnected from %1 — Ctrl+R "
                                                               "reconnects")
                                                                .arg(server));
        break;
    case ChatSession::State::Connecting:
        m_statusLabel->setText(tr("Connecting to %1…").arg(server));
        break;
    case ChatSession::State::Joining:
        m_statusLabel->setText(tr("Joining %1…").arg(server));
        break;
    case ChatSession::State::NameRefused:
        m_statusLabel->setText(tr("Connected to %1; choose a name").arg(server));
        break;
    case ChatSession::State::Joined:
        m_statusLabel->setText(tr("Connected to %1 as %2").arg(server, m_session->name()));
        setWindowTitle(tr("Chat — %1").arg(m_session->name()));
        m_editor->setFocus();
        break;
    }
    updateSendEnabled();
}

void MainWindow::onJoinRefused(const QString &reason)
{
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("nameDialog"));
    dialog->setWindowTitle(tr("Choose another name"));
    dialog->setLabelText(tr("%1\nYour name:").arg(reason));
    dialog->setTextValue(m_session->name());
    connect(dialog, &QInputDialog::textValueSelected, m_session, &ChatSession::join);
    connect(dialog, &QDialog::rejected, this, &QWidget::close);
    dialog->open();
}

void MainWindow::copySelection()
{
    QStringList lines;
    auto rows = m_messageView->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    for (const QModelIndex &index : std::as_const(rows))
        lines << index.data(Qt::DisplayRole).toString();
    if (!lines.isEmpty())
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

void MainWindow::reconnect()
{
    if (m_session->state() == ChatSession::State::Disconnected && !m_session->url().isEmpty())
        m_session->open(m_session->url(), m_session->name());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    ClientSettings().setWindowGeometry(saveGeometry());
    m_session->close();
    QMainWindow::closeEvent(event);
}

} // namespace chat::client
