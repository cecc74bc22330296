#pragma once

#include "accountpassworddialog.h"
#include "chatsession.h"
#include "passworddialog.h"
#include "passwordvault.h"

#include <QMessageBox>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QUrl>

class QAction;
class QMenu;

namespace chat::client {

class MainWindow;

// The window's part of the feature "accounts": what the user is asked when the server wants a
// password (the name's or its own), refuses a name (banned, registered names only) or asks to
// wait; the passwords remembered in the keychain (read back at the next connect so that no
// prompt shows, stored only once the server accepted them); the Account menu (register the
// name, change its password). One prompt at a time: while one is open the session does not
// reconnect on its own (ChatSession::State::LoginRefused).
class AccountController : public QObject
{
    Q_OBJECT
public:
    // The keychain's entries go by the application's name (tests have their own).
    AccountController(ChatSession *session, MainWindow *window);

    // Fills the Account menu.
    void buildMenu(QMenu *menu);
    QAction *registerAction() const { return m_register; }
    QAction *changePasswordAction() const { return m_changePassword; }
    PasswordVault *vault() const { return m_vault; }
    // What is open now, if anything (tests drive them).
    PasswordDialog *prompt() const { return m_prompt; }
    QMessageBox *problemBox() const { return m_problemBox; }
    AccountPasswordDialog *accountDialog() const { return m_accountDialog; }

    void openRegisterDialog();
    void openChangePasswordDialog();

private:
    void onLoginRefused(ChatSession::LoginProblem problem, const QString &message);
    void onJoined();
    void updateActions();
    // The password the keychain holds for this server and name (or the server's), tried once
    // before the user is asked.
    void tryRemembered(ChatSession::LoginProblem problem, const QString &message);
    void ask(ChatSession::LoginProblem problem, const QString &message);
    void tell(ChatSession::LoginProblem problem, const QString &message);
    void submitAccountDialog();
    // Remembers `password` (or forgets the entry when not `remember`) for `name` (empty: the
    // server's join password) on the current server.
    void keep(const QString &name, const QString &password, bool remember);

    // A password typed in a prompt, kept in the keychain once the server accepted it.
    struct Pending
    {
        QUrl url;
        QString name; // empty: the server's join password
        QString password;
        bool remember = false;
    };

    ChatSession *m_session;
    MainWindow *m_window;
    PasswordVault *m_vault;
    QAction *m_register = nullptr;
    QAction *m_changePassword = nullptr;
    QPointer<PasswordDialog> m_prompt;
    QPointer<QMessageBox> m_problemBox;
    QPointer<AccountPasswordDialog> m_accountDialog;
    QList<Pending> m_pending;
    // Keys (PasswordVault::keyFor) whose remembered password was tried in this run: not again
    // once refused, the user is asked instead.
    QSet<QString> m_triedRemembered;
    QSet<QString> m_foundRemembered;   // ... and those it had an entry for
    bool m_passwordRemembered = false; // the session's password is the keychain's
};

} // namespace chat::client
