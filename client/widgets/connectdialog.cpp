#include "connectdialog.h"

#include "clientsettings.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace chat::client {

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent), m_url(new QLineEdit(this)), m_name(new QLineEdit(this)),
      m_message(new QLabel(this)), m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Connect to a chat server"));
    m_url->setPlaceholderText(QStringLiteral("ws://localhost:5220/"));
    m_url->setAccessibleName(tr("Server address"));
    m_name->setPlaceholderText(tr("Your name"));
    m_name->setAccessibleName(tr("Your name"));
    m_name->setMaxLength(64);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->hide();
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setForegroundRole(QPalette::PlaceholderText);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_url);
    form->addRow(tr("&Name:"), m_name);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_url, &QLineEdit::textChanged, this, &ConnectDialog::validate);
    connect(m_name, &QLineEdit::textChanged, this, &ConnectDialog::validate);

    // Wide enough for a whole wss:// address and the sentences below it.
    setMinimumWidth(qMax(440, fontMetrics().horizontalAdvance(QLatin1Char('x')) * 60));
    const ClientSettings settings;
    m_url->setText(settings.serverUrl().toString());
    m_name->setText(settings.name());
    (m_name->text().isEmpty() ? m_name : m_url)->setFocus();
    validate();
}

QUrl ConnectDialog::parseAddress(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    // "host:port" or "host": a plain ws:// server (QUrl would read "localhost:5220" as a
    // scheme "localhost").
    QUrl url(trimmed.contains(QLatin1String("://")) ? trimmed : QStringLiteral("ws://") + trimmed,
             QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return {};
    if (url.path().isEmpty())
        url.setPath(QStringLiteral("/"));
    return url;
}

QUrl ConnectDialog::url() const
{
    return parseAddress(m_url->text());
}

QString ConnectDialog::name() const
{
    return m_name->text().trimmed();
}

void ConnectDialog::setUrl(const QUrl &url)
{
    m_url->setText(url.toString());
}

void ConnectDialog::setName(const QString &name)
{
    m_name->setText(name);
}

void ConnectDialog::setMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    m_name->setFocus();
    m_name->selectAll();
}

void ConnectDialog::validate()
{
    const QUrl url = this->url();
    QString problem;
    if (!url.isValid())
        problem = tr("Enter the server's address: ws://host:port/, wss://host:port/ or host:port.");
    else if (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))
        problem = tr("The address must start with ws:// or wss:// (or be just host:port).");
    else if (name().isEmpty())
        problem = tr("Enter the name to join with.");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setToolTip(problem);
}

} // namespace chat::client
