// Registry in cluster mode: applying what the instances published, in the cluster's order (the
// requests are in registrycluster.cpp). Every instance applies every event; the one a request
// came from answers it here.
#include "registry.h"
#include "registrydetail.h"

#include "cluster/clusterlink.h"
#include "logging.h"
#include "roomscodec.h"

#include <QDeadlineTimer>
#include <QMutexLocker>
#include <QSet>

namespace chat::server {

using namespace registrydetail;

void Registry::apply(const ClusterEvent &event)
{
    if (applyModeration(event)) // registryclustermoderation.cpp
        return;
    QMutexLocker lock(&m_mutex);
    switch (event.type) {
    case ClusterEvent::Type::Join:
        return applyJoinLocked(event);
    case ClusterEvent::Type::Leave:
        return applyLeaveLocked(event.key);
    case ClusterEvent::Type::Enter:
        return applyEnterLocked(event);
    case ClusterEvent::Type::Part:
        return applyPartLocked(event);
    case ClusterEvent::Type::Topic:
        return applyTopicLocked(event);
    case ClusterEvent::Type::Message:
        return applyMessageLocked(event);
    case ClusterEvent::Type::Private:
        return applyPrivateLocked(event);
    case ClusterEvent::Type::Typing:
        return applyTypingLocked(event);
    case ClusterEvent::Type::Gone:
        return applyGoneLocked(event);
    case ClusterEvent::Type::Roster:
        return applyRosterLocked(event);
    case ClusterEvent::Type::Resume:
        return applyResumeLocked(event);
    case ClusterEvent::Type::Location:
        return applyLocationLocked(event); // registrylocation.cpp
    case ClusterEvent::Type::Kick:
    case ClusterEvent::Type::Ban:
    case ClusterEvent::Type::Delete:
    case ClusterEvent::Type::Account:
    case ClusterEvent::Type::Unknown:
        return;
    }
}

void Registry::answerPendingLocked(const ClusterEvent &event, const QByteArray &data)
{
    if (!event.request || event.origin != m_cluster->instanceId())
        return;
    const auto pending = m_pendingDone.find(event.request);
    if (pending == m_pendingDone.end())
        return;
    Done done = std::move(pending.value());
    m_pendingDone.erase(pending);
    done(data);
}

Registry::Member Registry::memberOf(const ClusterMember &record)
{
    // Another instance's user as this one keeps it: no connection here; its address is what a
    // ban made here takes.
    Member member;
    member.user = User{record.key, record.name};
    member.instance = record.instance;
    member.roomsClient = record.roomsClient;
    member.accountsClient = record.accountsClient;
    member.account = record.account;
    member.accountKey = record.accountKey;
    member.session = record.session;
    member.addressKey = record.addressKey;
    return member;
}

void Registry::applyJoinLocked(const ClusterEvent &event)
{
    const ClusterMember &record = event.member;
    if (m_indexByKey.contains(record.key))
        return; // known already (a snapshot had it)
    const bool mine = record.instance == m_cluster->instanceId();
    std::optional<PendingJoin> pending;
    if (mine) {
        const auto it = m_pendingJoins.find(event.request);
        if (it == m_pendingJoins.end()) {
            // Its request was answered with an error (Redis's reply was lost): not ours to keep.
            ClusterEvent leave;
            leave.type = ClusterEvent::Type::Leave;
            leave.origin = m_cluster->instanceId();
            leave.key = record.key;
            m_cluster->leave(leave, validation::nameUniquenessKey(record.name));
            return;
        }
        pending = std::move(it.value());
        m_pendingJoins.erase(it);
    }
    const QString folded = validation::nameUniquenessKey(record.name);
    if (const QString holder = m_keysByFoldedName.value(folded); !holder.isEmpty()) {
        // Redis gave the name to this join, so its holder here is gone: its leave is on the way.
        if (Member *stale = findMemberLocked(holder); stale && !stale->instance.isEmpty()) {
            if (stale->heldUntil)
                releaseHeldLocked(*stale);
            removeLocked(stale->connectionId, stale->user);
        }
    }
    Member member = memberOf(record);
    if (mine) {
        member.connectionId = record.connectionId; // another's is no connection here
        member.instance.clear();
    }
    if (pending) {
        member.addressKey = pending->options.addressKey;
        if (pending->options.resumable)
            member.token = pending->token;
    }
    Presence presence = encodePresence(member.user, record.account);
    Member &added = addMemberLocked(std::move(member), std::move(presence), record.rooms, true);
    if (!pending)
        return;
    Joined joined;
    joined.user = added.user;
    joined.token = pending->token;
    fillJoinedLocked(added, joined, pending->options.lastSeenId);
    joined.seq = m_seq;
    pending->done(joined);
}

void Registry::applyLeaveLocked(const QString &key)
{
    Member *member = findMemberLocked(key);
    if (!member)
        return;
    if (member->heldUntil)
        releaseHeldLocked(*member);
    const User user = member->user;
    removeLocked(member->connectionId, user);
}

void Registry::applyEnterLocked(const ClusterEvent &event)
{
    Member *member = findMemberLocked(event.key);
    if (!member)
        return;
    const QString key = validation::roomKey(event.room);
    const bool created =
        enterLocked(*member, event.room, event.topic, localConnectionLocked(event.key), true);
    ChatRoom *room = findRoom(key);
    if (!room || event.origin != m_cluster->instanceId())
        return;
    const auto pending = m_pendingDone.find(event.request);
    if (created && m_store && pending != m_pendingDone.end()) {
        Done done = std::move(pending.value());
        m_pendingDone.erase(pending);
        return m_store->saveRoom(key, room->name(), room->topic(),
                                 answerEnterWhenCommitted(key, event.key, std::move(done)));
    }
    if (created && m_store)
        storeRoomLocked(key);
    answerPendingLocked(event, enterAckLocked(*room, *member));
}

void Registry::applyPartLocked(const ClusterEvent &event)
{
    Member *member = findMemberLocked(event.key);
    if (member && member->rooms.contains(event.room))
        leaveRoomLocked(*member, event.room, true);
}

void Registry::applyTopicLocked(const ClusterEvent &event)
{
    ChatRoom *room = findRoom(event.room);
    if (!room)
        return;
    room->setTopic(event.topic);
    publishLocked(
        localConnectionLocked(event.key),
        codec::rooms::topicChanged(room->name(), event.topic, User{event.key, event.name}),
        Audience::Listed, room->roomsRecipients());
    if (event.origin != m_cluster->instanceId())
        return;
    const auto pending = m_pendingDone.find(event.request);
    if (m_store && pending != m_pendingDone.end()) {
        Done done = std::move(pending.value());
        m_pendingDone.erase(pending);
        return m_store->saveRoom(event.room, room->name(), event.topic,
                                 answerWhenCommitted(std::move(done), "{}"));
    }
    answerPendingLocked(event, "{}");
}

void Registry::applyMessageLocked(const ClusterEvent &event)
{
    // Ids increase in the cluster's order: a lower one was applied already (read from the
    // database after a gap, and then also among the events buffered meanwhile).
    if (event.id <= m_lastMessageId)
        return;
    ChatRoom *room = findRoom(event.room);
    if (!room) {
        qCWarning(lcServer) << "cluster: a message" << event.id << "to a room this instance does"
                            << "not know; skipped";
        return;
    }
    m_lastMessageId = qMax(m_lastMessageId, event.id);
    relayMessageLocked(*room, ChatMsg{event.id, event.key, event.name, event.text, event.ts},
                       localConnectionLocked(event.key));
}

void Registry::applyPrivateLocked(const ClusterEvent &event)
{
    if (event.id <= m_lastMessageId)
        return;
    m_lastMessageId = qMax(m_lastMessageId, event.id);
    Member *recipient = findMemberLocked(event.to);
    if (!recipient)
        return;
    relayPrivateLocked(*recipient,
                       PrivateMsg{event.id, event.key, event.name, event.to, event.text, event.ts},
                       localConnectionLocked(event.key));
}

void Registry::applyTypingLocked(const ClusterEvent &event)
{
    publishLocked(localConnectionLocked(event.key),
                  codec::encode(ServerEvent{Typing{User{event.key, event.name}}}),
                  Audience::TypingSubscribers);
}

void Registry::applyGoneLocked(const ClusterEvent &event)
{
    qCInfo(lcServer).noquote() << "cluster: instance" << event.instance << "stopped answering;"
                               << event.keys.size() << "of its users are gone";
    for (const QString &key : event.keys) {
        const Member *member = findMemberLocked(key);
        if (member && !member->instance.isEmpty())
            applyLeaveLocked(key);
    }
    // Its users with a resumable session are held by the instance that reaped it, for the
    // grace period a lost connection is given: their clients may resume anywhere meanwhile.
    const bool reaper = event.origin == m_cluster->instanceId();
    for (const QString &key : event.heldKeys) {
        Member *member = findMemberLocked(key);
        if (!member || member->instance.isEmpty())
            continue;
        member->instance = reaper ? QString() : event.origin;
        member->connectionId = 0;
        if (reaper) {
            member->heldUntil = QDeadlineTimer::current().deadline() + m_resumeGraceMs;
            ++m_heldCount;
        }
    }
}

void Registry::applySnapshot(const ClusterSnapshot &snapshot, bool announce)
{
    QMutexLocker lock(&m_mutex);
    for (const ClusterSnapshot::Room &record : snapshot.rooms) {
        auto [it, created] = m_rooms.try_emplace(record.key, record.name, record.topic,
                                                 record.key == protocol::generalRoom);
        if (!created)
            it->second.setTopic(record.topic);
    }
    const QString me = m_cluster->instanceId();
    for (const ClusterMember &record : snapshot.members) {
        if (record.instance == me)
            continue; // this instance's own users are its own to know
        if (m_indexByKey.contains(record.key))
            continue;
        const QString folded = validation::nameUniquenessKey(record.name);
        if (m_keysByFoldedName.contains(folded)) {
            qCWarning(lcServer).noquote()
                << "cluster: two users hold one name after a resync; the other instance's"
                << "is not shown here";
            continue;
        }
        Member member = memberOf(record);
        Presence presence = encodePresence(member.user, record.account);
        addMemberLocked(std::move(member), std::move(presence), record.rooms, announce);
    }
    // Users of other instances that Redis does not know (it lost them, or their leave was lost)
    // stay until their instance's roster says who it has, or until it is found dead
    // (dropInstancesExcept): an instance that lost Redis too registers its users again.
}

void Registry::applyResumeLocked(const ClusterEvent &event)
{
    const bool mine = event.origin == m_cluster->instanceId();
    std::optional<PendingJoin> pending;
    if (mine) {
        if (auto it = m_pendingJoins.find(event.request); it != m_pendingJoins.end()) {
            pending = std::move(it.value());
            m_pendingJoins.erase(it);
        }
    }
    Member *member = findMemberLocked(event.key);
    if (!member) {
        if (pending)
            pending->done(Error{ErrorCode::ServerError,
                                QStringLiteral("The session could not be resumed; join again.")});
        return;
    }
    // Where it was: a connection of this instance is closed without a leave (taken over), a
    // session held here is let go of; nobody is told, as with a resume on one instance.
    if (member->instance.isEmpty()) {
        if (member->heldUntil)
            releaseHeldLocked(*member);
        else if (member->connectionId && m_takeover)
            m_takeover(member->connectionId);
        m_keysByToken.remove(member->token);
        member->token.clear();
    }
    member->connectionId = 0;
    member->instance = event.origin;
    member->addressKey = event.member.addressKey; // a ban made anywhere takes this one
    if (pending) {
        member->instance.clear();
        member->connectionId = pending->connectionId;
        member->addressKey = pending->options.addressKey;
        setAccountsClientLocked(*member, pending->options.accounts);
        member->token = pending->token;
        m_keysByToken.insert(member->token, member->user.key);
    }
    for (const QString &room : std::as_const(member->rooms)) {
        if (ChatRoom *chatRoom = findRoom(room))
            chatRoom->setConnection(member->user.key, member->connectionId);
    }
    if (!pending)
        return;
    Joined joined;
    joined.user = member->user;
    joined.token = pending->token;
    joined.resumed = true;
    fillJoinedLocked(*member, joined, pending->options.lastSeenId);
    joined.seq = m_seq;
    pending->done(joined);
}

void Registry::applyRosterLocked(const ClusterEvent &event)
{
    const QSet<QString> listed(event.keys.cbegin(), event.keys.cend());
    QStringList gone;
    for (const Member &member : m_members) {
        if (member.instance == event.instance && !listed.contains(member.user.key))
            gone.append(member.user.key);
    }
    for (const QString &key : std::as_const(gone))
        applyLeaveLocked(key);
}

void Registry::dropInstancesExcept(const QSet<QString> &alive)
{
    QMutexLocker lock(&m_mutex);
    QStringList gone;
    for (const Member &member : m_members) {
        if (!member.instance.isEmpty() && !alive.contains(member.instance))
            gone.append(member.user.key);
    }
    for (const QString &key : std::as_const(gone))
        applyLeaveLocked(key);
}

} // namespace chat::server
