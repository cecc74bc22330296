#pragma once

#include <QDialog>
#include <QUrl>

class QLabel;
class QLineEdit;
class QDialogButtonBox;

namespace chat::client {

// Asks for the server address and the name; remembers both (QSettings).
class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    QUrl url() const;
    QString name() const;
    void setUrl(const QUrl &url);
    void setName(const QString &name);
    // Shows why the last attempt failed.
    void setMessage(const QString &message);

    void accept() override;

private:
    void validate();

    QLineEdit *m_url;
    QLineEdit *m_name;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
};

} // namespace chat::client
