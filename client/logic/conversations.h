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
    // The user's own private message, once the server acknowledged it.
    void sentPrivately(const PrivateMsg &msg);

    ConversationListModel *list() { return &m_list; }
    // nullptr when there is no such conversation.
    MessageListModel *messages(Kind kind, const QString &id) const;
    UserListModel *members(const QString &room) const;
    QString topic(const QString &room) const;
    void setCurrent(Kind kind, const QString &id) { m_list.setCurrent(kind, id); }

signals:
    // A message from someone else that names the user, or a private one, arrived live.
    void mentioned(Kind kind, const QString &id, const QString &sender, const QString &text);

private:
    struct Conversation
    {
        std::unique_ptr<MessageListModel> messages = std::make_unique<MessageListModel>();
        std::unique_ptr<UserListModel> members = std::make_unique<UserListModel>();
        QString topic;
    };
    Conversation *room(const QString &name) const;
    Conversation &privateWith(const QString &key, const QString &name);
    void fillRoom(Conversation &room, const codec::rooms::RoomState &state, bool keepLines);
    void addPrivate(const PrivateMsg &msg, bool live);
    bool mentionsMe(const ChatMsg &msg) const;
    // A name for a key: from the members of the user's rooms.
    QString nameOf(const QString &key) const;

    User m_self;
    ConversationListModel m_list;
    QHash<QString, std::shared_ptr<Conversation>> m_rooms;   // by case-folded name
    QHash<QString, std::shared_ptr<Conversation>> m_private; // by the other person's key
};

} // namespace chat::client
