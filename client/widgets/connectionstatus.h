#pragma once

#include <QObject>

class QLabel;
class QStatusBar;
class QTimer;
class QToolButton;

namespace chat::client {

class ChatSession;

// The status bar's account of the connection: connected as whom, joining, the countdown to the
// next attempt and why the last one failed ("connection refused", "server not found", …), with
// "Reconnect now" and, while a server cannot be reached or is left, "Change server…".
class ConnectionStatus : public QObject
{
    Q_OBJECT
public:
    ConnectionStatus(ChatSession *session, QStatusBar *bar);

    QLabel *label() const { return m_label; }
    QToolButton *reconnectButton() const { return m_reconnectButton; }
    QToolButton *changeServerButton() const { return m_changeServerButton; }
    void update();

signals:
    void changeServerRequested();

private:
    ChatSession *m_session;
    QLabel *m_label;
    QToolButton *m_reconnectButton;
    QToolButton *m_changeServerButton;
    QTimer *m_countdown; // ticks only while an attempt is scheduled
};

} // namespace chat::client
