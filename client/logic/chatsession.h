#pragma once

#include "conversations.h"
#include "events.h"
#include "locationsharing.h"
#include "moderation.h"
#include "outbox.h"
#include "serverconnection.h"
#include "typingtracker.h"
#include "userlistmodel.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <functional>

namespace chat::client {

// The conversation with one chat server: speaks the protocol over a ServerConnection (which
// reconnects on its own), joins, and keeps the models current: who is online, and the rooms and
// private conversations (Conversations). Own messages go through an Outbox. Widgets connect to
// its signals and models; they never see the socket.
//
// With a server that offers the feature "rooms" (protocol-v2.md) the user is in rooms and writes
// privately; with a v1 server there is one conversation, general. A lost connection is resumed
// (same key, only what was missed; docs/protocol.md). Messages written meanwhile wait, visibly
// pending, and are sent once joined again; none shows twice.
class ChatSession : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
public:
    enum class State
    {
        Disconnected,       // not connected and not trying (never opened, closed, or refused)
        Connecting,         // opening the WebSocket
        Joining,            // join sent, waiting for its ack
        NameRefused,        // connected; the name was refused, join() tries another
        Joined,             // in the chat
        WaitingToReconnect, // the connection was lost; the next attempt is scheduled
        LoginRefused,       // the join wants credentials or was refused (feature "accounts"):
                            // nothing is tried again until retryLogin()
    };
    Q_ENUM(State)
    // Why the server would not let the name in (feature "accounts"; loginRefused).
    enum class LoginProblem
    {
        PasswordRequired,       // a registered name, no password given
        WrongPassword,          // auth_failed
        ServerPasswordRequired, // the server has a join password and none was given
        WrongServerPassword,    // the one given is wrong
        AccountRequired,        // the server admits registered names only
        RateLimited,            // too many wrong passwords, or the server is busy: wait
        Banned,                 // the message says by whom, until when and why
    };
    Q_ENUM(LoginProblem)
    // The answer to registerName() and changePassword(): no error, or why not.
    using AccountReply = std::function<void(const std::optional<chat::Error> &error)>;
    using Trust = ServerConnection::Trust;
    using Kind = ConversationListModel::Kind;

    explicit ChatSession(QObject *parent = nullptr);
    ~ChatSession() override;

    // Connects to `url` and joins as `name` as soon as the connection is up, entering the rooms
    // remembered for this server and name (ClientSettings).
    void open(const QUrl &url, const QString &name);
    // Tries another name on the open connection (after joinRefused).
    void join(const QString &name);
    // Queues `text` as a message to the current conversation: it appears at once as pending
    // and is sent now, or after the next join if the connection is down, paced to the server's
    // announced rate. False (nothing queued) for blank or oversized text, before open(), or with
    // no conversation to write to.
    bool sendMessage(const QString &text);
    // Sends a message of the current conversation that was not delivered again (the line with
    // this serial). False if it is not one.
    bool retry(quint64 serial);
    // The user is typing: tells the others, at most every few seconds.
    void notifyTyping();
    // Leaves with a close handshake; no reconnection follows.
    void close();
    // Skips the wait before the next reconnection attempt.
    void reconnectNow() { m_connection.reconnectNow(); }
    // Accepts a server certificate that the system does not trust (ServerConnection).
    void trustCertificate(const QString &fingerprint, Trust trust = Trust::ThisSession)
    {
        m_connection.trustCertificate(fingerprint, trust);
    }
    // Reconnection delays and the connect timeout (tests use short ones).
    void setReconnectDelays(int firstMs, int maxMs)
    {
        m_connection.setReconnectDelays(firstMs, maxMs);
    }
    void setConnectTimeout(int ms) { m_connection.setConnectTimeout(ms); }

    // Feature "rooms" (only when hasRooms()). Each answers by signal: enterRoom with the room
    // shown (conversations()->current()) or requestFailed; listRooms with roomsListed.
    bool hasRooms() const { return m_serverFeatures.contains(protocol::features::rooms); }
    void enterRoom(const QString &room);
    void leaveRoom(const QString &room);
    void setTopic(const QString &room, const QString &topic);
    void listRooms();
    // Older messages of the current room, above those shown (one page at a time).
    void loadOlder();
    // Shows the private conversation with this user (opened if new).
    void openPrivate(const QString &key, const QString &name);
    // Shows a conversation of the sidebar.
    void show(Kind kind, const QString &id) { m_conversations.setCurrent(kind, id); }

    // Feature "accounts" (chatsessionaccounts.cpp). The credentials are kept in memory for this
    // session only, never written anywhere: every join sends them, reconnections and resumes
    // included (the server checks them each time). open() with another name forgets the
    // password, with another server both.
    bool hasAccounts() const { return m_serverFeatures.contains(protocol::features::accounts); }
    // The joined name's account as the join ack said (nothing before joining or without it).
    std::optional<AccountInfo> account() const { return m_account; }
    void setPassword(const QString &password);
    void setServerPassword(const QString &password);
    // An empty password is none: the join goes without it.
    bool hasPassword() const { return !m_password.isEmpty(); }
    bool hasServerPassword() const { return !m_serverPassword.isEmpty(); }
    // The server's words for the last refusal of loginRefused (state LoginRefused).
    QString loginRefusal() const { return m_loginRefusal; }
    // After loginRefused: joins again with the credentials set meanwhile, reconnecting first
    // when the server closed the connection while the user was asked.
    void retryLogin();
    // Registers the joined name; on success the session uses `password` from then on.
    void registerName(const QString &password, AccountReply done);
    // On success the session uses `newPassword` from then on.
    void changePassword(const QString &oldPassword, const QString &newPassword, AccountReply done);

    State state() const { return m_state; }
    QUrl url() const { return m_connection.url(); }
    // The name joined with, or the one asked for while not joined.
    QString name() const { return m_requestedName; }
    QString key() const { return m_self.key; }
    qint64 lastSeenId() const { return m_lastSeenId; }
    // The server's limits (its join ack, else the defaults).
    int maxTextBytes() const { return m_limits.maxTextBytes; }
    int maxTopicLength() const;
    // Own messages not yet acknowledged by the server.
    int pendingCount() const { return m_outbox.size(); }
    // Milliseconds until the next reconnection attempt (WaitingToReconnect), else -1.
    qint64 msUntilReconnect() const { return m_connection.msUntilReconnect(); }
    // Whether this session has joined on the current server since open(): false while a
    // mistyped address fails again and again.
    bool hasJoined() const { return m_everJoined; }
    // Why the last connection attempt failed or the connection was lost ("connection refused",
    // "server not found", …); empty while connected.
    QString lastError() const { return m_connection.lastError(); }
    // Everyone on the server.
    UserListModel *users() { return &m_users; }
    // The conversation shown: its messages (the status lines before the first join).
    MessageListModel *messages() { return m_conversations.currentMessages(); }
    Conversations *conversations() { return &m_conversations; }
    TypingTracker *typing() { return &m_typing; }
    // Feature "accounts": the user's role, kick/ban/unban/bans/delete, and whether the server
    // removed the user (chatsessionmoderation.cpp).
    Moderation *moderation() { return &m_moderation; }
    // Feature "location": the positions shared on the server and the user's own sharing.
    LocationSharing *location() { return &m_location; }

signals:
    void stateChanged(chat::client::ChatSession::State state);
    void joined(bool resumed);
    void joinRefused(const QString &reason);
    // The join was refused for want of (right) credentials, or the name may not come in:
    // retryLogin() after asking the user, or open() elsewhere. `message` is the server's.
    void loginRefused(chat::client::ChatSession::LoginProblem problem, const QString &message);
    // account() changed (joined, registered).
    void accountChanged();
    void connectionLost(const QString &reason);
    void reconnectScheduled(int delayMs);
    // A message from someone else arrived live (not from history): it names the user, it was
    // written to the user privately, it is in the conversation shown.
    void messageReceived(const chat::ChatMsg &msg, bool mentionsMe, bool privately, bool inCurrent);
    // An error the server reported that belongs to no request of ours.
    void serverError(const QString &message);
    // A request of the user's (entering, leaving, a topic, the room list) was refused or could
    // not be made; `message` says which and why.
    void requestFailed(const QString &message);
    void roomsListed(const QList<chat::codec::rooms::RoomInfo> &rooms);
    // The server's certificate is not trusted by the system; trustCertificate() and
    // reconnectNow() accept it.
    void untrustedCertificate(const QString &fingerprint, const QString &problems);

private:
    // The answer to a request: the ack, or nullptr when the connection was lost first.
    using Reply = std::function<void(const Ack *)>;

    void setState(State state);
    qint64 sendRequest(const ClientEvent &event, Reply reply = {});
    // The connection closed with `closeCode`: true when the server removed the user (kicked,
    // banned), who then stays disconnected.
    bool takeRemoval(int closeCode);
    // Sends what waits in the outbox, in order, as fast as the server's rate allows.
    void flushOutbox();
    void onConnected();
    void onDisconnected(const QString &reason, int closeCode, const QString &refusedCertificate,
                        bool willReconnect);
    void onTextMessage(const QString &frame);
    void onAck(const Ack &ack);
    void onJoinAck(const Ack &ack);
    // A refusal of "accounts" (true), handled: loginRefused or, for an unattended reconnection
    // the server asks to wait, another attempt after the backoff.
    bool onLoginRefused(const Error &error);
    void takeAccount(const std::optional<AccountInfo> &account);
    // Marks the own user's account in the people lists.
    void markOwnAccount();
    void onMessageAck(const Outbox::Message &message, const Ack &ack);
    void onChatMessage(const ChatMsg &msg);
    void onRoomsEvent(const codec::rooms::RoomsEvent &event);
    // Lines of own messages whose ack was lost with the connection, recognised in what the join
    // ack brings back, are marked delivered (and taken out of `history`).
    void settleOwn(const Outbox::Destination &to, QList<ChatMsg> &history,
                   const QString &previousKey);
    // One message the join ack brought back (every one moves lastSeenId): true when it is an
    // own one that waited for its ack, now marked delivered.
    bool settleOwn(const Outbox::Destination &to, const QString &author, const QString &text,
                   qint64 id, qint64 ts, const QString &previousKey);
    void takeV1History(const JoinAck &ack, bool resumed, const QString &previousKey);
    void takeRoomsAck(const QJsonObject &data, bool resumed, const QString &previousKey);
    MessageListModel *modelFor(const Outbox::Destination &to) const;
    std::optional<Outbox::Destination> currentDestination() const;
    // The rooms to ask for in a join: those the user is in, else the remembered ones.
    std::optional<QStringList> roomsToEnter() const;
    void rememberRooms();
    // No reconnection will follow: what waits is marked not sent.
    void failOutbox();
    void notice(const QString &text) { m_conversations.notice(text); }

    ServerConnection m_connection;
    QString m_requestedName;
    User m_self;
    QString m_token;
    QStringList m_serverFeatures;
    Limits m_limits;
    qint64 m_lastSeenId = 0;
    State m_state = State::Disconnected;
    bool m_outage = false; // a connection was lost and is not back yet
    bool m_everJoined = false;
    QStringList m_rememberedRooms; // entered at the first join (ClientSettings)
    bool m_askedForRooms = false;  // the pending join lists rooms
    // Feature "accounts": secrets of this session (empty: none), the joined account.
    QString m_password;
    QString m_serverPassword;
    bool m_sentServerPassword = false; // the pending join carries one
    std::optional<AccountInfo> m_account;
    QString m_loginRefusal;

    qint64 m_nextRequestId = 1;
    qint64 m_joinRequestId = 0;
    QHash<qint64, Reply> m_replies;
    Outbox m_outbox;
    QElapsedTimer m_sinceTyping;
    QTimer m_paceTimer; // the next queued message may go
    UserListModel m_users;
    Conversations m_conversations;
    TypingTracker m_typing;
    Moderation m_moderation;
    LocationSharing m_location;
};

} // namespace chat::client
