#include "room.h"

#include "codec.h"
#include "fanout.h"
#include "messagestore.h"
#include "nameskeleton.h"
#include "secrets.h"
#include "validation.h"
#include "wireframe.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QMutexLocker>

#include <iterator>

namespace chat::server {

namespace {
constexpr qint64 idReservationBlock = 10'000;
}

Room::Room(const ServerConfig &config, Fanout &fanout) : m_fanout(fanout)
{
    setLimits(config);
}

void Room::setLimits(const ServerConfig &config)
{
    m_maxNameCodePoints = config.maxNameCodePoints;
    m_maxTextBytes = config.maxTextBytes;
    m_historySize = config.historySize;
    m_resumeGraceMs = config.resumeGraceMs;
    m_maxHeldPerAddress = config.maxHeldSessionsPerAddress;
    m_maxHistoryBytes = config.maxHistoryBytes;
}

namespace {
qint64 monotonicMs()
{
    return QDeadlineTimer::current().deadline();
}
} // namespace

std::variant<Room::Joined, Error> Room::join(quint64 connectionId, QString name,
                                             const JoinOptions &options)
{
    if (const auto error = validation::normalizeName(name, m_maxNameCodePoints))
        return Error{*error, protocol::defaultErrorMessage(*error)};
    if (validation::rendersAsNothing(name))
        return Error{ErrorCode::InvalidName,
                     QStringLiteral("A name must show something: it holds only invisible "
                                    "or blank characters.")};

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
    QByteArray element = codec::encodeElement(joined.user);
    const QByteArray frame =
        wire::textFrame(codec::encode(ServerEvent{UserConnected{joined.user}}));

    QMutexLocker lock(&m_mutex);
    if (m_keysByFoldedName.contains(folded))
        return Error{ErrorCode::NameTaken,
                     QStringLiteral("The name \"%1\" is already in use.").arg(name)};
    m_keysByFoldedName.insert(folded, joined.user.key);
    m_indexByKey.insert(joined.user.key, m_members.size());
    m_usersArray.chop(1); // "]"
    if (!m_members.empty())
        m_usersArray += ',';
    m_usersArray += element;
    m_usersArray += ']';
    Member member{joined.user, std::move(element), connectionId, {}, 0, options.addressKey};
    if (options.resumable) {
        member.token = joined.token;
        m_keysByToken.insert(joined.token, joined.user.key);
    }
    m_members.push_back(std::move(member));

    fillSnapshotLocked(joined, options.lastSeenId);
    joined.seq = ++m_seq;
    m_fanout.publish(Broadcast{joined.seq, connectionId, frame});
    return joined;
}

bool Room::resumeLocked(quint64 connectionId, const JoinOptions &options, Joined &joined,
                        quint64 &replaced)
{
    const QString key = m_keysByToken.value(options.token);
    const auto index = m_indexByKey.constFind(key);
    if (key.isEmpty() || index == m_indexByKey.cend())
        return false;
    Member &member = m_members[index.value()];
    if (member.heldUntil) {
        releaseHeldLocked(member);
    } else if (member.connectionId != connectionId) {
        replaced = member.connectionId; // the old connection has not noticed it is gone
    }
    member.connectionId = connectionId;
    member.addressKey = options.addressKey;
    // A new token each time: a token seen on a connection that was taken over is worthless.
    m_keysByToken.remove(member.token);
    member.token = joined.token;
    m_keysByToken.insert(member.token, key);

    joined.user = member.user;
    joined.resumed = true;
    fillSnapshotLocked(joined, options.lastSeenId);
    joined.seq = m_seq; // everything from here on, and nothing was announced
    return true;
}

void Room::fillSnapshotLocked(Joined &joined, std::optional<qint64> lastSeenId) const
{
    joined.usersArray = m_usersArray; // shared, not copied
    bool cut = false;
    joined.historyArray = historyAfterLocked(lastSeenId, cut);
    joined.historyGap = lastSeenId && (cut || m_droppedThrough > *lastSeenId);
}

QByteArray Room::historyAfterLocked(std::optional<qint64> lastSeenId, bool &cut) const
{
    // The most recent messages after `lastSeenId` that fit in the byte bound: whatever was said
    // before, a join ack stays small.
    const qint64 after = lastSeenId.value_or(0);
    const qint64 maxBytes = m_maxHistoryBytes;
    qsizetype historyBytes = 2;
    auto first = m_history.cend();
    while (first != m_history.cbegin()) {
        const HistoryEntry &entry = *std::prev(first);
        if (entry.msg.id <= after)
            break;
        if (maxBytes > 0 && historyBytes + entry.element.size() + 1 > maxBytes) {
            cut = true;
            break;
        }
        historyBytes += entry.element.size() + 1;
        --first;
    }
    QByteArray array;
    array.reserve(historyBytes);
    array += '[';
    for (auto it = first; it != m_history.cend(); ++it) {
        if (array.size() > 1)
            array += ',';
        array += it->element;
    }
    array += ']';
    return array;
}

void Room::restore(qint64 lastMessageId, const QList<ChatMsg> &history, qint64 droppedThrough)
{
    QMutexLocker lock(&m_mutex);
    m_lastMessageId = qMax(m_lastMessageId, lastMessageId);
    m_droppedThrough = qMax(m_droppedThrough, droppedThrough);
    for (const ChatMsg &msg : history)
        m_history.push_back({msg, codec::encodeElement(msg)});
    while (m_history.size() > size_t(qMax(0, m_historySize.load()))) {
        m_droppedThrough = qMax(m_droppedThrough, m_history.front().msg.id);
        m_history.pop_front();
    }
}

void Room::post(quint64 connectionId, const User &sender, const QString &text, PostDone done)
{
    const int maxTextBytes = m_maxTextBytes;
    if (const auto error = validation::checkMessageText(text, maxTextBytes)) {
        const QString message =
            *error == ErrorCode::TooLong
                ? QStringLiteral("A message holds at most %1 bytes of UTF-8.").arg(maxTextBytes)
                : protocol::defaultErrorMessage(*error);
        done(Error{*error, message});
        return;
    }

    QMutexLocker lock(&m_mutex);
    if (m_store && m_lastMessageId >= m_store->reservedUntil()) {
        // Ids are reserved on disk in blocks before clients can see them (a short wait, once
        // every idReservationBlock messages).
        if (!m_store->reserveIds(m_lastMessageId + idReservationBlock)) {
            lock.unlock();
            done(Error{ErrorCode::ServerError,
                       QStringLiteral("The message could not be stored; it was not sent.")});
            return;
        }
    }
    const ChatMsg msg{++m_lastMessageId, sender.key, sender.name, text,
                      QDateTime::currentMSecsSinceEpoch()};
    // Relayed at once; committed meanwhile; acknowledged once committed. The store reports in
    // id order, and the ack is queued behind this message's fan-out.
    relayLocked(connectionId, msg);
    if (!m_store) {
        lock.unlock();
        done(MessageAck{msg.id, msg.ts});
        return;
    }
    m_store->append(msg, [msg, done = std::move(done)](bool committed) {
        if (committed)
            done(MessageAck{msg.id, msg.ts});
        else
            done(Error{ErrorCode::ServerError, QStringLiteral("The message could not be stored.")});
    });
}

void Room::relayLocked(quint64 connectionId, const ChatMsg &msg)
{
    // Encoded once: the element goes into the history, the event frame wraps it.
    QByteArray element = codec::encodeElement(msg);
    const QByteArray frame = wire::textFrame(codec::encodeNewChatMsg(element));
    const int historySize = m_historySize;
    if (historySize > 0) {
        m_history.push_back({msg, std::move(element)});
        while (m_history.size() > size_t(historySize)) {
            m_droppedThrough = m_history.front().msg.id;
            m_history.pop_front();
        }
    } else {
        m_droppedThrough = msg.id;
    }
    m_fanout.publish(Broadcast{++m_seq, connectionId, frame});
}

void Room::leave(quint64 connectionId, const User &user, bool hold)
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

void Room::releaseHeldLocked(Member &member)
{
    member.heldUntil = 0;
    --m_heldCount;
    const auto it = m_heldByAddress.find(member.addressKey);
    if (it != m_heldByAddress.end() && --it.value() <= 0)
        m_heldByAddress.erase(it);
}

void Room::expireHeld()
{
    QMutexLocker lock(&m_mutex);
    if (m_heldCount == 0)
        return;
    const qint64 now = monotonicMs();
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

int Room::heldCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_heldCount;
}

void Room::typing(quint64 connectionId, const User &user)
{
    const QByteArray frame = wire::textFrame(codec::encode(ServerEvent{Typing{user}}));
    QMutexLocker lock(&m_mutex);
    m_fanout.publish(Broadcast{++m_seq, connectionId, frame, Audience::TypingSubscribers});
}

void Room::removeLocked(quint64 connectionId, const User &user)
{
    const QByteArray frame = wire::textFrame(codec::encode(ServerEvent{UserDisconnected{user}}));
    const auto it = m_indexByKey.constFind(user.key);
    if (it == m_indexByKey.cend())
        return;
    const size_t index = it.value();
    m_keysByToken.remove(m_members[index].token);
    m_indexByKey.erase(it);
    if (index + 1 != m_members.size()) {
        m_members[index] = std::move(m_members.back());
        m_indexByKey[m_members[index].user.key] = index;
    }
    m_members.pop_back();
    m_keysByFoldedName.remove(validation::nameUniquenessKey(user.name));
    rebuildUsersArray();
    m_fanout.publish(Broadcast{++m_seq, connectionId, frame});
}

void Room::rebuildUsersArray()
{
    QByteArray array;
    qsizetype bytes = 2;
    for (const Member &member : m_members)
        bytes += member.element.size() + 1;
    array.reserve(bytes);
    array += '[';
    for (const Member &member : m_members) {
        if (array.size() > 1)
            array += ',';
        array += member.element;
    }
    array += ']';
    m_usersArray = array;
}

int Room::userCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_members.size());
}

} // namespace chat::server
