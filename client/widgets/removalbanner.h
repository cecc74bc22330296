#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace chat::client {

class ChatSession;

// The bar above the conversation while the server has removed the user (kicked or banned by a
// moderator): who, why, until when, that the client will not reconnect on its own, and a button
// to reconnect by hand. Hidden otherwise.
class RemovalBanner : public QFrame
{
    Q_OBJECT
public:
    explicit RemovalBanner(ChatSession *session, QWidget *parent = nullptr);

    QLabel *label() const { return m_label; }
    QPushButton *reconnectButton() const { return m_reconnect; }
    void update();

private:
    ChatSession *m_session;
    QLabel *m_label;
    QPushButton *m_reconnect;
};

} // namespace chat::client
