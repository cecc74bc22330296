#pragma once

#include "chatsession.h"
#include "messageview.h"

#include <QHash>
#include <QMainWindow>

#include <functional>

class QDockWidget;
class QLabel;
class QListView;
class QPushButton;
class QSplitter;
class QToolButton;

namespace chat::client {

class AccountController;
class BansDialog;
class MapPanel;
class ConnectionStatus;
class FindBar;
class MessageDelegate;
class MessageEdit;
class Notifier;
class QuickSwitcher;
class RemovalBanner;
class RoomDirectoryDialog;
class TopicBar;

// The chat window. It shows what the session's models hold and hands user actions to the
// session; it never touches the socket. With a rooms server a sidebar lists the rooms and
// private conversations (mainwindowconversations.cpp); each keeps its scroll position and
// draft while another is shown.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ChatSession *session, QWidget *parent = nullptr);

    MessageEdit *editor() const { return m_editor; }
    MessageView *messageView() const { return m_messageView; }
    QListView *userView() const { return m_userView; }
    QListView *sidebar() const { return m_sidebar; }
    QWidget *sidebarPanel() const { return m_sidebarPanel; }
    QLabel *membersLabel() const { return m_membersLabel; }
    TopicBar *topicBar() const { return m_topicBar; }
    QuickSwitcher *quickSwitcher() const { return m_quickSwitcher; }
    // The room dialog (Rooms → Join or create a room…); it lists the server's rooms.
    RoomDirectoryDialog *openRoomDirectory();
    QPushButton *sendButton() const { return m_sendButton; }
    QLabel *onlineLabel() const { return m_onlineLabel; }
    QLabel *statusLabel() const;
    QLabel *typingLabel() const { return m_typingLabel; }
    QLabel *counterLabel() const { return m_counterLabel; }
    QToolButton *reconnectButton() const;
    QToolButton *changeServerButton() const;
    MessageDelegate *messageDelegate() const;
    FindBar *findBar() const { return m_findBar; }
    Notifier *notifier() const { return m_notifier; }
    // Logging in, the keychain and the Account menu (feature "accounts").
    AccountController *accounts() const { return m_accounts; }
    // How links are opened (the system browser by default; tests replace it).
    void setUrlOpener(std::function<bool(const QUrl &)> opener) { m_openUrl = std::move(opener); }
    void openLink(const QUrl &url);
    // Moderation (mainwindowmoderation.cpp): the banner shown while the server has removed the
    // user, the Moderation menu (moderators only) and its dialog of bans.
    RemovalBanner *removalBanner() const { return m_removalBanner; }
    QMenu *moderationMenu() const { return m_moderationMenu; }
    BansDialog *openBans();
    // The Map dock (mainwindowmap.cpp): the world map, "Share my location", "Stop sharing".
    MapPanel *mapPanel() const { return m_mapPanel; }
    QDockWidget *mapDock() const { return m_mapDock; }
    // The connect dialog, filled with the current server and name; on OK the session goes there.
    void changeServer(const QString &message = {});

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildLayout();
    void buildMenus();
    void connectSession();
    void send();
    void onTextEdited();
    void updateSendEnabled();
    void updateTitle();
    void onJoined();
    void onJoinRefused(const QString &reason);
    void onUntrustedCertificate(const QString &fingerprint, const QString &problems);
    void updateOnlineCount(int count);
    void copySelection();
    void showMessageMenu(const QPoint &pos);
    void retry(const QModelIndex &index);
    void setTheme(const QString &theme);

    // Conversations (mainwindowconversations.cpp).
    QWidget *buildSidebar();
    void buildConversationActions(QMenu *menu);
    void connectConversations();
    void showCurrentConversation();
    void updateRoomsVisible();
    // The next (step 1) or previous (-1) conversation of the sidebar, around the ends if `wrap`.
    void stepConversation(int step, bool wrap);
    void showSidebarMenu(const QPoint &pos);
    void showPeopleMenu(const QPoint &pos);
    void messagePerson(const QModelIndex &index);
    void updateMembersLabel();
    void updateTopicBar();
    // Who is typing among the people of the conversation shown.
    void updateTyping();
    static QString conversationKey(ConversationListModel::Kind kind, const QString &id);

    // Moderation (mainwindowmoderation.cpp).
    void buildModeration();
    void buildMap();
    // The window's size, panes and docks as the user left them (mainwindowmap.cpp: the map is
    // the window's dock).
    void restoreLayout();
    void saveLayout();
    // The map's first opening in a run where it was not open at start: room for it.
    void makeRoomForMap();
    void updateModerationMenu();
    // Kick… and Ban… for a person of the people list, when the user's role allows.
    void addPersonModerationActions(QMenu *menu, const QModelIndex &index);
    // Delete message… for one's own messages and, for moderators, others'.
    void addMessageModerationActions(QMenu *menu, const QModelIndex &index);
    void kickPerson(const User &user);
    void banPerson(const User &user);
    void deleteOwnMessage(qint64 id);
    void deleteOthersMessage(qint64 id, const QModelIndex &index);
    bool isOwnMessage(const QModelIndex &index) const;
    // The account (role) of a user online, as the server described it; nothing when unknown.
    std::optional<AccountInfo> accountOf(const QString &key) const;

    struct ConversationView // what stays of a conversation while another is shown
    {
        MessageView::Position position;
        QString draft;
    };
    QHash<QString, ConversationView> m_conversationViews;
    QString m_shownConversation; // conversationKey() of the one shown
    bool m_switching = false;    // the draft is being replaced, not typed
    QMetaObject::Connection m_peopleCounted;

    ChatSession *m_session;
    MessageView *m_messageView;
    QListView *m_userView;
    QListView *m_sidebar;
    QWidget *m_sidebarPanel;
    QLabel *m_membersLabel;
    TopicBar *m_topicBar;
    QuickSwitcher *m_quickSwitcher;
    QList<QAction *> m_roomActions; // usable with a rooms server only
    QLabel *m_onlineLabel;
    QLabel *m_typingLabel;
    MessageEdit *m_editor;
    QPushButton *m_sendButton;
    QLabel *m_counterLabel;
    FindBar *m_findBar;
    ConnectionStatus *m_status;
    QSplitter *m_splitter;
    Notifier *m_notifier;
    AccountController *m_accounts;
    RemovalBanner *m_removalBanner = nullptr;
    QMenu *m_moderationMenu = nullptr;
    MapPanel *m_mapPanel = nullptr;
    QDockWidget *m_mapDock = nullptr;
    bool m_mapPlaced = false; // open at start, or made room for once: the user's size stays
    std::function<bool(const QUrl &)> m_openUrl;
};

} // namespace chat::client
