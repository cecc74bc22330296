// Registry in cluster mode: what the feature "accounts" changes across instances. A kick or a
// ban (its ejection: the ban itself is in the shared database already) removes a member that
// may be on another instance; a deleted message leaves every instance's memory; a registered
// name is registered for every instance. Each is checked here against this instance's view,
// published, and applied by every instance in the cluster's order (applyModeration).
#include "registry.h"
#include "registrydetail.h"

#include "cluster/clusterlink.h"
#include "logging.h"
#include "messagetable.h"
#include "moderation.h"

#include <QMutexLocker>

namespace chat::server {

namespace {
Error unavailable()
{
    return Error{ErrorCode::ServerError,
                 QStringLiteral("The server cannot reach the rest of the chat right now; "
                                "try again in a moment.")};
}

Kicked noticeOf(const ClusterEvent &event)
{
    Kicked notice{event.by, event.text, event.type == ClusterEvent::Type::Ban, std::nullopt};
    if (notice.banned && event.until)
        notice.until = event.until;
    return notice;
}
} // namespace

void Registry::clusterKick(const User &actor, const QString &actorRole, const QString &key,
                           const Kicked &notice, KickDone done)
{
    // The checks of the single-instance kick, against what this instance knows (another
    // instance's member carries its role).
    if (key == actor.key)
        return done(Error{ErrorCode::BadRequest, QStringLiteral("One does not kick oneself.")});
    QMutexLocker lock(&m_mutex);
    const Member *member = findMemberLocked(key);
    std::optional<Error> refused;
    if (!member)
        refused = Error{ErrorCode::NoSuchUser, QStringLiteral("Nobody has joined with this key.")};
    else if (!mayActOn(actorRole, member->account.role))
        refused = Error{ErrorCode::Forbidden, QStringLiteral("A moderator cannot kick an admin.")};
    else if (!m_cluster->isAvailable())
        refused = unavailable();
    if (refused) {
        lock.unlock();
        return done(*refused);
    }
    const Target target{member->user.key, member->user.name, member->account, member->addressKey};
    // Answered once applied here: by then the instance that has the connection ejects it.
    clusterRemoveLocked(*member, notice,
                        [target, done = std::move(done)](const std::variant<QByteArray, Error> &r) {
                            if (const auto *error = std::get_if<Error>(&r))
                                return done(*error);
                            done(target);
                        });
}

std::optional<Registry::Target> Registry::clusterEjectByName(const QString &nameKey,
                                                             const Kicked &notice)
{
    QMutexLocker lock(&m_mutex);
    Member *member = findMemberLocked(m_keysByFoldedName.value(nameKey));
    if (!member)
        return std::nullopt;
    const Target target{member->user.key, member->user.name, member->account, member->addressKey};
    if (m_cluster->isAvailable()) {
        clusterRemoveLocked(*member, notice, {});
        return target;
    }
    // The ban is written: whoever has the connection must let it go. Without Redis only this
    // instance can, for its own member (its leave is published when Redis is back: a resync
    // frees the name); another's stays until it leaves, and cannot join again.
    if (!member->instance.isEmpty()) {
        qCWarning(lcServer).noquote() << "cluster: a banned user of another instance stays "
                                         "online there: Redis cannot be reached";
        return target;
    }
    quint64 connectionId = 0;
    ejectLocked(m_indexByKey.value(target.key), connectionId);
    lock.unlock();
    if (connectionId && m_eject)
        m_eject(connectionId, notice);
    return target;
}

void Registry::clusterRemoveLocked(const Member &member, const Kicked &notice, Done done)
{
    ClusterEvent event;
    event.type = notice.banned ? ClusterEvent::Type::Ban : ClusterEvent::Type::Kick;
    event.origin = m_cluster->instanceId();
    event.key = member.user.key;
    event.name = member.user.name;
    event.instance = member.instance.isEmpty() ? event.origin : member.instance;
    event.by = notice.by;
    event.text = notice.reason;
    event.until = notice.until.value_or(0);
    if (done) {
        event.request = ++m_nextRequest;
        m_pendingDone.insert(event.request, std::move(done));
    }
    const quint64 request = event.request;
    m_cluster->remove(event, clusterevent::userChannel(event.key),
                      validation::nameUniquenessKey(member.user.name),
                      [this, request](const std::variant<quint64, Error> &published) {
                          const auto *error = std::get_if<Error>(&published);
                          if (error && request)
                              failPending(request, *error);
                          else if (error && error->code != ErrorCode::NoSuchUser) // left
                              qCWarning(lcServer).noquote()
                                  << "cluster: a ban's ejection was not published:"
                                  << error->message;
                      });
}

void Registry::clusterForgetDeletedLocked(const StoredMessage &msg, const User &deleter, Done done)
{
    // With a database the message is gone from it already (deleted once, here): the memory of
    // the instances follows, and the deleter is answered, whatever becomes of the publication.
    // Without one the memory is all there is: unpublished, nothing is deleted.
    const auto forgetHereOnly = [this, msg, deleter](Done done) {
        qCWarning(lcServer) << "cluster: message" << msg.id << "is deleted, but the other"
                            << "instances cannot be told now: their histories keep it";
        forgetDeletedLocked(msg, localConnectionLocked(deleter.key), deleter);
        done(QByteArray("{}"));
    };
    if (!m_cluster->isAvailable())
        return m_store ? forgetHereOnly(std::move(done)) : done(unavailable());
    ClusterEvent event;
    event.type = ClusterEvent::Type::Delete;
    event.origin = m_cluster->instanceId();
    event.request = ++m_nextRequest;
    // The deleter, when it is still here (its connection is not told: it gets the ack); Redis
    // checks that a named user is joined.
    if (localConnectionLocked(deleter.key))
        event.key = deleter.key;
    event.name = deleter.name;
    event.id = msg.id;
    event.room = msg.roomKey;
    event.author = msg.authorKey;
    event.to = msg.recipientKey;
    event.authorAccount = msg.authorAccount;
    event.toAccount = msg.recipientAccount;
    m_pendingDone.insert(event.request, std::move(done));
    const quint64 request = event.request;
    const QByteArray channel = msg.isPrivate() ? clusterevent::userChannel(msg.recipientKey)
                                               : clusterevent::roomChannel(msg.roomKey);
    m_cluster->publish(event, channel, QByteArray(), QString(), QByteArray(),
                       [this, request, forgetHereOnly](const std::variant<quint64, Error> &r) {
                           const auto *error = std::get_if<Error>(&r);
                           if (!error)
                               return;
                           if (!m_store)
                               return failPending(request, *error);
                           QMutexLocker lock(&m_mutex);
                           const auto pending = m_pendingDone.find(request);
                           if (pending == m_pendingDone.end())
                               return;
                           Done answer = std::move(pending.value());
                           m_pendingDone.erase(pending);
                           forgetHereOnly(std::move(answer));
                       });
}

void Registry::clusterPublishAccountLocked(const Member &member)
{
    // Registered here already (setAccount); for the others, and for the record Redis keeps
    // (a later snapshot). Lost with the connection to Redis: the others show it as a guest's
    // name until it joins again.
    if (!m_cluster->isAvailable()) {
        qCWarning(lcServer) << "cluster: a registration could not be told to the other instances";
        return;
    }
    ClusterEvent event;
    event.type = ClusterEvent::Type::Account;
    event.origin = m_cluster->instanceId();
    event.key = member.user.key;
    event.name = member.user.name;
    event.member = clusterMemberLocked(member);
    m_cluster->publish(event, clusterevent::userChannel(event.key),
                       clusterevent::encodeMember(event.member), QString(), QByteArray(),
                       [](const std::variant<quint64, Error> &r) {
                           if (const auto *error = std::get_if<Error>(&r))
                               qCWarning(lcServer).noquote()
                                   << "cluster: a registration was not published:"
                                   << error->message;
                       });
}

bool Registry::applyModeration(const ClusterEvent &event)
{
    switch (event.type) {
    case ClusterEvent::Type::Kick:
    case ClusterEvent::Type::Ban:
        break;
    case ClusterEvent::Type::Delete: {
        QMutexLocker lock(&m_mutex);
        applyDeleteLocked(event);
        return true;
    }
    case ClusterEvent::Type::Account: {
        QMutexLocker lock(&m_mutex);
        applyAccountLocked(event);
        return true;
    }
    default:
        return false;
    }
    // Gone everywhere (`user disconnected` to each instance's clients); ejected (4001, 4002)
    // by the instance that has its connection.
    QMutexLocker lock(&m_mutex);
    quint64 connectionId = 0;
    if (const auto index = m_indexByKey.constFind(event.key); index != m_indexByKey.cend()) {
        const bool here = m_members[index.value()].instance.isEmpty();
        // Here, removeLocked publishes a leave too: Redis has let go of the member already, so
        // that leave changes and publishes nothing.
        ejectLocked(index.value(), connectionId);
        if (!here)
            connectionId = 0;
    }
    answerPendingLocked(event, "{}");
    lock.unlock();
    if (connectionId && m_eject)
        m_eject(connectionId, noticeOf(event));
    return true;
}

void Registry::applyDeleteLocked(const ClusterEvent &event)
{
    StoredMessage msg;
    msg.id = event.id;
    msg.roomKey = event.room;
    msg.authorKey = event.author;
    msg.recipientKey = event.to;
    msg.authorAccount = event.authorAccount;
    msg.recipientAccount = event.toAccount;
    forgetDeletedLocked(msg, localConnectionLocked(event.key), User{event.key, event.name});
    answerPendingLocked(event, "{}");
}

void Registry::applyAccountLocked(const ClusterEvent &event)
{
    if (Member *member = findMemberLocked(event.key))
        setAccountLocked(*member, event.member.account);
}

} // namespace chat::server
