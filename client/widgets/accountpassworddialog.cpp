#include "accountpassworddialog.h"

#include "protocol.h"
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

namespace {
QLineEdit *passwordField(QWidget *parent, const QString &accessibleName)
{
    auto *field = new QLineEdit(parent);
    field->setEchoMode(QLineEdit::Password);
    field->setAccessibleName(accessibleName);
    return field;
}

QLabel *sentenceLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}
} // namespace

AccountPasswordDialog::AccountPasswordDialog(Mode mode, const QString &name, const QString &server,
                                             QWidget *parent)
    : QDialog(parent), m_mode(mode), m_old(nullptr), m_new(passwordField(this, tr("New password"))),
      m_repeat(passwordField(this, tr("New password again"))), m_problem(sentenceLabel(this)),
      m_error(sentenceLabel(this)), m_remember(new QCheckBox(tr("&Remember password"), this)),
      m_keychain(sentenceLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    auto *intro = sentenceLabel(this);
    auto *form = new QFormLayout;
    if (mode == Mode::Register) {
        setObjectName(QStringLiteral("registerDialog"));
        setWindowTitle(tr("Register %1").arg(textrules::isolate(name)));
        intro->setText(tr("Register %1 on %2: from then on only you can join with this name, "
                          "with this password.")
                           .arg(textrules::isolate(name), server));
        m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Register"));
    } else {
        setObjectName(QStringLiteral("changePasswordDialog"));
        setWindowTitle(tr("Change the password of %1").arg(textrules::isolate(name)));
        intro->setText(
            tr("Change the password of %1 on %2.").arg(textrules::isolate(name), server));
        m_old = passwordField(this, tr("Current password"));
        form->addRow(tr("&Current password:"), m_old);
        m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Change"));
    }
    form->addRow(tr("&New password:"), m_new);
    form->addRow(tr("New password &again:"), m_repeat);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setForegroundRole(QPalette::PlaceholderText);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setStyleSheet(QStringLiteral("color: %1;").arg(colors::error.name()));
    m_error->hide();
    m_keychain->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_error);
    layout->addWidget(m_remember);
    layout->addWidget(m_keychain);
    layout->addWidget(m_buttons);
    setMinimumWidth(qMax(420, fontMetrics().horizontalAdvance(QLatin1Char('x')) * 55));

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (okButton()->isEnabled())
            emit submitted();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_remember, &QCheckBox::toggled, this, [this](bool on) {
        if (m_remember->isEnabled())
            m_wantRemember = on;
    });
    for (QLineEdit *field : {m_old, m_new, m_repeat}) {
        if (field)
            connect(field, &QLineEdit::textChanged, this, &AccountPasswordDialog::validate);
    }
    setKeychain(PasswordVault::Availability::Unknown);
    validate();
    (m_old ? m_old : m_new)->setFocus();
}

QPushButton *AccountPasswordDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QString AccountPasswordDialog::oldPassword() const
{
    return m_old ? m_old->text() : QString();
}

QString AccountPasswordDialog::newPassword() const
{
    return m_new->text();
}

bool AccountPasswordDialog::remember() const
{
    return m_remember->isEnabled() && m_remember->isChecked();
}

void AccountPasswordDialog::setRemember(bool remember)
{
    m_wantRemember = remember; // applies once a keychain answers
    m_remember->setChecked(remember && m_remember->isEnabled());
}

void AccountPasswordDialog::setKeychain(PasswordVault::Availability availability)
{
    using Availability = PasswordVault::Availability;
    m_remember->setEnabled(availability == Availability::Available);
    m_remember->setChecked(availability == Availability::Available && m_wantRemember);
    m_keychain->setText(availability == Availability::Unavailable
                            ? tr("The password will not be remembered on this system: there is "
                                 "no keychain (such as GNOME Keyring or KWallet) to keep it "
                                 "safely.")
                            : QString());
    m_keychain->setVisible(!m_keychain->text().isEmpty());
}

void AccountPasswordDialog::setBusy(bool busy)
{
    m_busy = busy;
    if (busy)
        m_error->hide();
    validate();
}

void AccountPasswordDialog::setError(const QString &message)
{
    setBusy(false);
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void AccountPasswordDialog::validate()
{
    const qsizetype bytes = m_new->text().toUtf8().size();
    QString problem;
    if (m_old && m_old->text().isEmpty())
        problem = tr("Enter the current password.");
    else if (bytes < protocol::minPasswordBytes)
        problem =
            tr("The new password needs at least %n byte(s).", nullptr, protocol::minPasswordBytes);
    else if (bytes > protocol::maxPasswordBytes)
        problem = tr("The new password may have at most %n byte(s).", nullptr,
                     protocol::maxPasswordBytes);
    else if (m_repeat->text() != m_new->text())
        problem = tr("The two new passwords differ.");
    else if (m_busy)
        problem = tr("Waiting for the server…");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    okButton()->setEnabled(problem.isEmpty());
}

} // namespace chat::client
