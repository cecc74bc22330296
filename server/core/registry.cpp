#include "registry.h"

#include "codec.h"
#include "fanout.h"
#include "messagestore.h"
#include "nameskeleton.h"
#include "roomscodec.h"
#include "secrets.h"
#include "validation.h"
#include "wireframe.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QMutexLocker>

#include <iterator>

namespace chat::server {

Registry::Registry(const ServerConfig &config, Fanout &fanout) : m_fanout(fanout)
{
    setLimits(config);
    const QString general = protocol::generalRoom;
    m_general = &m_rooms.try_emplace(general, general, QString(), true).first->second;
}

void Registry::setLimits(const ServerConfig &config)
{
    m_maxNameCodePoints = config.maxNameCodePoints;
    m_maxTextBytes = config.maxTextBytes;
    m_historySize = config.historySize;
    m_resumeGraceMs = config.resumeGraceMs;
    m_maxHeldPerAddress = config.maxHeldSessionsPerAddress;
    m_maxHistoryBytes = config.maxHistoryBytes;
    m_maxRoomsPerUser = config.maxRoomsPerUser;
    m_maxRooms = config.maxRooms;
    m_maxTopicCodePoints = config.maxTopicCodePoints;
    m_locationIntervalMs = config.locationIntervalMs;
    QMutexLocker lock(&m_mutex);
    m_roomCreations.setBurst(config.roomCreationsPerAddressPerDay);
    // A session is resumed at most this long after its client was last heard from (a silent
    // peer is found at the first ping after its idle timeout, then held for the grace period);
    // without pings, a dead connection may go unnoticed: no age bound (DeletionLog).
    const qint64 resumableMs =
        config.pingIntervalMs > 0
            ? qint64(config.idleTimeoutMs) + config.pingIntervalMs + config.resumeGraceMs
            : 0;
    m_deletions.setLimits(resumableMs, config.deletionsKeptForResume);
}

namespace {
qint64 monotonicMs()
{
    return QDeadlineTimer::current().deadline();
}
} // namespace

std::optional<Error> Registry::normalizeName(QString &name) const
{
    if (const auto error = validation::normalizeName(name, m_maxNameCodePoints))
        return Error::fromCode(*error);
    if (validation::rendersAsNothing(name))
        return Error{ErrorCode::InvalidName,
                     QStringLiteral("A name must show something: it holds only invisible "
                                    "or blank characters.")};
    return std::nullopt;
}

std::variant<Registry::Joined, Error> Registry::join(quint64 connectionId, QString name,
                                                     const JoinOptions &options)
{
    if (auto error = normalizeName(name))
        return std::move(*error);

    const QString folded = validation::nameUniquenessKey(name);
    Joined joined;
    joined.token = randomSecret(24);
    if (!options.token.isEmpty()) {
        quint64 replaced = 0;
        QMutexLocker lock(&m_mutex);
        if (resumeLocked(connectionId, options, joined, replaced)) {
            lock.unlock();
            if (replaced && m_takeover)
                m_takeover(replaced);
            return joined;
        }
    }
    joined.user = User{randomSecret(16), name};
    Member member;
    member.user = joined.user;
    member.connectionId = connectionId;
    member.addressKey = options.addressKey;
    member.roomsClient = options.rooms;
    member.accountsClient = options.accounts;
    member.account = options.account;
    member.accountKey = options.account.registered ? folded : QString();
    if (options.resumable)
        member.token = joined.token;
    Presence presence = encodePresence(member.user, member.account);
    QStringList rooms = options.enter.value_or(QStringList{protocol::generalRoom});

    QMutexLocker lock(&m_mutex);
    if (m_keysByFoldedName.contains(folded))
        return Error{ErrorCode::NameTaken,
                     QStringLiteral("The name \"%1\" is already in use.").arg(name)};
    if (options.rooms) {
        if (auto error = checkEnterLocked(nullptr, options.addressKey, rooms, std::nullopt))
            return *error;
    }
    Member &added = addMemberLocked(std::move(member), std::move(presence), rooms, true);
    fillJoinedLocked(added, joined, options.lastSeenId);
    joined.seq = m_seq;
    return joined;
}

Registry::Presence Registry::encodePresence(const User &user, const AccountInfo &account)
{
    const User withAccount{user.key, user.name, account};
    return Presence{codec::encodeElement(user), codec::encodeElement(withAccount),
                    codec::encode(ServerEvent{UserConnected{user}}),
                    codec::encode(ServerEvent{UserConnected{withAccount}})};
}

Registry::Member &Registry::addMemberLocked(Member member, Presence presence,
                                            const QStringList &rooms, bool announce)
{
    const QString folded = validation::nameUniquenessKey(member.user.name);
    m_keysByFoldedName.insert(folded, member.user.key);
    m_indexByKey.insert(member.user.key, m_members.size());
    for (auto [array, added] : {std::pair{&m_usersArray, &presence.element},
                                std::pair{&m_accountsUsersArray, &presence.accountsElement}}) {
        array->chop(1); // "]"
        if (!m_members.empty())
            *array += ',';
        *array += *added;
        *array += ']';
    }
    member.element = std::move(presence.element);
    member.accountsElement = std::move(presence.accountsElement);
    if (!member.token.isEmpty())
        m_keysByToken.insert(member.token, member.user.key);
    const quint64 origin = member.connectionId;
    m_members.push_back(std::move(member));
    Member &added = m_members.back();
    m_accountsMembers += added.accountsClient ? 1 : 0;
    if (added.accountsClient && !added.roomsClient)
        m_accountsOnly.insert(added.user.key);
    if (announce)
        publishPresenceLocked(origin, presence.connected, presence.accountsConnected);
    if (added.roomsClient) {
        for (const QString &room : rooms) {
            // Only the instance the user joined on stores a room its join created.
            if (enterLocked(added, room, QString(), announce ? origin : 0, announce) && m_store &&
                added.instance.isEmpty())
                storeRoomLocked(validation::roomKey(room));
        }
    } else {
        // A v1 client is in general, and only there. The rooms clients in general are told as
        // of anyone entering (v1 clients have no such event: `user connected` is theirs).
        if (announce)
            publishLocked(origin, codec::rooms::userEntered(m_general->name(), added.user),
                          Audience::Listed, m_general->roomsRecipients());
        m_general->add(added.user.key, added.element, added.accountsElement, added.connectionId,
                       false);
        added.rooms.append(protocol::generalRoom);
    }
    return added;
}

bool Registry::resumeLocked(quint64 connectionId, const JoinOptions &options, Joined &joined,
                            quint64 &replaced)
{
    const QString key = m_keysByToken.value(options.token);
    const auto index = m_indexByKey.constFind(key);
    if (key.isEmpty() || index == m_indexByKey.cend())
        return false;
    Member &member = m_members[index.value()];
    if (member.roomsClient != options.rooms)
        return false; // the session's events are of one protocol: not resumed by the other

    if (member.heldUntil) {
        releaseHeldLocked(member);
    } else if (member.connectionId != connectionId) {
        replaced = member.connectionId; // the old connection has not noticed it is gone
    }
    member.connectionId = connectionId;
    member.addressKey = options.addressKey;
    // The new connection's choice: the users arrays and presence events it gets follow it.
    setAccountsClientLocked(member, options.accounts);
    for (const QString &room : std::as_const(member.rooms)) {
        if (ChatRoom *chatRoom = findRoom(room))
            chatRoom->setConnection(member.user.key, connectionId);
    }
    // A new token each time: a token seen on a connection that was taken over is worthless.
    m_keysByToken.remove(member.token);
    member.token = joined.token;
    m_keysByToken.insert(member.token, key);

    joined.user = member.user;
    joined.resumed = true;
    fillJoinedLocked(member, joined, options.lastSeenId);
    joined.seq = m_seq; // everything from here on, and nothing was announced
    return true;
}

void Registry::fillJoinedLocked(const Member &member, Joined &joined,
                                std::optional<qint64> lastSeenId)
{
    joined.usersArray = member.accountsClient ? m_accountsUsersArray : m_usersArray; // shared
    if (joined.resumed) // what it missed of deletions (registrydelete.cpp)
        joined.missedDeletions = missedDeletionsLocked(member, lastSeenId);
    const qint64 maxBytes = m_maxHistoryBytes;
    if (!member.roomsClient) {
        bool cut = false;
        joined.historyArray = m_general->historyAfter(lastSeenId, maxBytes, true, cut);
        joined.historyGap = m_general->hasGap(lastSeenId, cut);
        return;
    }
    // Rooms clients: the history is in each RoomState; `historyGap` says whether one has a gap.
    joined.historyArray = "[]";
    std::vector<QByteArray> states;
    for (const QString &key : member.rooms) {
        ChatRoom *room = findRoom(key);
        if (!room)
            continue;
        bool gap = false;
        states.push_back(room->stateElement(lastSeenId, maxBytes, member.accountsClient, &gap));
        joined.historyGap = joined.historyGap || gap;
    }
    joined.roomsArray = codec::rooms::joinArray(states);
    std::vector<QByteArray> missed;
    for (const PrivateEntry &entry : member.inbox) {
        if (entry.id > lastSeenId.value_or(0))
            missed.push_back(entry.element);
    }
    joined.privateArray = codec::rooms::joinArray(missed);
}

void Registry::restore(qint64 lastMessageId, const std::vector<ChatRoomRecord> &rooms)
{
    QMutexLocker lock(&m_mutex);
    m_lastMessageId = qMax(m_lastMessageId, lastMessageId);
    for (const ChatRoomRecord &record : rooms) {
        auto it = m_rooms
                      .try_emplace(record.key, record.name, record.topic,
                                   record.key == protocol::generalRoom)
                      .first;
        it->second.setTopic(record.topic);
        it->second.restore(record.recent, record.droppedThrough, m_historySize);
    }
}

void Registry::publishLocked(quint64 origin, const QByteArray &json, Audience audience,
                             QList<quint64> recipients)
{
    if (audience == Audience::Listed && recipients.isEmpty())
        return;
    m_fanout.publish(
        Broadcast{++m_seq, origin, wire::textFrame(json), audience, std::move(recipients)});
}

void Registry::leave(quint64 connectionId, const User &user, bool hold)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_indexByKey.constFind(user.key);
    if (it == m_indexByKey.cend())
        return;
    Member &member = m_members[it.value()];
    if (member.connectionId != connectionId)
        return; // resumed on another connection meanwhile
    const int graceMs = m_resumeGraceMs;
    if (hold && !member.token.isEmpty() && graceMs > 0) {
        if (!member.heldUntil) {
            // One address holds only so many sessions: past that, a lost connection leaves.
            const int maxHeld = m_maxHeldPerAddress;
            if (!member.addressKey.isEmpty() && maxHeld > 0) {
                int &held = m_heldByAddress[member.addressKey];
                if (held >= maxHeld) {
                    removeLocked(connectionId, user);
                    return;
                }
                ++held;
            }
            ++m_heldCount;
        }
        member.heldUntil = monotonicMs() + graceMs;
        return;
    }
    removeLocked(connectionId, user);
}

void Registry::releaseHeldLocked(Member &member)
{
    member.heldUntil = 0;
    --m_heldCount;
    const auto it = m_heldByAddress.find(member.addressKey);
    if (it != m_heldByAddress.end() && --it.value() <= 0)
        m_heldByAddress.erase(it);
}

void Registry::expireHeld()
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = monotonicMs();
    m_deletions.prune(now);
    if (m_heldCount == 0)
        return;
    std::vector<std::pair<quint64, User>> expired;
    for (Member &member : m_members) {
        if (member.heldUntil && member.heldUntil <= now) {
            releaseHeldLocked(member);
            expired.emplace_back(member.connectionId, member.user);
        }
    }
    for (const auto &[connectionId, user] : expired)
        removeLocked(connectionId, user);
}

int Registry::heldCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_heldCount;
}

void Registry::setAccount(const QString &key, const AccountInfo &account)
{
    QMutexLocker lock(&m_mutex);
    const auto index = m_indexByKey.constFind(key);
    if (index == m_indexByKey.constEnd())
        return;
    setAccountLocked(m_members[index.value()], account);
    if (m_cluster) // the other instances too (registryclustermoderation.cpp)
        clusterPublishAccountLocked(m_members[index.value()]);
}

void Registry::setAccountLocked(Member &member, const AccountInfo &account)
{
    member.account = account;
    // Later joins (and entries into its rooms) see it registered; nobody is told now.
    member.accountsElement = codec::encodeElement(User{member.user.key, member.user.name, account});
    for (const QString &room : std::as_const(member.rooms)) {
        if (ChatRoom *chatRoom = findRoom(room))
            chatRoom->setAccountsElement(member.user.key, member.accountsElement);
    }
    member.accountKey =
        account.registered ? validation::nameUniquenessKey(member.user.name) : QString();
    rebuildUsersArray();
}

void Registry::typing(quint64 connectionId, const User &user)
{
    if (m_cluster)
        return clusterTyping(user);
    const QByteArray json = codec::encode(ServerEvent{Typing{user}});
    QMutexLocker lock(&m_mutex);
    publishLocked(connectionId, json, Audience::TypingSubscribers);
}

void Registry::removeLocked(quint64 connectionId, const User &user)
{
    const auto it = m_indexByKey.constFind(user.key);
    if (it == m_indexByKey.cend())
        return;
    const size_t index = it.value();
    if (m_cluster && m_members[index].instance.isEmpty())
        clusterLeaveLocked(m_members[index]); // the others are told through the cluster
    // It leaves every room; `user disconnected` says so (no `user left`).
    forgetLocationLocked(user.key, user.name, connectionId);
    const QStringList rooms = m_members[index].rooms;
    const AccountInfo account = m_members[index].account;
    m_accountsMembers -= m_members[index].accountsClient ? 1 : 0;
    m_accountsOnly.remove(user.key);
    for (const QString &room : rooms)
        leaveRoomLocked(m_members[index], room, false);
    m_keysByToken.remove(m_members[index].token);
    m_indexByKey.erase(it);
    if (index + 1 != m_members.size()) {
        m_members[index] = std::move(m_members.back());
        m_indexByKey[m_members[index].user.key] = index;
    }
    m_members.pop_back();
    m_keysByFoldedName.remove(validation::nameUniquenessKey(user.name));
    rebuildUsersArray();
    publishPresenceLocked(
        connectionId, codec::encode(ServerEvent{UserDisconnected{User{user.key, user.name}}}),
        codec::encode(ServerEvent{UserDisconnected{User{user.key, user.name, account}}}));
}

void Registry::publishPresenceLocked(quint64 origin, const QByteArray &json,
                                     const QByteArray &accountsJson)
{
    // One broadcast when every member's client is of one kind (a server of v1 clients pays
    // nothing for the feature), else one per kind.
    if (m_accountsMembers == 0) {
        publishLocked(origin, json, Audience::Everyone);
    } else if (m_accountsMembers == int(m_members.size())) {
        publishLocked(origin, accountsJson, Audience::Everyone);
    } else {
        publishLocked(origin, json, Audience::OtherThanAccountsClients);
        publishLocked(origin, accountsJson, Audience::AccountsClients);
    }
}

void Registry::setAccountsClientLocked(Member &member, bool accounts)
{
    m_accountsMembers += int(accounts) - int(member.accountsClient);
    member.accountsClient = accounts;
    if (accounts && !member.roomsClient)
        m_accountsOnly.insert(member.user.key);
    else
        m_accountsOnly.remove(member.user.key);
}

void Registry::rebuildUsersArray()
{
    for (auto [target, element] : {std::pair{&m_usersArray, &Member::element},
                                   std::pair{&m_accountsUsersArray, &Member::accountsElement}}) {
        QByteArray array;
        qsizetype bytes = 2;
        for (const Member &member : m_members)
            bytes += (member.*element).size() + 1;
        array.reserve(bytes);
        array += '[';
        for (const Member &member : m_members) {
            if (array.size() > 1)
                array += ',';
            array += member.*element;
        }
        array += ']';
        *target = array;
    }
}

int Registry::userCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_members.size());
}

qint64 Registry::lastMessageId() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastMessageId;
}

int Registry::roomCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_rooms.size());
}

} // namespace chat::server
