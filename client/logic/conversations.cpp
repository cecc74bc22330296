#include "conversations.h"

#include "textrules.h"

namespace chat::client {

using namespace codec::rooms;

Conversations::Conversations(QObject *parent) : QObject(parent) {}

Conversations::Conversation *Conversations::room(const QString &name) const
{
    const auto it = m_rooms.constFind(name.toCaseFolded());
    return it == m_rooms.cend() ? nullptr : it->get();
}

Conversations::Conversation &Conversations::privateWith(const QString &key, const QString &name)
{
    auto &slot = m_private[key];
    if (!slot) {
        slot = std::make_shared<Conversation>();
        slot->title = name;
        m_list.addPrivate(key, name);
    }
    return *slot;
}

QString Conversations::nameOf(const QString &key) const
{
    for (const auto &conversation : m_rooms) {
        if (const auto user = conversation->members->user(key))
            return user->name;
    }
    if (const auto it = m_private.constFind(key); it != m_private.cend())
        return (*it)->title;
    return key; // nobody in the user's rooms: the key is all there is
}

bool Conversations::mentionsMe(const ChatMsg &msg) const
{
    return msg.key != m_self.key && textrules::mentions(msg.message, m_self.name);
}

void Conversations::fillRoom(Conversation &conversation, const RoomState &state, bool keepLines)
{
    if (!keepLines)
        conversation.messages->clear();
    const qint64 shown = conversation.messages->newestMessageId();
    for (const ChatMsg &msg : state.history) {
        if (msg.id > shown)
            conversation.messages->queueChat(msg, msg.key == m_self.key, mentionsMe(msg));
    }
    conversation.messages->flushQueued(); // the history in one insertion, shown with the join
    conversation.members->reset(state.users, m_self.key);
    conversation.topic = state.topic;
    m_list.addRoom(state.name, state.topic);
}

void Conversations::join(const RoomsJoinAck &ack, bool resumed)
{
    if (!resumed) { // another session: the rooms are what the server says now
        for (const QString &name : m_list.roomNames()) {
            const bool stays =
                std::any_of(ack.rooms.cbegin(), ack.rooms.cend(), [&](const RoomState &state) {
                    return state.name.toCaseFolded() == name.toCaseFolded();
                });
            if (!stays)
                left(name);
        }
    }
    for (const RoomState &state : ack.rooms) {
        auto &slot = m_rooms[state.name.toCaseFolded()];
        if (!slot)
            slot = std::make_shared<Conversation>();
        // A resume brings only what was missed, a fresh join the room's recent history: either
        // way the lines shown stay (own messages waiting for their ack among them) and only
        // newer ones are added.
        fillRoom(*slot, state, true);
    }
    for (const PrivateMsg &msg : ack.privateMessages)
        addPrivate(msg, false);
}

void Conversations::entered(const RoomState &state)
{
    auto &slot = m_rooms[state.name.toCaseFolded()];
    if (!slot)
        slot = std::make_shared<Conversation>();
    fillRoom(*slot, state, false);
}

void Conversations::left(const QString &name)
{
    const auto current = m_list.current();
    const int row = m_list.rowOf(Kind::Room, name);
    m_rooms.remove(name.toCaseFolded());
    m_list.removeRoom(name);
    if (current && current->kind == Kind::Room && current->id.toCaseFolded() == name.toCaseFolded())
        showNeighbourOf(row);
}

void Conversations::showNeighbourOf(int row)
{
    if (m_list.rowCount() == 0) {
        m_list.setCurrent(Kind::Room, QString());
        return;
    }
    const auto &next = m_list.conversation(qBound(0, row, m_list.rowCount() - 1));
    m_list.setCurrent(next.kind, next.id);
}

void Conversations::userDisconnected(const User &user)
{
    for (const auto &conversation : std::as_const(m_rooms)) {
        if (conversation->members->user(user.key)) {
            conversation->members->remove(user.key);
            conversation->messages->addPresence(user.name, false);
        }
    }
}

MessageListModel *Conversations::openPrivate(const QString &key, const QString &name)
{
    return privateWith(key, name).messages.get();
}

void Conversations::closePrivate(const QString &key)
{
    const auto current = m_list.current();
    const int row = m_list.rowOf(Kind::Private, key);
    if (row < 0)
        return;
    m_list.removePrivate(key);
    m_private.remove(key);
    if (current && current->kind == Kind::Private && current->id == key)
        showNeighbourOf(row);
}

void Conversations::addOlder(const QString &name, const QList<ChatMsg> &messages, bool more)
{
    Conversation *conversation = room(name);
    if (!conversation)
        return;
    conversation->loadingOlder = false;
    conversation->olderMayExist = more;
    conversation->messages->addOlder(messages, m_self.key,
                                     [this](const ChatMsg &msg) { return mentionsMe(msg); });
}

bool Conversations::olderMayExist(const QString &name) const
{
    const Conversation *conversation = room(name);
    return conversation && conversation->olderMayExist;
}

void Conversations::setLoadingOlder(const QString &name, bool loading)
{
    if (Conversation *conversation = room(name))
        conversation->loadingOlder = loading;
}

bool Conversations::loadingOlder(const QString &name) const
{
    const Conversation *conversation = room(name);
    return conversation && conversation->loadingOlder;
}

void Conversations::notice(const QString &text)
{
    if (m_rooms.isEmpty() && m_private.isEmpty()) {
        m_status.appendNotice(text);
        return;
    }
    for (const auto &conversation : std::as_const(m_rooms))
        conversation->messages->appendNotice(text);
    for (const auto &conversation : std::as_const(m_private))
        conversation->messages->appendNotice(text);
}

void Conversations::clear()
{
    for (const QString &name : m_list.roomNames())
        m_list.removeRoom(name);
    for (auto it = m_private.cbegin(); it != m_private.cend(); ++it)
        m_list.removePrivate(it.key());
    m_rooms.clear();
    m_private.clear();
    m_status.clear();
}

MessageListModel *Conversations::currentMessages()
{
    const auto current = m_list.current();
    if (!current)
        return &m_status;
    MessageListModel *model = messages(current->kind, current->id);
    return model ? model : &m_status;
}

void Conversations::addPrivate(const PrivateMsg &msg, bool live)
{
    const bool own = msg.key == m_self.key;
    // The conversation is with the other person: the recipient of one's own messages.
    const QString peerKey = own ? msg.to : msg.key;
    Conversation &conversation = privateWith(peerKey, own ? nameOf(peerKey) : msg.sender);
    if (!live && msg.id <= conversation.messages->newestMessageId())
        return; // shown before the connection was lost
    conversation.messages->queueChat(ChatMsg{msg.id, msg.key, msg.sender, msg.message, msg.ts}, own,
                                     false);
    if (!own) {
        m_list.noteMessage(Kind::Private, peerKey, true, msg.id);
        if (live)
            emit mentioned(Kind::Private, peerKey, msg.sender, msg.message);
    }
}

void Conversations::apply(const RoomsEvent &event)
{
    std::visit(
        [this](const auto &e) {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, RoomChatMsg>) {
                Conversation *conversation = room(e.room);
                if (!conversation)
                    return;
                const bool own = e.msg.key == m_self.key;
                const bool mention = mentionsMe(e.msg);
                conversation->messages->queueChat(e.msg, own, mention);
                if (own)
                    return;
                m_list.noteMessage(Kind::Room, e.room, mention, e.msg.id);
                if (mention)
                    emit mentioned(Kind::Room, e.room, e.msg.sender, e.msg.message);
            } else if constexpr (std::is_same_v<T, UserEntered>) {
                if (Conversation *conversation = room(e.room)) {
                    conversation->members->add(e.user);
                    conversation->messages->addPresence(e.user.name, true);
                }
            } else if constexpr (std::is_same_v<T, UserLeft>) {
                if (Conversation *conversation = room(e.room)) {
                    conversation->members->remove(e.user.key);
                    conversation->messages->addPresence(e.user.name, false);
                }
            } else if constexpr (std::is_same_v<T, TopicChanged>) {
                if (Conversation *conversation = room(e.room)) {
                    conversation->topic = e.topic;
                    const QString topic = textrules::isolate(e.topic);
                    conversation->messages->appendNotice(
                        e.by.key == m_self.key ? tr("You changed the topic to: %1").arg(topic)
                                               : tr("%1 changed the topic to: %2")
                                                     .arg(textrules::isolate(e.by.name), topic));
                    m_list.setTopic(e.room, e.topic);
                }
            } else {
                addPrivate(e.msg, true);
            }
        },
        event);
}

bool Conversations::removeMessage(qint64 id)
{
    // Ids are unique server-wide: the message is in at most one conversation, whichever it is.
    bool removed = false;
    for (const auto &conversation : std::as_const(m_rooms))
        removed = conversation->messages->removeMessage(id) || removed;
    for (const auto &conversation : std::as_const(m_private))
        removed = conversation->messages->removeMessage(id) || removed;
    m_list.forgetMessage(id); // no longer unread either
    return removed;
}

MessageListModel *Conversations::messages(Kind kind, const QString &id) const
{
    if (kind == Kind::Room) {
        const Conversation *conversation = room(id);
        return conversation ? conversation->messages.get() : nullptr;
    }
    const auto it = m_private.constFind(id);
    return it == m_private.cend() ? nullptr : (*it)->messages.get();
}

UserListModel *Conversations::members(const QString &name) const
{
    const Conversation *conversation = room(name);
    return conversation ? conversation->members.get() : nullptr;
}

QString Conversations::topic(const QString &name) const
{
    const Conversation *conversation = room(name);
    return conversation ? conversation->topic : QString();
}

} // namespace chat::client
