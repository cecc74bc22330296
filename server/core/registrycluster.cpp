// Registry in cluster mode: the requests. A change is checked against this instance's view of
// the whole chat and published through the ClusterLink; it takes effect when it comes back
// (registryclusterapply.cpp), on every instance in the same order.
#include "registry.h"
#include "registrydetail.h"

#include "cluster/clusterlink.h"
#include "roomscodec.h"
#include "secrets.h"

#include <QDateTime>
#include <QMutexLocker>

namespace chat::server {

using namespace registrydetail;

namespace {
Error unavailable()
{
    return Error{ErrorCode::ServerError,
                 QStringLiteral("The server cannot reach the rest of the chat right now; "
                                "try again in a moment.")};
}

Error notInRoom()
{
    return Error{ErrorCode::NotInRoom, QStringLiteral("You are not in this room.")};
}
} // namespace

void Registry::join(quint64 connectionId, QString name, const JoinOptions &options, JoinDone done)
{
    if (!m_cluster)
        return done(join(connectionId, std::move(name), options));
    clusterJoin(connectionId, std::move(name), options, std::move(done));
}

Registry::Member *Registry::findMemberLocked(const QString &key)
{
    const auto it = m_indexByKey.constFind(key);
    return it == m_indexByKey.cend() ? nullptr : &m_members[it.value()];
}

quint64 Registry::localConnectionLocked(const QString &key) const
{
    const auto it = m_indexByKey.constFind(key);
    if (it == m_indexByKey.cend())
        return 0;
    const Member &member = m_members[it.value()];
    return member.instance.isEmpty() ? member.connectionId : 0;
}

ClusterMember Registry::clusterMemberLocked(const Member &member) const
{
    ClusterMember record;
    record.key = member.user.key;
    record.name = member.user.name;
    record.folded = validation::nameUniquenessKey(member.user.name);
    record.instance = member.instance.isEmpty() ? m_cluster->instanceId() : member.instance;
    record.connectionId = member.connectionId;
    record.roomsClient = member.roomsClient;
    record.accountsClient = member.accountsClient;
    record.account = member.account;
    record.accountKey = member.accountKey;
    for (const QString &key : member.rooms) {
        const auto room = m_rooms.find(key);
        record.rooms.append(room == m_rooms.end() ? key : room->second.name());
    }
    record.held = member.heldUntil != 0;
    record.session = member.session || !member.token.isEmpty();
    if (!member.token.isEmpty())
        record.sessionHash = clusterevent::tokenHash(member.token);
    record.addressKey = member.addressKey;
    return record;
}

QList<ClusterMember> Registry::localMembers() const
{
    QMutexLocker lock(&m_mutex);
    QList<ClusterMember> members;
    for (const Member &member : m_members) {
        if (member.instance.isEmpty())
            members.append(clusterMemberLocked(member));
    }
    return members;
}

void Registry::clusterPublishLocked(ClusterEvent event, const QByteArray &channel,
                                    const QString &key, const QString &roomKey, Done done)
{
    event.origin = m_cluster->instanceId();
    if (done) {
        event.request = ++m_nextRequest;
        m_pendingDone.insert(event.request, std::move(done));
    }
    QByteArray record;
    if (const Member *member = findMemberLocked(key)) {
        ClusterMember changed = clusterMemberLocked(*member);
        // The record as it will be once the event is applied.
        if (event.type == ClusterEvent::Type::Enter)
            changed.rooms.append(event.room);
        else if (event.type == ClusterEvent::Type::Part)
            changed.rooms.removeIf(
                [&](const QString &name) { return validation::roomKey(name) == event.room; });
        if (event.type == ClusterEvent::Type::Enter || event.type == ClusterEvent::Type::Part)
            record = clusterevent::encodeMember(changed);
    }
    QByteArray room;
    if (!roomKey.isEmpty()) {
        QJsonObject object{{"name", event.type == ClusterEvent::Type::Enter
                                        ? event.room
                                        : findRoom(roomKey)->name()},
                           {"topic", event.topic}};
        room = compact(object);
    }
    const quint64 request = event.request;
    m_cluster->publish(event, channel, record, roomKey, room,
                       [this, request](const std::variant<quint64, Error> &result) {
                           if (const auto *error = std::get_if<Error>(&result); error && request)
                               failPending(request, *error);
                       });
}

void Registry::clusterPost(const User &sender, const QString &key, const QString &text, Done done)
{
    QMutexLocker lock(&m_mutex);
    ChatRoom *room = key.isEmpty() ? nullptr : findRoom(key);
    if (!room || !room->contains(sender.key)) {
        lock.unlock();
        return done(notInRoom());
    }
    if (!m_cluster->isAvailable()) {
        lock.unlock();
        return done(unavailable());
    }
    ClusterEvent event;
    event.type = ClusterEvent::Type::Message;
    event.origin = m_cluster->instanceId();
    event.key = sender.key;
    event.name = sender.name;
    event.room = key;
    event.text = text;
    event.ts = QDateTime::currentMSecsSinceEpoch();
    event.authorAccount = accountKeyLocked(sender.key);
    lock.unlock();
    m_cluster->message(
        event, clusterevent::roomChannel(key),
        [this, event, done = std::move(done)](const std::variant<qint64, Error> &numbered) {
            if (const auto *error = std::get_if<Error>(&numbered))
                return done(*error);
            const ChatMsg msg{std::get<qint64>(numbered), event.key, event.name, event.text,
                              event.ts};
            if (!m_store)
                return done(idAndTs(msg.id, msg.ts));
            m_store->append(msg, event.room, event.authorAccount,
                            answerWhenCommitted(done, idAndTs(msg.id, msg.ts)));
        });
}

void Registry::clusterSendPrivate(const User &sender, const QString &to, const QString &text,
                                  Done done)
{
    QMutexLocker lock(&m_mutex);
    const Member *recipient = findMemberLocked(to);
    std::optional<Error> refused;
    if (!recipient)
        refused = Error::fromCode(ErrorCode::NoSuchUser);
    else if (!recipient->roomsClient)
        refused = Error{ErrorCode::Unsupported,
                        QStringLiteral("%1's client cannot receive private messages.")
                            .arg(recipient->user.name)};
    else if (!m_cluster->isAvailable())
        refused = unavailable();
    if (refused) {
        lock.unlock();
        return done(*refused);
    }
    ClusterEvent event;
    event.type = ClusterEvent::Type::Private;
    event.origin = m_cluster->instanceId();
    event.key = sender.key;
    event.name = sender.name;
    event.to = to;
    event.text = text;
    event.ts = QDateTime::currentMSecsSinceEpoch();
    event.authorAccount = accountKeyLocked(sender.key);
    const QString recipientAccount = recipient->accountKey;
    lock.unlock();
    m_cluster->message(
        event, clusterevent::userChannel(to),
        [this, event, recipientAccount,
         done = std::move(done)](const std::variant<qint64, Error> &numbered) {
            if (const auto *error = std::get_if<Error>(&numbered))
                return done(*error);
            const PrivateMsg msg{
                std::get<qint64>(numbered), event.key, event.name, event.to, event.text, event.ts};
            if (!m_store)
                return done(idAndTs(msg.id, msg.ts));
            m_store->appendPrivate(msg, event.authorAccount, recipientAccount,
                                   answerWhenCommitted(done, idAndTs(msg.id, msg.ts)));
        });
}

void Registry::clusterEnter(const User &user, QString name, const std::optional<QString> &topic,
                            Done done)
{
    QMutexLocker lock(&m_mutex);
    Member *member = findMemberLocked(user.key);
    if (!member) {
        lock.unlock();
        return done(Error::fromCode(ErrorCode::NotJoined));
    }
    QStringList names{name};
    if (auto refused = checkEnterLocked(member, member->addressKey, names, topic)) {
        lock.unlock();
        return done(*refused);
    }
    const QString key = validation::roomKey(names.first());
    if (member->rooms.contains(key)) { // nothing changes: its state, as a local enter answers
        const QByteArray data =
            "{\"room\":" +
            findRoom(key)->stateElement(std::nullopt, m_maxHistoryBytes, member->accountsClient) +
            '}';
        lock.unlock();
        return done(data);
    }
    if (!m_cluster->isAvailable()) {
        lock.unlock();
        return done(unavailable());
    }
    ClusterEvent event;
    event.type = ClusterEvent::Type::Enter;
    event.key = user.key;
    event.name = user.name;
    event.room = names.first();
    event.topic = topic.value_or(QString());
    const bool creating = !m_rooms.count(key);
    clusterPublishLocked(event, clusterevent::roomChannel(key), user.key,
                         creating ? key : QString(), std::move(done));
}

std::optional<Error> Registry::clusterLeaveRoom(const User &user, const QString &key)
{
    QMutexLocker lock(&m_mutex);
    const Member *member = findMemberLocked(user.key);
    if (!member || key.isEmpty() || !member->rooms.contains(key))
        return notInRoom();
    if (!m_cluster->isAvailable())
        return unavailable();
    ClusterEvent event;
    event.type = ClusterEvent::Type::Part;
    event.key = user.key;
    event.name = user.name;
    event.room = key;
    clusterPublishLocked(event, clusterevent::roomChannel(key), user.key, QString(), {});
    return std::nullopt;
}

void Registry::clusterSetTopic(const User &user, const QString &key, const QString &topic,
                               Done done)
{
    QMutexLocker lock(&m_mutex);
    ChatRoom *room = key.isEmpty() ? nullptr : findRoom(key);
    std::optional<Error> refused;
    const int maxTopic = m_maxTopicCodePoints;
    if (!room || !findMemberLocked(user.key) || !room->contains(user.key))
        refused = notInRoom();
    else if (validation::checkTopic(topic, maxTopic))
        refused = Error{ErrorCode::InvalidTopic,
                        QStringLiteral("A topic is at most %1 characters, without control "
                                       "characters.")
                            .arg(maxTopic)};
    else if (!m_cluster->isAvailable())
        refused = unavailable();
    if (refused) {
        lock.unlock();
        return done(*refused);
    }
    ClusterEvent event;
    event.type = ClusterEvent::Type::Topic;
    event.key = user.key;
    event.name = user.name;
    event.room = key;
    event.topic = topic;
    clusterPublishLocked(event, clusterevent::roomChannel(key), user.key, key, std::move(done));
}

void Registry::clusterTyping(const User &user)
{
    if (!m_cluster->isAvailable())
        return;
    ClusterEvent event;
    event.type = ClusterEvent::Type::Typing;
    event.key = user.key;
    event.name = user.name;
    QMutexLocker lock(&m_mutex);
    clusterPublishLocked(event, clusterevent::allChannel(), user.key, QString(), {});
}

void Registry::clusterLeaveLocked(const Member &member)
{
    // Gone here at once (removeLocked); the others when the leave comes back. Should the leave
    // not reach Redis, the next resync frees the name (Cluster: records of this instance that
    // are not among its users).
    ClusterEvent event;
    event.type = ClusterEvent::Type::Leave;
    event.origin = m_cluster->instanceId();
    event.key = member.user.key;
    event.name = member.user.name;
    m_cluster->leave(event, validation::nameUniquenessKey(member.user.name));
}

} // namespace chat::server
