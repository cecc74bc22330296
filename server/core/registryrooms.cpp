// Registry: rooms, messages, private messages and history (the sessions are in registry.cpp).
#include "registry.h"
#include "registrydetail.h"

#include "codec.h"
#include "fanout.h"
#include "messagestore.h"
#include "roomscodec.h"
#include "validation.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>

namespace chat::server {

namespace {
constexpr qint64 idReservationBlock = 10'000;

qint64 monotonicMs()
{
    return QDeadlineTimer::current().deadline();
}
} // namespace
using namespace registrydetail;

ChatRoom *Registry::findRoom(const QString &key)
{
    const auto it = m_rooms.find(key);
    return it == m_rooms.end() ? nullptr : &it->second;
}

std::optional<Error> Registry::checkEnterLocked(const Member *member, const QString &addressKey,
                                                QStringList &names,
                                                const std::optional<QString> &topic) const
{
    QStringList keys;
    QStringList unique;
    for (QString name : std::as_const(names)) {
        if (validation::normalizeRoomName(name))
            return Error{ErrorCode::InvalidRoom,
                         QStringLiteral("\"%1\" is not a room name: 1 to %2 letters, digits, "
                                        "'-', '_' or '.'.")
                             .arg(name.left(64))
                             .arg(protocol::maxRoomNameCodePoints)};
        const QString key = validation::roomKey(name);
        if (!keys.contains(key)) {
            keys.append(key);
            unique.append(name);
        }
    }
    names = unique;
    const int maxTopic = m_maxTopicCodePoints;
    if (topic && validation::checkTopic(*topic, maxTopic))
        return Error{ErrorCode::InvalidTopic,
                     QStringLiteral("A topic is at most %1 characters, without control "
                                    "characters.")
                         .arg(maxTopic)};
    int entering = 0;
    int creating = 0;
    for (const QString &key : std::as_const(keys)) {
        if (!member || !member->rooms.contains(key))
            ++entering;
        if (!m_rooms.count(key))
            ++creating;
    }
    const int inRooms = member ? int(member->rooms.size()) : 0;
    if (entering > 0 && inRooms + entering > m_maxRoomsPerUser)
        return Error{ErrorCode::TooManyRooms,
                     QStringLiteral("One is in at most %1 rooms.").arg(m_maxRoomsPerUser.load())};
    if (creating > 0 && int(m_rooms.size()) + creating > m_maxRooms)
        return Error{ErrorCode::TooManyRooms,
                     QStringLiteral("The server holds at most %1 rooms.").arg(m_maxRooms.load())};
    if (!m_roomCreations.allows(budgetAddress(addressKey), creating, monotonicMs()))
        return Error{ErrorCode::TooManyRooms,
                     QStringLiteral("At most %1 new rooms a day are created from one address; "
                                    "existing rooms can be entered.")
                         .arg(m_roomCreations.burst())};
    return std::nullopt;
}

bool Registry::enterLocked(Member &member, const QString &name, const QString &topic,
                           quint64 originConnection, bool announce)
{
    const QString key = validation::roomKey(name);
    const auto [it, created] = m_rooms.try_emplace(key, name, topic, false);
    if (created)
        m_roomCreations.spend(budgetAddress(member.addressKey), 1, monotonicMs());
    ChatRoom &room = it->second;
    if (room.contains(member.user.key))
        return false;
    if (announce)
        publishLocked(originConnection, codec::rooms::userEntered(room.name(), member.user),
                      Audience::Listed, room.roomsRecipients());
    room.add(member.user.key, member.element, member.accountsElement, member.connectionId,
             member.roomsClient);
    member.rooms.append(key);
    return created;
}

void Registry::leaveRoomLocked(Member &member, const QString &key, bool tell)
{
    ChatRoom *room = findRoom(key);
    member.rooms.removeOne(key);
    if (!room)
        return;
    room->remove(member.user.key);
    if (tell)
        publishLocked(member.connectionId, codec::rooms::userLeft(room->name(), member.user),
                      Audience::Listed, room->roomsRecipients());
}

void Registry::storeRoomLocked(const QString &key)
{
    const ChatRoom *room = findRoom(key);
    if (!m_store || !room)
        return;
    m_store->saveRoom(key, room->name(), room->topic(), [](bool) {});
}

void Registry::enter(quint64 connectionId, const User &user, QString name,
                     const std::optional<QString> &topic, Done done)
{
    if (m_cluster)
        return clusterEnter(user, std::move(name), topic, std::move(done));
    QMutexLocker lock(&m_mutex);
    const auto index = m_indexByKey.constFind(user.key);
    if (index == m_indexByKey.cend())
        return done(Error::fromCode(ErrorCode::NotJoined));
    Member &member = m_members[index.value()];
    QStringList names{name};
    if (auto refused = checkEnterLocked(&member, member.addressKey, names, topic)) {
        lock.unlock();
        return done(*refused);
    }
    const bool created =
        enterLocked(member, names.first(), topic.value_or(QString()), connectionId);
    const QString key = validation::roomKey(names.first());
    ChatRoom &room = *findRoom(key);
    if (created && m_store)
        return m_store->saveRoom(key, room.name(), room.topic(),
                                 answerEnterWhenCommitted(key, member.user.key, std::move(done)));
    answerEnterLocked(room, member, done);
}

QByteArray Registry::enterAckLocked(ChatRoom &room, const Member &member)
{
    return "{\"room\":" +
           room.stateElement(std::nullopt, m_maxHistoryBytes, member.accountsClient) + '}';
}

void Registry::answerEnterLocked(ChatRoom &room, const Member &member, const Done &done)
{
    done(enterAckLocked(room, member));
}

std::function<void(bool committed)>
Registry::answerEnterWhenCommitted(const QString &roomKey, const QString &userKey, Done done)
{
    // The state as it is at the commit: whatever the room saw meanwhile is in it, and the
    // client dropped those events (the ack had not come yet).
    return [this, roomKey, userKey, done = std::move(done)](bool committed) {
        if (!committed)
            return done(
                Error{ErrorCode::ServerError, QStringLiteral("The change could not be stored.")});
        QMutexLocker lock(&m_mutex);
        ChatRoom *room = findRoom(roomKey);
        const auto index = m_indexByKey.constFind(userKey);
        if (!room || index == m_indexByKey.cend() || !room->contains(userKey)) {
            lock.unlock(); // left (or gone) before the commit: the answer says so
            return done(Error{ErrorCode::NotInRoom, QStringLiteral("You are not in this room.")});
        }
        answerEnterLocked(*room, m_members[index.value()], done);
    };
}

std::optional<Error> Registry::leaveRoom(const User &user, QString name)
{
    const QString key = keyOf(std::move(name));
    if (m_cluster)
        return clusterLeaveRoom(user, key);
    QMutexLocker lock(&m_mutex);
    const auto index = m_indexByKey.constFind(user.key);
    if (index == m_indexByKey.cend() || key.isEmpty() ||
        !m_members[index.value()].rooms.contains(key))
        return Error{ErrorCode::NotInRoom, QStringLiteral("You are not in this room.")};
    leaveRoomLocked(m_members[index.value()], key, true);
    return std::nullopt;
}

QByteArray Registry::rooms() const
{
    std::vector<QByteArray> elements;
    {
        QMutexLocker lock(&m_mutex);
        elements.reserve(m_rooms.size());
        for (const auto &[key, room] : m_rooms) // sorted by the case-folded name
            elements.push_back(
                codec::rooms::roomElement(room.name(), room.topic(), room.memberCount()));
    }
    return "{\"rooms\":" + codec::rooms::joinArray(elements) + '}';
}

void Registry::setTopic(const User &user, QString name, const QString &topic, Done done)
{
    const QString key = keyOf(std::move(name));
    if (m_cluster)
        return clusterSetTopic(user, key, topic, std::move(done));
    QMutexLocker lock(&m_mutex);
    ChatRoom *room = key.isEmpty() ? nullptr : findRoom(key);
    const auto index = m_indexByKey.constFind(user.key);
    if (!room || index == m_indexByKey.cend() || !room->contains(user.key)) {
        lock.unlock();
        return done(Error{ErrorCode::NotInRoom, QStringLiteral("You are not in this room.")});
    }
    const int maxTopic = m_maxTopicCodePoints;
    if (validation::checkTopic(topic, maxTopic)) {
        lock.unlock();
        return done(Error{ErrorCode::InvalidTopic,
                          QStringLiteral("A topic is at most %1 characters, without control "
                                         "characters.")
                              .arg(maxTopic)});
    }
    room->setTopic(topic);
    publishLocked(m_members[index.value()].connectionId,
                  codec::rooms::topicChanged(room->name(), topic, user), Audience::Listed,
                  room->roomsRecipients());
    if (m_store)
        return m_store->saveRoom(key, room->name(), topic, answerWhenCommitted(done, "{}"));
    lock.unlock();
    done(QByteArray("{}"));
}

void Registry::relayMessageLocked(ChatRoom &room, const ChatMsg &msg, quint64 origin)
{
    // Encoded once per audience: v1 clients (general only) get the message without "room".
    QByteArray element;
    QByteArray v1Element;
    if (room.isGeneral()) {
        static const QByteArray generalMember = codec::rooms::roomMember(protocol::generalRoom);
        v1Element = codec::encodeElement(msg);
        element = codec::rooms::chatMsgElement(v1Element, generalMember);
        publishLocked(origin, codec::encodeNewChatMsg(v1Element), Audience::V1Clients);
    } else {
        element = codec::rooms::chatMsgElement(msg, room.name());
    }
    publishLocked(origin, codec::encodeNewChatMsg(element), Audience::Listed,
                  room.roomsRecipients());
    room.append(msg, std::move(element), std::move(v1Element), m_historySize);
}

void Registry::relayPrivateLocked(Member &recipient, const PrivateMsg &msg, quint64 origin)
{
    QByteArray element = codec::rooms::privateMsgElement(msg);
    if (recipient.connectionId && recipient.instance.isEmpty())
        publishLocked(origin, codec::rooms::privateMsgEvent(element), Audience::Listed,
                      QList<quint64>{recipient.connectionId});
    // Kept for a resume (a held session's client comes back for it), as many as a history.
    recipient.inbox.append({msg.id, std::move(element), msg.key});
    const int keep = qMax(0, m_historySize.load());
    if (recipient.inbox.size() > keep)
        recipient.inbox.remove(0, recipient.inbox.size() - keep);
}

std::optional<qint64> Registry::nextIdLocked()
{
    if (m_store && m_lastMessageId >= m_store->reservedUntil()) {
        // Ids are reserved on disk in blocks before clients can see them (a short wait, once
        // every idReservationBlock messages).
        if (!m_store->reserveIds(m_lastMessageId + idReservationBlock))
            return std::nullopt;
    }
    return ++m_lastMessageId;
}

void Registry::post(quint64 connectionId, const User &sender, QString name, const QString &text,
                    Done done)
{
    if (const auto invalid = textError(text, m_maxTextBytes)) {
        done(*invalid);
        return;
    }
    const QString key = name.isEmpty() ? protocol::generalRoom : keyOf(std::move(name));
    if (m_cluster)
        return clusterPost(sender, key, text, std::move(done));
    QMutexLocker lock(&m_mutex);
    ChatRoom *room = key.isEmpty() ? nullptr : findRoom(key);
    if (!room || !room->contains(sender.key)) {
        lock.unlock();
        return done(Error{ErrorCode::NotInRoom, QStringLiteral("You are not in this room.")});
    }
    const auto id = nextIdLocked();
    if (!id) {
        lock.unlock();
        return done(Error{ErrorCode::ServerError,
                          QStringLiteral("The message could not be stored; it was not sent.")});
    }
    const ChatMsg msg{*id, sender.key, sender.name, text, QDateTime::currentMSecsSinceEpoch()};
    const QString authorAccount = accountKeyLocked(sender.key);
    relayMessageLocked(*room, msg, connectionId);
    // Relayed at once; committed meanwhile; acknowledged once committed. The store reports in
    // id order, and the ack is queued behind this message's fan-out.
    if (!m_store) {
        lock.unlock();
        return done(idAndTs(msg.id, msg.ts));
    }
    m_store->append(msg, key, authorAccount,
                    answerWhenCommitted(std::move(done), idAndTs(msg.id, msg.ts)));
}

void Registry::sendPrivate(quint64 connectionId, const User &sender, const QString &to,
                           const QString &text, Done done)
{
    if (const auto invalid = textError(text, m_maxTextBytes)) {
        done(*invalid);
        return;
    }
    if (to == sender.key)
        return done(Error{ErrorCode::BadRequest,
                          QStringLiteral("A private message goes to another user.")});
    if (m_cluster)
        return clusterSendPrivate(sender, to, text, std::move(done));
    QMutexLocker lock(&m_mutex);
    const auto index = m_indexByKey.constFind(to);
    if (index == m_indexByKey.cend()) {
        lock.unlock();
        return done(Error::fromCode(ErrorCode::NoSuchUser));
    }
    Member &recipient = m_members[index.value()];
    if (!recipient.roomsClient) {
        lock.unlock();
        return done(Error{ErrorCode::Unsupported,
                          QStringLiteral("%1's client cannot receive private messages.")
                              .arg(recipient.user.name)});
    }
    const auto id = nextIdLocked();
    if (!id) {
        lock.unlock();
        return done(Error{ErrorCode::ServerError,
                          QStringLiteral("The message could not be stored; it was not sent.")});
    }
    const PrivateMsg msg{*id, sender.key, sender.name,
                         to,  text,       QDateTime::currentMSecsSinceEpoch()};
    relayPrivateLocked(recipient, msg, connectionId);
    if (!m_store) {
        lock.unlock();
        return done(idAndTs(msg.id, msg.ts));
    }
    m_store->appendPrivate(msg, accountKeyLocked(sender.key), recipient.accountKey,
                           answerWhenCommitted(std::move(done), idAndTs(msg.id, msg.ts)));
}

void Registry::history(const User &user, QString name, std::optional<qint64> before, int limit,
                       Done done)
{
    const QString key = keyOf(std::move(name));
    QMutexLocker lock(&m_mutex);
    ChatRoom *room = key.isEmpty() ? nullptr : findRoom(key);
    if (!room || !room->contains(user.key)) {
        lock.unlock();
        return done(Error{ErrorCode::NotInRoom,
                          QStringLiteral("Only the members of a room read its history.")});
    }
    const auto page = [](const QByteArray &messages, bool more) {
        return codec::rooms::spliceArrays(
            compact(QJsonObject{{QStringLiteral("messages"), QJsonArray()},
                                {QStringLiteral("more"), more}}),
            {{"messages", messages}});
    };
    if (!m_store) {
        bool more = false;
        const QByteArray messages = room->page(before, limit, more);
        lock.unlock();
        return done(page(messages, more));
    }
    // Read on the store's thread, behind every message relayed before this request.
    m_store->readPage(key, before, limit,
                      [done = std::move(done), page, roomName = room->name()](
                          bool ok, const QList<ChatMsg> &messages, bool more) {
                          if (!ok)
                              return done(Error{ErrorCode::ServerError,
                                                QStringLiteral("The history could not be read.")});
                          std::vector<QByteArray> elements;
                          elements.reserve(size_t(messages.size()));
                          for (const ChatMsg &msg : messages)
                              elements.push_back(codec::rooms::chatMsgElement(msg, roomName));
                          done(page(codec::rooms::joinArray(elements), more));
                      });
}

} // namespace chat::server
