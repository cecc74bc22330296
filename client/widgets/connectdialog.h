#pragma once

#include <QDialog>
#include <QUrl>

class QLabel;
class QLineEdit;
class QDialogButtonBox;

namespace chat::client {

// Asks for the server address and the name. The address may be a ws:// or wss:// URL or just
// host:port (plain ws://); when Connect cannot be pressed, the dialog says why. It suggests the
// server and the name that last joined (the window remembers them once joined).
class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    QUrl url() const;
    // What is typed in the address field as a server URL ("host:port" is ws://host:port/);
    // invalid when it is not one.
    static QUrl parseAddress(const QString &text);
    QLabel *problemLabel() const { return m_problem; }
    QString name() const;
    void setUrl(const QUrl &url);
    void setName(const QString &name);
    // Shows why the last attempt failed.
    void setMessage(const QString &message);

private:
    void validate();

    QLineEdit *m_url;
    QLineEdit *m_name;
    QLabel *m_message;
    QLabel *m_problem; // why Connect is greyed out
    QDialogButtonBox *m_buttons;
};

} // namespace chat::client
