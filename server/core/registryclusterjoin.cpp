// Registry in cluster mode: joins and resumes (the other requests are in registrycluster.cpp).
// A join claims its name in Redis and takes effect when it comes back
// (registryclusterapply.cpp); a resume moves the session's user to this instance.
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

} // namespace

void Registry::clusterJoin(quint64 connectionId, QString name, const JoinOptions &options,
                           JoinDone done)
{
    if (auto error = normalizeName(name))
        return done(std::move(*error));
    if (!options.token.isEmpty())
        return clusterResume(connectionId, std::move(name), options, std::move(done));
    clusterFreshJoin(connectionId, std::move(name), options, std::move(done));
}

void Registry::clusterResume(quint64 connectionId, QString name, const JoinOptions &options,
                             JoinDone done)
{
    // Through Redis even when the session is this instance's: it knows every session, and the
    // token changes with every resume.
    if (!m_cluster->isAvailable())
        return done(unavailable());
    ClusterEvent event;
    event.type = ClusterEvent::Type::Resume;
    event.origin = m_cluster->instanceId();
    event.member.connectionId = connectionId;
    event.member.addressKey = options.addressKey;
    PendingJoin pending{connectionId, options, randomSecret(24), std::move(done), name};
    const QString next = clusterevent::tokenHash(pending.token);
    {
        QMutexLocker lock(&m_mutex);
        event.request = ++m_nextRequest;
        m_pendingJoins.insert(event.request, std::move(pending));
    }
    const quint64 request = event.request;
    m_cluster->resume(event, clusterevent::tokenHash(options.token), next,
                      [this, request](const std::optional<Error> &error, bool noSession) {
                          if (error)
                              return failPending(request, *error);
                          if (!noSession)
                              return; // answered when the resume comes back
                          // No such session (expired, or never): a join like any other.
                          QMutexLocker lock(&m_mutex);
                          auto it = m_pendingJoins.find(request);
                          if (it == m_pendingJoins.end())
                              return;
                          PendingJoin fresh = std::move(it.value());
                          m_pendingJoins.erase(it);
                          lock.unlock();
                          fresh.options.token.clear();
                          clusterFreshJoin(fresh.connectionId, fresh.name, fresh.options,
                                           std::move(fresh.done));
                      });
}

void Registry::clusterFreshJoin(quint64 connectionId, QString name, const JoinOptions &options,
                                JoinDone done)
{
    if (!m_cluster->isAvailable())
        return done(unavailable());
    const QString folded = validation::nameUniquenessKey(name);
    QStringList rooms = options.enter.value_or(QStringList{protocol::generalRoom});
    QMutexLocker lock(&m_mutex);
    std::optional<Error> refused;
    if (m_keysByFoldedName.contains(folded))
        refused = Error{ErrorCode::NameTaken,
                        QStringLiteral("The name \"%1\" is already in use.").arg(name)};
    else if (options.rooms)
        refused = checkEnterLocked(nullptr, options.addressKey, rooms, std::nullopt);
    if (refused) {
        lock.unlock();
        return done(*refused);
    }
    ClusterEvent event;
    event.type = ClusterEvent::Type::Join;
    event.origin = m_cluster->instanceId();
    event.request = ++m_nextRequest;
    ClusterMember &member = event.member;
    member.key = randomSecret(16);
    member.name = name;
    member.folded = folded;
    member.instance = event.origin;
    member.connectionId = connectionId;
    member.roomsClient = options.rooms;
    member.accountsClient = options.accounts;
    member.account = options.account;
    member.accountKey = options.account.registered ? folded : QString();
    member.rooms = options.rooms ? rooms : QStringList{protocol::generalRoom};
    member.session = options.resumable;
    member.addressKey = options.addressKey;
    PendingJoin pending{connectionId, options, randomSecret(24), std::move(done), name};
    if (options.resumable)
        member.sessionHash = clusterevent::tokenHash(pending.token);
    m_pendingJoins.insert(event.request, std::move(pending));
    const quint64 request = event.request;
    lock.unlock();
    m_cluster->join(event, folded, [this, request, name](const std::variant<quint64, Error> &r) {
        if (const auto *error = std::get_if<Error>(&r)) {
            failPending(request,
                        error->code == ErrorCode::NameTaken
                            ? Error{ErrorCode::NameTaken,
                                    QStringLiteral("The name \"%1\" is already in use.").arg(name)}
                            : *error);
        }
    });
}

void Registry::failPending(quint64 request, const Error &error)
{
    QMutexLocker lock(&m_mutex);
    if (auto join = m_pendingJoins.find(request); join != m_pendingJoins.end()) {
        JoinDone done = std::move(join->done);
        m_pendingJoins.erase(join);
        lock.unlock();
        return done(error);
    }
    if (auto pending = m_pendingDone.find(request); pending != m_pendingDone.end()) {
        Done done = std::move(pending.value());
        m_pendingDone.erase(pending);
        lock.unlock();
        done(error);
    }
}

} // namespace chat::server
