// MainWindow: the dialogs that decide where the session goes (server, name, certificate).
#include "mainwindow.h"

#include "connectdialog.h"

#include <QInputDialog>
#include <QMessageBox>

namespace chat::client {

void MainWindow::changeServer(const QString &message)
{
    auto *dialog = new ConnectDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("connectDialog"));
    if (!m_session->url().isEmpty())
        dialog->setUrl(m_session->url());
    if (!m_session->name().isEmpty())
        dialog->setName(m_session->name());
    if (!message.isEmpty())
        dialog->setMessage(message);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { m_session->open(dialog->url(), dialog->name()); });
    dialog->open();
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
    // Not this name after all: back to choosing the server and the name, not out of the app.
    connect(dialog, &QDialog::rejected, this, [this, reason] {
        m_session->close();
        changeServer(reason);
    });
    dialog->open();
}

void MainWindow::onUntrustedCertificate(const QString &fingerprint, const QString &problems)
{
    const QUrl server = m_session->url();
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Untrusted certificate"),
                                tr("The certificate of %1 is not trusted by this system:\n%2\n\n"
                                   "SHA-256 fingerprint:\n%3\n\nTrust it only if this fingerprint "
                                   "is the one the server's operator gave you. Trust it and "
                                   "connect?")
                                    .arg(server.host(), problems, fingerprint),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("certificateDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::No);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(box, &QMessageBox::finished, this, [this, server, fingerprint](int result) {
        if (result != QMessageBox::Yes)
            return;
        m_session->trustCertificate(fingerprint, ChatSession::Trust::Remember);
        m_session->reconnectNow();
    });
    box->open();
}

} // namespace chat::client
