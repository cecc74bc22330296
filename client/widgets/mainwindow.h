#pragma once

#include "chatsession.h"

#include <QMainWindow>

class QLabel;
class QListView;
class QPushButton;
class QInputDialog;

namespace chat::client {

class MessageEdit;

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

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void send();
    void updateSendEnabled();
    void onStateChanged(ChatSession::State state);
    void onJoinRefused(const QString &reason);
    void updateOnlineCount(int count);
    void copySelection();
    void reconnect();

    ChatSession *m_session;
    QListView *m_messageView;
    QListView *m_userView;
    QLabel *m_onlineLabel;
    MessageEdit *m_editor;
    QPushButton *m_sendButton;
    QLabel *m_statusLabel;
    bool m_followBottom = true;
};

} // namespace chat::client
