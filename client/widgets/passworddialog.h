#pragma once

#include "passwordvault.h"

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace chat::client {

// Asks for a password the server wants before it lets the name in: the name's (a registered
// name) or the server's join password. It says which server and name, and why it asks again
// (the last one was wrong). "Remember password" keeps it in the system's keychain once the
// server accepted it; without a keychain the box is off and the dialog says so.
class PasswordDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Kind
    {
        Account, // the password of the name
        Server,  // the server's join password
    };
    PasswordDialog(Kind kind, const QUrl &server, const QString &name, QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    // The last attempt was refused: says so above the field, with the server's words.
    void setRefusal(const QString &message);
    void setKeychain(PasswordVault::Availability availability);
    void setRemember(bool remember);
    QString password() const;
    bool remember() const;
    QLineEdit *passwordField() const { return m_password; }
    QCheckBox *rememberBox() const { return m_remember; }
    QLabel *keychainLabel() const { return m_keychain; }
    QLabel *refusalLabel() const { return m_refusal; }

private:
    Kind m_kind;
    QLabel *m_refusal;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLabel *m_keychain; // why nothing can be remembered
    QDialogButtonBox *m_buttons;
    bool m_wantRemember = false;
};

} // namespace chat::client
