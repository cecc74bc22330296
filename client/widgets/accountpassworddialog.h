#pragma once

#include "passwordvault.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace chat::client {

// Account → Register this name… and Change password…: the new password twice (and the current
// one to change it), checked as the server checks (8 to 1,024 bytes of UTF-8) before it is
// sent. The dialog stays open while the server answers; a refusal shows in it. It offers to
// remember the password in the system's keychain.
class AccountPasswordDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode
    {
        Register,
        Change
    };
    AccountPasswordDialog(Mode mode, const QString &name, const QString &server,
                          QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    QString oldPassword() const;
    QString newPassword() const;
    bool remember() const;
    void setRemember(bool remember);
    void setKeychain(PasswordVault::Availability availability);
    // The server's answer: `message` refused it (the dialog stays open), or empty: waiting.
    void setBusy(bool busy);
    void setError(const QString &message);

    QLineEdit *oldField() const { return m_old; }
    QLineEdit *newField() const { return m_new; }
    QLineEdit *repeatField() const { return m_repeat; }
    QLabel *problemLabel() const { return m_problem; }
    QLabel *errorLabel() const { return m_error; }
    QCheckBox *rememberBox() const { return m_remember; }
    QLabel *keychainLabel() const { return m_keychain; }
    QPushButton *okButton() const;

signals:
    // OK with acceptable input: the controller sends it and answers with setError or accept.
    void submitted();

private:
    void validate();

    Mode m_mode;
    QLineEdit *m_old; // Change only
    QLineEdit *m_new;
    QLineEdit *m_repeat;
    QLabel *m_problem; // why OK cannot be pressed
    QLabel *m_error;   // the server's refusal
    QCheckBox *m_remember;
    QLabel *m_keychain;
    QDialogButtonBox *m_buttons;
    bool m_wantRemember = false;
    bool m_busy = false;
};

} // namespace chat::client
