#include "passworddialog.h"

#include "textrules.h"
#include "theme.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace chat::client {

PasswordDialog::PasswordDialog(Kind kind, const QUrl &server, const QString &name, QWidget *parent)
    : QDialog(parent), m_kind(kind), m_refusal(new QLabel(this)), m_password(new QLineEdit(this)),
      m_remember(new QCheckBox(tr("&Remember password"), this)), m_keychain(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("passwordDialog"));
    const QString host = server.toString();
    auto *question = new QLabel(this);
    question->setObjectName(QStringLiteral("question"));
    question->setWordWrap(true);
    question->setTextFormat(Qt::PlainText);
    if (kind == Kind::Account) {
        setWindowTitle(tr("Password for %1").arg(textrules::isolate(name)));
        question->setText(tr("%1 is a registered name on %2. Enter its password to join.")
                              .arg(textrules::isolate(name), host));
    } else {
        setWindowTitle(tr("Server password"));
        question->setText(tr("The server %1 asks for its join password before %2 can join.")
                              .arg(host, textrules::isolate(name)));
    }
    m_refusal->setObjectName(QStringLiteral("refusal"));
    m_refusal->setWordWrap(true);
    m_refusal->setTextFormat(Qt::PlainText);
    m_refusal->setStyleSheet(QStringLiteral("color: %1;").arg(colors::error.name()));
    m_refusal->hide();
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(kind == Kind::Account ? tr("Password") : tr("Server password"));
    m_keychain->setObjectName(QStringLiteral("keychain"));
    m_keychain->setWordWrap(true);
    m_keychain->setTextFormat(Qt::PlainText);
    m_keychain->setForegroundRole(QPalette::PlaceholderText);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Join"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(kind == Kind::Account ? tr("&Password:") : tr("Server &password:"), m_password);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(question);
    layout->addWidget(m_refusal);
    layout->addLayout(form);
    layout->addWidget(m_remember);
    layout->addWidget(m_keychain);
    layout->addWidget(m_buttons);
    setMinimumWidth(qMax(400, fontMetrics().horizontalAdvance(QLatin1Char('x')) * 55));

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_remember, &QCheckBox::toggled, this, [this](bool on) {
        if (m_remember->isEnabled())
            m_wantRemember = on;
    });
    connect(m_password, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.isEmpty());
    });
    setKeychain(PasswordVault::Availability::Unknown);
    m_password->setFocus();
}

void PasswordDialog::setRefusal(const QString &message)
{
    m_refusal->setText(message);
    m_refusal->setVisible(!message.isEmpty());
    m_password->clear();
    m_password->setFocus();
}

void PasswordDialog::setKeychain(PasswordVault::Availability availability)
{
    using Availability = PasswordVault::Availability;
    m_remember->setEnabled(availability == Availability::Available);
    m_remember->setChecked(availability == Availability::Available && m_wantRemember);
    m_keychain->setText(
        availability == Availability::Unavailable
            ? tr("The password will not be remembered on this system: there is no keychain "
                 "(such as GNOME Keyring or KWallet) to keep it safely.")
        : availability == Availability::Unknown ? tr("Looking for the system's keychain…")
                                                : QString());
    m_keychain->setVisible(!m_keychain->text().isEmpty());
}

void PasswordDialog::setRemember(bool remember)
{
    m_wantRemember = remember; // applies once a keychain answers
    m_remember->setChecked(remember && m_remember->isEnabled());
}

QString PasswordDialog::password() const
{
    return m_password->text();
}

bool PasswordDialog::remember() const
{
    return m_remember->isEnabled() && m_remember->isChecked();
}

} // namespace chat::client
