#pragma once

#include "events.h"

#include <QHash>
#include <QIcon>
#include <QObject>

class QSystemTrayIcon;
class QWidget;

namespace chat::client {

class ChatSession;

// Gets the user's attention while the window is not active: counts unread messages (for the
// title and the tray icon's badge); for a message that names the user or is written to them
// privately it flags the window (QApplication::alert) and shows a tray notification, and for
// others in the conversation shown it flags the window. Messages in other rooms only count (the
// sidebar shows them). A message deleted before the window is active again no longer counts.
class Notifier : public QObject
{
    Q_OBJECT
public:
    Notifier(QWidget *window, ChatSession *session);

    int unreadCount() const { return m_unread; }
    int unreadMentions() const { return m_mentions; }
    QSystemTrayIcon *trayIcon() const { return m_tray; } // null without a system tray
    // The application icon with the unread count drawn on it (the plain icon at 0).
    static QIcon badgedIcon(int unread);

signals:
    void unreadChanged(int count);
    // A mention or a private message arrived while the window was not active (also when no
    // tray can show it).
    void mentioned(const QString &sender, const QString &text, bool privately);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onMessage(const chat::ChatMsg &msg, bool mentionsMe, bool privately, bool inCurrent);
    void onDeleted(qint64 id);
    void setUnread(int count);

    QWidget *m_window;
    QSystemTrayIcon *m_tray = nullptr;
    int m_unread = 0;
    int m_mentions = 0;
    QHash<qint64, bool> m_counted; // the unread messages' ids: whether each counts as a mention
};

} // namespace chat::client
