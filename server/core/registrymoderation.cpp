// Registry: moderation (feature "accounts"): a kicked or banned user leaves at once, held for
// resume or not, and its connection is ejected (sessions are in registry.cpp).
#include "registry.h"

#include "moderation.h"

#include <QMutexLocker>

namespace chat::server {

Registry::Target Registry::ejectLocked(size_t index, quint64 &connectionId)
{
    Member &member = m_members[index];
    const Target target{member.user.key, member.user.name, member.account, member.addressKey};
    // A held session has no connection to eject: its client is gone, and its token goes with it.
    connectionId = member.heldUntil ? 0 : member.connectionId;
    if (member.heldUntil)
        releaseHeldLocked(member);
    const User user = member.user;
    removeLocked(member.connectionId, user);
    return target;
}

std::variant<Registry::Target, Error> Registry::kick(const User &actor, const QString &actorRole,
                                                     const QString &key, const Kicked &notice)
{
    if (key == actor.key)
        return Error{ErrorCode::BadRequest, QStringLiteral("One does not kick oneself.")};
    QMutexLocker lock(&m_mutex);
    const auto index = m_indexByKey.constFind(key);
    if (index == m_indexByKey.cend())
        return Error{ErrorCode::NoSuchUser, QStringLiteral("Nobody has joined with this key.")};
    if (!mayActOn(actorRole, m_members[index.value()].account.role))
        return Error{ErrorCode::Forbidden, QStringLiteral("A moderator cannot kick an admin.")};
    quint64 connectionId = 0;
    const Target target = ejectLocked(index.value(), connectionId);
    lock.unlock();
    if (connectionId && m_eject)
        m_eject(connectionId, notice);
    return target;
}

void Registry::kick(const User &actor, const QString &actorRole, const QString &key,
                    const Kicked &notice, KickDone done)
{
    if (m_cluster)
        return clusterKick(actor, actorRole, key, notice, std::move(done));
    done(kick(actor, actorRole, key, notice));
}

std::optional<Registry::Target> Registry::findByName(const QString &nameKey) const
{
    QMutexLocker lock(&m_mutex);
    const auto index = m_indexByKey.constFind(m_keysByFoldedName.value(nameKey));
    if (index == m_indexByKey.cend())
        return std::nullopt;
    const Member &member = m_members[index.value()];
    return Target{member.user.key, member.user.name, member.account, member.addressKey};
}

std::optional<Registry::Target> Registry::ejectByName(const QString &nameKey, const Kicked &notice)
{
    if (m_cluster)
        return clusterEjectByName(nameKey, notice);
    QMutexLocker lock(&m_mutex);
    const auto index = m_indexByKey.constFind(m_keysByFoldedName.value(nameKey));
    if (index == m_indexByKey.cend())
        return std::nullopt;
    quint64 connectionId = 0;
    const Target target = ejectLocked(index.value(), connectionId);
    lock.unlock();
    if (connectionId && m_eject)
        m_eject(connectionId, notice);
    return target;
}

} // namespace chat::server
