// MainWindow: moderation (protocol feature "accounts"): Kick… and Ban… in the people list's
// menu, Delete message… in the messages' menu, Moderation → Bans…, and the banner that says the
// server removed the user.
#include "mainwindow.h"

#include "bansdialog.h"
#include "reasondialog.h"
#include "removalbanner.h"
#include "textrules.h"

#include <QAction>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>

namespace chat::client {

void MainWindow::buildModeration()
{
    Moderation *moderation = m_session->moderation();
    m_removalBanner = new RemovalBanner(m_session);
    if (auto *layout = qobject_cast<QVBoxLayout *>(centralWidget()->layout()))
        layout->insertWidget(0, m_removalBanner);

    m_moderationMenu = menuBar()->addMenu(tr("&Moderation"));
    m_moderationMenu->addAction(tr("&Bans…"), this, [this] { openBans(); });
    updateModerationMenu();
    connect(moderation, &Moderation::accountChanged, this, &MainWindow::updateModerationMenu);
    connect(moderation, &Moderation::succeeded, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10'000); });
    connect(moderation, &Moderation::requestFailed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10'000); });
}

void MainWindow::updateModerationMenu()
{
    m_moderationMenu->menuAction()->setVisible(m_session->moderation()->isModerator());
}

BansDialog *MainWindow::openBans()
{
    if (!m_session->moderation()->isModerator())
        return nullptr;
    auto *dialog = new BansDialog(m_session->moderation(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("bansDialog"));
    dialog->open();
    dialog->refresh();
    return dialog;
}

std::optional<AccountInfo> MainWindow::accountOf(const QString &key) const
{
    // The people list shown (a room's members) first, then everyone online.
    if (const auto *people = qobject_cast<const UserListModel *>(m_userView->model())) {
        if (const auto user = people->user(key); user && user->account)
            return user->account;
    }
    const auto user = m_session->users()->user(key);
    return user ? user->account : std::nullopt;
}

void MainWindow::addPersonModerationActions(QMenu *menu, const QModelIndex &index)
{
    const Moderation *moderation = m_session->moderation();
    if (!index.isValid() || index.data(UserListModel::IsSelfRole).toBool() ||
        m_session->state() != ChatSession::State::Joined)
        return;
    const QString key = index.data(UserListModel::KeyRole).toString();
    if (!moderation->mayActOn(accountOf(key)))
        return;
    const User user{key, index.data(UserListModel::NameRole).toString(), accountOf(key)};
    const QString name = textrules::isolate(user.name);
    if (!menu->isEmpty())
        menu->addSeparator();
    menu->addAction(tr("&Kick %1…").arg(name), this, [this, user] { kickPerson(user); });
    menu->addAction(tr("&Ban %1…").arg(name), this, [this, user] { banPerson(user); });
}

void MainWindow::kickPerson(const User &user)
{
    const QString name = textrules::isolate(user.name);
    auto *dialog = new ReasonDialog(tr("Kick %1").arg(name),
                                    tr("%1 leaves the server and may come back.").arg(name),
                                    tr("&Kick"), false, this);
    dialog->setReasonHint(tr("Optional; %1 sees it").arg(name));
    dialog->setMaxReasonLength(m_session->moderation()->maxReasonLength());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("reasonDialog"));
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, user] { m_session->moderation()->kick(user, dialog->reason()); });
    dialog->open();
}

void MainWindow::banPerson(const User &user)
{
    const QString name = textrules::isolate(user.name);
    auto *dialog = new ReasonDialog(
        tr("Ban %1").arg(name),
        tr("%1 leaves the server and cannot join again, by this name or from this address, "
           "until the ban ends.")
            .arg(name),
        tr("&Ban"), true, this);
    dialog->setReasonHint(tr("Optional; %1 sees it").arg(name));
    dialog->setMaxReasonLength(m_session->moderation()->maxReasonLength());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("reasonDialog"));
    connect(dialog, &QDialog::accepted, this, [this, dialog, user] {
        m_session->moderation()->ban(user.name, dialog->minutes(), dialog->reason());
    });
    dialog->open();
}

bool MainWindow::isOwnMessage(const QModelIndex &index) const
{
    using Kind = MessageListModel::Kind;
    const auto kind = index.data(MessageListModel::KindRole).value<Kind>();
    if (kind == Kind::Own)
        return true;
    // A registered name's messages from its other sessions are its own too (same account).
    const auto account = m_session->moderation()->account();
    return kind == Kind::Chat && account && account->registered &&
           index.data(MessageListModel::SenderRole)
                   .toString()
                   .compare(m_session->name(), Qt::CaseInsensitive) == 0;
}

void MainWindow::addMessageModerationActions(QMenu *menu, const QModelIndex &index)
{
    using Kind = MessageListModel::Kind;
    const auto kind = index.data(MessageListModel::KindRole).value<Kind>();
    const qint64 id = index.data(MessageListModel::MessageIdRole).toLongLong();
    const Moderation *moderation = m_session->moderation();
    if ((kind != Kind::Chat && kind != Kind::Own) || id <= 0 || !moderation->account() ||
        m_session->state() != ChatSession::State::Joined)
        return;
    const bool own = isOwnMessage(index);
    if (!own &&
        !moderation->mayActOn(accountOf(index.data(MessageListModel::SenderKeyRole).toString())))
        return;
    menu->addSeparator();
    menu->addAction(tr("&Delete message…"), this, [this, id, own, index] {
        own ? deleteOwnMessage(id) : deleteOthersMessage(id, index);
    });
}

void MainWindow::deleteOwnMessage(qint64 id)
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete message"),
                                tr("Delete this message for everyone?"),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("deleteConfirmation"));
    box->setDefaultButton(QMessageBox::No);
    box->button(QMessageBox::Yes)->setText(tr("&Delete"));
    connect(box, &QMessageBox::finished, this, [this, box, id] {
        if (box->clickedButton() == box->button(QMessageBox::Yes))
            m_session->moderation()->deleteMessage(id);
    });
    box->open();
}

void MainWindow::deleteOthersMessage(qint64 id, const QModelIndex &index)
{
    const QString sender = textrules::isolate(index.data(MessageListModel::SenderRole).toString());
    auto *dialog = new ReasonDialog(tr("Delete message"),
                                    tr("Delete this message of %1 for everyone?").arg(sender),
                                    tr("&Delete"), false, this);
    dialog->setReasonHint(tr("Optional; kept in the server's log"));
    dialog->setMaxReasonLength(m_session->moderation()->maxReasonLength());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("reasonDialog"));
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, id] { m_session->moderation()->deleteMessage(id, dialog->reason()); });
    dialog->open();
}

} // namespace chat::client
