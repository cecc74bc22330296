#pragma once

#include "chatsession.h"

#include <QMainWindow>

#include <functional>

class QLabel;
class QListView;
class QPushButton;
class QSplitter;
class QToolButton;

namespace chat::client {

class MessageDelegate;
class MessageEdit;
class Notifier;

// The chat window. It shows what the session's models hold and hands user actions to the
// session; it never touches the socket.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ChatSession *session, QWidget *parent = nullptr);

    MessageEdit *editor() const { return m_editor; }
    QListView *messageView() const { return m_messageView; }
    QListView *userView() const { return m_userView; }
    QPushButton *sendButton() const { return m_sendButton; }
    QLabel *onlineLabel() const { return m_onlineLabel; }
    QLabel *statusLabel() const { return m_statusLabel; }
    QLabel *typingLabel() const { return m_typingLabel; }
    QLabel *counterLabel() const { return m_counterLabel; }
    QToolButton *reconnectButton() const { return m_reconnectButton; }
    MessageDelegate *messageDelegate() const { return m_delegate; }
    Notifier *notifier() const { return m_notifier; }
    // How links are opened (the system browser by default; tests replace it).
    void setUrlOpener(std::function<bool(const QUrl &)> opener) { m_openUrl = std::move(opener); }
    void openLink(const QUrl &url);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildLayout();
    void buildMenus();
    void connectSession();
    void send();
    void onTextEdited();
    void updateSendEnabled();
    void updateStatus();
    void updateTitle();
    void onJoinRefused(const QString &reason);
    void onUntrustedCertificate(const QString &fingerprint, const QString &problems);
    void updateOnlineCount(int count);
    void copySelection();
    void showMessageMenu(const QPoint &pos);
    void setTheme(const QString &theme);

    ChatSession *m_session;
    QListView *m_messageView;
    MessageDelegate *m_delegate;
    QListView *m_userView;
    QLabel *m_onlineLabel;
    QLabel *m_typingLabel;
    MessageEdit *m_editor;
    QPushButton *m_sendButton;
    QLabel *m_counterLabel;
    QLabel *m_statusLabel;
    QToolButton *m_reconnectButton;
    QSplitter *m_splitter;
    Notifier *m_notifier;
    QTimer *m_countdown;
    std::function<bool(const QUrl &)> m_openUrl;
    bool m_followBottom = true;
};

} // namespace chat::client
