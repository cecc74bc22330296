#include "accountcontroller.h"

#include "accountpassworddialog.h"
#include "mainwindow.h"
#include "passworddialog.h"
#include "textrules.h"

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

namespace chat::client {

using Problem = ChatSession::LoginProblem;

namespace {
bool isServerPassword(Problem problem)
{
    return problem == Problem::ServerPasswordRequired || problem == Problem::WrongServerPassword;
}

// A refusal of Account → Register or Change password, in words that say what to do.
QString describe(const Error &error)
{
    switch (error.code) {
    case ErrorCode::AlreadyRegistered:
        return AccountController::tr("This name is already registered. If it is yours, connect "
                                     "again and enter its password.");
    case ErrorCode::InvalidPassword:
        return AccountController::tr("The server does not accept this password: it must be 8 "
                                     "to 1,024 bytes long.");
    case ErrorCode::Forbidden:
        return AccountController::tr("This server does not let you register names yourself: %1")
            .arg(textrules::isolate(error.message));
    case ErrorCode::AuthFailed:
        return AccountController::tr("The current password is wrong.");
    case ErrorCode::RateLimited:
        return AccountController::tr("The server asks you to wait: %1")
            .arg(textrules::isolate(error.message));
    default:
        return error.message;
    }
}
} // namespace

AccountController::AccountController(ChatSession *session, MainWindow *window)
    : QObject(window), m_session(session), m_window(window), m_vault(new PasswordVault(this))
{
    connect(session, &ChatSession::loginRefused, this, &AccountController::onLoginRefused);
    connect(session, &ChatSession::joined, this, &AccountController::onJoined);
    connect(session, &ChatSession::stateChanged, this, &AccountController::updateActions);
    connect(session, &ChatSession::accountChanged, this, &AccountController::updateActions);
}

void AccountController::buildMenu(QMenu *menu)
{
    m_register =
        menu->addAction(tr("&Register this name…"), this, &AccountController::openRegisterDialog);
    m_changePassword = menu->addAction(tr("&Change password…"), this,
                                       &AccountController::openChangePasswordDialog);
    const QString why = tr("Only on a server that keeps accounts, once joined.");
    m_register->setStatusTip(tr("Make this name yours on this server, with a password."));
    m_changePassword->setStatusTip(tr("Change the password of this registered name."));
    menu->setToolTipsVisible(true);
    m_register->setToolTip(why);
    m_changePassword->setToolTip(why);
    updateActions();
}

void AccountController::updateActions()
{
    if (!m_register)
        return;
    const auto account = m_session->account();
    const bool joined = m_session->state() == ChatSession::State::Joined &&
                        m_session->hasAccounts() && account.has_value();
    m_register->setEnabled(joined && !account->registered);
    m_changePassword->setEnabled(joined && account->registered);
}

void AccountController::onLoginRefused(Problem problem, const QString &message)
{
    switch (problem) {
    case Problem::PasswordRequired:
    case Problem::ServerPasswordRequired:
        tryRemembered(problem, message);
        break;
    case Problem::WrongPassword:
    case Problem::WrongServerPassword:
        ask(problem, message);
        break;
    default:
        tell(problem, message);
    }
}

void AccountController::tryRemembered(Problem problem, const QString &message)
{
    const QUrl url = m_session->url();
    const QString name = isServerPassword(problem) ? QString() : m_session->name();
    const QString key = PasswordVault::keyFor(url, name);
    if (m_triedRemembered.contains(key)) {
        ask(problem, message);
        return;
    }
    m_triedRemembered.insert(key);
    const QPointer<AccountController> self(this);
    m_vault->read(url, name,
                  [this, self, url, name, key, problem, message](const QString &password) {
                      // The user may have gone elsewhere while the keychain answered.
                      if (!self || m_session->url() != url ||
                          m_session->state() != ChatSession::State::LoginRefused)
                          return;
                      if (password.isEmpty()) {
                          ask(problem, message);
                          return;
                      }
                      m_foundRemembered.insert(key);
                      if (name.isEmpty()) {
                          m_session->setServerPassword(password);
                      } else {
                          m_session->setPassword(password);
                          m_passwordRemembered = true;
                      }
                      m_session->retryLogin();
                  });
}

void AccountController::ask(Problem problem, const QString &message)
{
    const bool server = isServerPassword(problem);
    const auto kind = server ? PasswordDialog::Kind::Server : PasswordDialog::Kind::Account;
    const QUrl url = m_session->url();
    const QString name = m_session->name().trimmed();
    if (m_prompt && m_prompt->kind() != kind)
        m_prompt->close();
    if (!m_prompt) {
        auto *prompt = new PasswordDialog(kind, url, name, m_window);
        m_prompt = prompt;
        prompt->setAttribute(Qt::WA_DeleteOnClose);
        m_vault->probe();
        prompt->setKeychain(m_vault->availability());
        connect(m_vault, &PasswordVault::availabilityChanged, prompt, &PasswordDialog::setKeychain);
        // A password the keychain had and the server refused: the new one replaces it.
        prompt->setRemember(
            m_foundRemembered.contains(PasswordVault::keyFor(url, server ? QString() : name)));
        connect(prompt, &QDialog::accepted, this, [this, prompt, server, name, url] {
            const QString entry = server ? QString() : name;
            m_pending.removeIf([&](const Pending &p) { return p.name == entry; });
            m_pending.append({url, entry, prompt->password(), prompt->remember()});
            if (server) {
                m_session->setServerPassword(prompt->password());
            } else {
                m_session->setPassword(prompt->password());
                m_passwordRemembered = false;
            }
            m_session->retryLogin();
        });
        // Not this name after all: back to choosing the server and the name.
        connect(prompt, &QDialog::rejected, this, [this, message] {
            m_session->close();
            m_window->changeServer(message);
        });
        prompt->open();
    }
    if (problem == Problem::WrongPassword)
        m_prompt->setRefusal(m_passwordRemembered
                                 ? tr("The remembered password was refused; it may have been "
                                      "changed. Enter the current one.")
                                 : tr("The password was wrong. Try again."));
    else if (problem == Problem::WrongServerPassword)
        m_prompt->setRefusal(tr("The server password was wrong. Try again."));
    m_passwordRemembered = false;
}

void AccountController::tell(Problem problem, const QString &message)
{
    if (m_problemBox)
        m_problemBox->close();
    const QString server = m_session->url().toString();
    const QString name = textrules::isolate(m_session->name().trimmed());
    auto *box = new QMessageBox(m_window);
    m_problemBox = box;
    box->setObjectName(QStringLiteral("loginProblemBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::PlainText);
    box->setInformativeText(message);
    QPushButton *elsewhere = nullptr;
    QPushButton *retry = nullptr;
    if (problem == Problem::RateLimited) {
        box->setIcon(QMessageBox::Information);
        box->setWindowTitle(tr("Please wait"));
        box->setText(tr("%1 asks you to wait before joining again.").arg(server));
        retry = box->addButton(tr("&Try again"), QMessageBox::AcceptRole);
        box->addButton(QMessageBox::Cancel);
    } else {
        box->setIcon(problem == Problem::Banned ? QMessageBox::Warning : QMessageBox::Information);
        if (problem == Problem::Banned) {
            box->setWindowTitle(tr("Banned"));
            box->setText(tr("%1 does not let %2 in.").arg(server, name));
        } else {
            box->setWindowTitle(tr("Registered names only"));
            box->setText(tr("%1 admits registered names only, and %2 is not registered there.")
                             .arg(server, name));
        }
        elsewhere = box->addButton(tr("C&hange server or name…"), QMessageBox::AcceptRole);
        box->addButton(QMessageBox::Close);
    }
    connect(box, &QMessageBox::finished, this, [this, box, retry, elsewhere, message] {
        if (retry && box->clickedButton() == retry) {
            m_session->retryLogin();
        } else if (elsewhere && box->clickedButton() == elsewhere) {
            m_session->close();
            m_window->changeServer(message);
        }
    });
    box->open();
}

void AccountController::onJoined()
{
    // Only what this join used: the server's password of this server, the password of this name.
    const QString joinedName = m_session->name().trimmed().toCaseFolded();
    for (const Pending &pending : std::as_const(m_pending)) {
        const bool thisName = pending.name.isEmpty() || pending.name.toCaseFolded() == joinedName;
        if (pending.url == m_session->url() && thisName)
            keep(pending.name, pending.password, pending.remember);
    }
    m_pending.clear();
    m_triedRemembered.clear();
    m_foundRemembered.clear();
    updateActions();
}

void AccountController::keep(const QString &name, const QString &password, bool remember)
{
    if (remember)
        m_vault->write(m_session->url(), name, password);
    else if (m_vault->availability() == PasswordVault::Availability::Available)
        m_vault->remove(m_session->url(), name); // the user unticked it: forget the old one
}

void AccountController::openRegisterDialog()
{
    if (!m_register || !m_register->isEnabled() || m_accountDialog)
        return;
    m_accountDialog =
        new AccountPasswordDialog(AccountPasswordDialog::Mode::Register, m_session->name(),
                                  m_session->url().toString(), m_window);
    m_accountDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_vault->probe();
    m_accountDialog->setKeychain(m_vault->availability());
    connect(m_vault, &PasswordVault::availabilityChanged, m_accountDialog,
            &AccountPasswordDialog::setKeychain);
    connect(m_accountDialog, &AccountPasswordDialog::submitted, this,
            &AccountController::submitAccountDialog);
    m_accountDialog->open();
}

void AccountController::openChangePasswordDialog()
{
    if (!m_changePassword || !m_changePassword->isEnabled() || m_accountDialog)
        return;
    m_accountDialog =
        new AccountPasswordDialog(AccountPasswordDialog::Mode::Change, m_session->name(),
                                  m_session->url().toString(), m_window);
    m_accountDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_vault->probe();
    m_accountDialog->setKeychain(m_vault->availability());
    // Remembered before: the new one is remembered in its place, unless the user says not.
    m_accountDialog->setRemember(m_passwordRemembered);
    connect(m_vault, &PasswordVault::availabilityChanged, m_accountDialog,
            &AccountPasswordDialog::setKeychain);
    connect(m_accountDialog, &AccountPasswordDialog::submitted, this,
            &AccountController::submitAccountDialog);
    m_accountDialog->open();
}

void AccountController::submitAccountDialog()
{
    const QPointer<AccountPasswordDialog> dialog = m_accountDialog;
    if (!dialog)
        return;
    dialog->setBusy(true);
    const bool registering = dialog->mode() == AccountPasswordDialog::Mode::Register;
    const QString password = dialog->newPassword();
    const bool remember = dialog->remember();
    const QString name = m_session->name();
    const QPointer<AccountController> self(this);
    auto done = [=](const std::optional<Error> &error) {
        if (error) {
            if (dialog)
                dialog->setError(describe(*error));
            return;
        }
        if (!self)
            return;
        // Changed: what the keychain held is the old password, wrong from now on.
        if (remember || !registering)
            keep(name, password, remember);
        m_passwordRemembered = remember;
        m_window->statusBar()->showMessage(
            registering ? tr("%1 is registered; you will join with its password from now on.")
                              .arg(textrules::isolate(name))
                        : tr("The password of %1 is changed.").arg(textrules::isolate(name)),
            15'000);
        if (dialog)
            dialog->accept();
    };
    if (registering)
        m_session->registerName(password, done);
    else
        m_session->changePassword(dialog->oldPassword(), password, done);
}

} // namespace chat::client
