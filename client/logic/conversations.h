#pragma once

#include "conversationlistmodel.h"
#include "messagelistmodel.h"
#include "roomsclientcodec.h"
#include "userlistmodel.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace chat::client {

// What a rooms session (protocol feature "rooms") holds per conversation: one per room the user
// is in (its messages, members and topic), one per person written with privately (the
// messages both ways); and the sidebar over them with unread counts. It is fed the decoded
// join ack, the acks of the user's own enter/leave, and the server's rooms events; it never
// sees a socket. Messages that name the user, and private ones, count as mentions.
class Conversations : public QObject
{
    Q_OBJECT
public:
    using Kind = ConversationListModel::Kind;

    explicit Conversations(QObject *parent = nullptr);

    // Who the user is (its key marks own messages; its name, mentions).
    void setSelf(const User &self) { m_self = self; }
    // A (re)join: the rooms of the ack replace what was there; missed private messages join
    // their conversations. A resume passes only what was missed: the rooms keep their lines.
    void join(const codec::rooms::RoomsJoinAck &ack, bool resumed);
    // The user's own enter (its ack's RoomState) and leave.
    void entered(const codec::rooms::RoomState &state);
    void left(const QString &room);
    // An event from the server.
    void apply(const codec::rooms::RoomsEvent &event);
    // Someone left the server (v1's `user disconnected`): it left every room.
    void userDisconnected(const User &user);
    // A private conversation with this person, opened by the user ("Message alice"); kept when
    // it exists. Returns its messages.
    MessageListModel *openPrivate(const QString &key, const QString &name);
    // The user closed a private conversation (it opens again with the next message).
    void closePrivate(const QString &key);
    // A page of older messages of a room (`history`), above what it shows.
    void addOlder(const QString &room, const QList<ChatMsg> &messages, bool more);
    // Whether older messages than those shown may exist on the server (false once a page said
    // there are none), and whether a page is on its way.
    bool olderMayExist(const QString &room) const;
    void setLoadingOlder(const QString &room, bool loading);
    bool loadingOlder(const QString &room) const;
    // A line about the connection, in every conversation (or, before there is any, in the
    // status lines shown until the first join).
    void notice(const QString &text);
    // A message deleted on the server leaves the conversation showing it, and the unread
    // counts when it was unread; false when no conversation showed it (an unknown id).
    bool removeMessage(qint64 id);
    // Everything goes: another server or another name.
    void clear();

    ConversationListModel *list() { return &m_list; }
    const ConversationListModel *list() const { return &m_list; }
    // nullptr when there is no such conversation.
    MessageListModel *messages(Kind kind, const QString &id) const;
    UserListModel *members(const QString &room) const;
    QString topic(const QString &room) const;
    bool isInRoom(const QString &room) const { return this->room(room) != nullptr; }
    // The name of the user with this key: from the members of the user's rooms, the private
    // conversations, else the key.
    QString nameOf(const QString &key) const;

    // The conversation shown. Its messages are those of the status lines while there is none.
    void setCurrent(Kind kind, const QString &id) { m_list.setCurrent(kind, id); }
    std::optional<ConversationListModel::Conversation> current() const { return m_list.current(); }
    MessageListModel *currentMessages();
    MessageListModel *status() { return &m_status; }

signals:
    // A message from someone else that names the user, or a private one, arrived live.
    void mentioned(Kind kind, const QString &id, const QString &sender, const QString &text);

private:
    struct Conversation
    {
        std::unique_ptr<MessageListModel> messages = std::make_unique<MessageListModel>();
        std::unique_ptr<UserListModel> members = std::make_unique<UserListModel>();
        QString topic;
        QString title;             // private: the other person's name
        bool olderMayExist = true; // rooms: no `history` page said "no more" yet
        bool loadingOlder = false;
    };
    Conversation *room(const QString &name) const;
    Conversation &privateWith(const QString &key, const QString &name);
    void fillRoom(Conversation &room, const codec::rooms::RoomState &state, bool keepLines);
    void addPrivate(const PrivateMsg &msg, bool live);
    bool mentionsMe(const ChatMsg &msg) const;
    // After leaving the current room the next one down (or up) is shown.
    void showNeighbourOf(int row);

    User m_self;
    ConversationListModel m_list;
    MessageListModel m_status;
    QHash<QString, std::shared_ptr<Conversation>> m_rooms;   // by case-folded name
    QHash<QString, std::shared_ptr<Conversation>> m_private; // by the other person's key
};

} // namespace chat::client
