// ClientConnection: join, with the checks of the feature "accounts" before it (Gatekeeper), and
// the feature's requests `register` and `password`.
#include "clientconnection.h"

#include "codec.h"
#include "connectionlimiter.h"
#include "gatekeeper.h"
#include "registry.h"
#include "roomscodec.h"
#include "serverconfig.h"
#include "wireframe.h"
#include "worker.h"

#include <QThread>
#include <QTimer>

#include <memory>

namespace chat::server {

namespace {
template <class... Ts> struct overloaded : Ts...
{
    using Ts::operator()...;
};
template <class... Ts> overloaded(Ts...) -> overloaded<Ts...>;

// After a refused join the client may try again: at least this long, even when the deadline had
// nearly passed while its password was being checked.
constexpr int minJoinTimeAfterRefusalMs = 1000;
} // namespace

void ClientConnection::handle(std::optional<qint64> id, const JoinRequest &request)
{
    if (m_user) {
        fail(id, Error::fromCode(ErrorCode::AlreadyJoined));
        return;
    }
    if (!m_limiter.takeJoin(m_peer)) {
        fail(id, Error{ErrorCode::RateLimited,
                       QStringLiteral("Too many joins from this address: at most %1 a minute.")
                           .arg(m_config.joinsPerAddressPerMinute)});
        return;
    }
    // v1's invalid_name comes first (already_joined above), then the accounts checks.
    QString name = request.name;
    if (const auto error = m_registry.normalizeName(name)) {
        fail(id, *error);
        return;
    }
    Gatekeeper::Candidate candidate{name, m_limiter.addressKey(m_peer), request.password,
                                    request.serverPassword};
    JoinRequest rest = request; // what the join needs once admitted: no secret
    rest.password.reset();
    rest.serverPassword.reset();
    auto verdict = m_gatekeeper.admit(std::move(candidate), this,
                                      [this, id, rest](const Gatekeeper::Verdict &verdict) {
                                          admitted(id, rest, verdict);
                                          runDeferred();
                                      });
    if (verdict) {
        admitted(id, rest, *verdict);
        return;
    }
    m_admitting = true; // the deadline waits (joinDeadlineReached)
    m_joinTimeLeft = int(qMax<qint64>(0, m_joinDeadlineAt - clock()));
}

void ClientConnection::admitted(std::optional<qint64> id, const JoinRequest &request,
                                const std::variant<AccountInfo, Error> &verdict)
{
    const bool waited = std::exchange(m_admitting, false);
    if (isClosing())
        return;
    if (const auto *error = std::get_if<Error>(&verdict)) {
        fail(id, *error);
        if (waited)
            restartJoinDeadline(qMax(m_joinTimeLeft, minJoinTimeAfterRefusalMs));
        return;
    }
    completeJoin(id, request, std::get<AccountInfo>(verdict));
    if (!m_user && !m_admitting && waited) // refused by the registry (name_taken, ...)
        restartJoinDeadline(qMax(m_joinTimeLeft, minJoinTimeAfterRefusalMs));
}

void ClientConnection::runDeferred()
{
    const QList<QByteArray> frames = std::exchange(m_deferred, {});
    for (qsizetype i = 0; i < frames.size(); ++i) {
        if (isClosing())
            return;
        if (m_admitting) { // a deferred join waits in turn: the rest waits behind it
            m_deferred = frames.mid(i) + m_deferred;
            return;
        }
        processFrame(frames.at(i));
    }
}

void ClientConnection::completeJoin(std::optional<qint64> id, const JoinRequest &request,
                                    const AccountInfo &account)
{
    Registry::JoinOptions options;
    options.addressKey = m_limiter.addressKey(m_peer);
    options.resumable = request.features.contains(protocol::features::resume);
    options.token = request.token;
    options.lastSeenId = request.lastSeenId;
    options.rooms = request.features.contains(protocol::features::rooms);
    options.enter = request.rooms;
    options.account = account;
    options.accounts = request.features.contains(protocol::features::accounts);
    JoinAnswer answer;
    answer.id = id;
    answer.rooms = options.rooms;
    answer.accounts = request.features.contains(protocol::features::accounts);
    answer.typing = request.features.contains(protocol::features::typing);
    answer.location =
        m_config.locationEnabled && request.features.contains(protocol::features::location);
    answer.account = account;
    options.accounts = answer.accounts;
    // For the ack's limits; reset when the join fails.
    m_speaksRooms = options.rooms;
    m_speaksAccounts = answer.accounts;
    // Answered at once, or (cluster mode) from the cluster's thread once published: then
    // through the worker, in order with the broadcasts, and to nobody if the connection closed
    // meanwhile (its user leaves again).
    Worker *worker = &m_worker;
    Registry *registry = &m_registry;
    const quint64 connectionId = m_id;
    auto answered = std::make_shared<bool>(false);
    m_registry.join(m_id, request.name, options,
                    [this, worker, registry, connectionId, answer,
                     answered](const std::variant<Registry::Joined, Error> &result) {
                        if (QThread::currentThread() == worker->thread()) {
                            *answered = true;
                            return joinAnswered(answer, result);
                        }
                        QMetaObject::invokeMethod(
                            worker,
                            [worker, registry, connectionId, answer, result] {
                                ClientConnection *connection = worker->findConnection(connectionId);
                                if (connection && !connection->isClosing()) {
                                    connection->m_admitting = false;
                                    connection->joinAnswered(answer, result);
                                    if (!connection->m_user)
                                        connection->restartJoinDeadline(qMax(
                                            connection->m_joinTimeLeft, minJoinTimeAfterRefusalMs));
                                    return connection->runDeferred();
                                }
                                if (const auto *joined = std::get_if<Registry::Joined>(&result))
                                    registry->leave(connectionId, joined->user);
                            },
                            Qt::QueuedConnection);
                    });
    if (!*answered) {
        m_admitting = true; // requests wait for the join's answer, and so does the deadline
        m_joinTimeLeft = int(qMax<qint64>(0, m_joinDeadlineAt - clock()));
    }
}

void ClientConnection::joinAnswered(const JoinAnswer &answer,
                                    const std::variant<Registry::Joined, Error> &result)
{
    std::visit(
        overloaded{[&](const Registry::Joined &joined) {
                       // The ack goes straight out, before anything that follows the
                       // join; from then on replies are ordered with the broadcasts.
                       QByteArray frames;
                       if (answer.id) {
                           JoinAck ack;
                           ack.key = joined.user.key;
                           ack.token = joined.token;
                           ack.limits = clientLimits();
                           ack.resumed = joined.resumed;
                           ack.historyGap = joined.historyGap;
                           ack.features = {protocol::features::resume, protocol::features::typing};
                           if (answer.rooms)
                               ack.features.append(protocol::features::rooms);
                           if (answer.accounts) {
                               ack.features.append(protocol::features::accounts);
                               ack.account = answer.account;
                           }
                           if (answer.location)
                               ack.features.append(protocol::features::location);
                           frames = wire::textFrame(
                               answer.rooms
                                   ? codec::rooms::encodeJoinAck(*answer.id, ack, joined.usersArray,
                                                                 joined.roomsArray,
                                                                 joined.privateArray)
                                   : codec::encodeJoinAck(*answer.id, ack, joined.usersArray,
                                                          joined.historyArray));
                       }
                       // A resume: the deletions it missed, right behind the ack, in one write
                       // with it and one reply's allowance over the send cap.
                       for (const QByteArray &event : joined.missedDeletions)
                           frames += wire::textFrame(event);
                       if (!frames.isEmpty()) {
                           allowReply(frames.size());
                           sendFrame(frames);
                       }
                       m_wantsTyping = answer.typing;
                       m_speaksLocation = answer.location;
                       m_account = answer.account;
                       m_user = joined.user;
                       m_limiter.markJoined(m_peer);
                       m_joinSeq = joined.seq;
                       emit this->joined(this);
                   },
                   [&](const Error &error) {
                       m_speaksRooms = false;
                       m_speaksAccounts = false;
                       fail(answer.id, error);
                   }},
        result);
}

void ClientConnection::handle(std::optional<qint64> id, const RegisterRequest &request)
{
    if (!checkJoined(id))
        return;
    if (m_account.registered) {
        fail(id, Error::fromCode(ErrorCode::AlreadyRegistered));
        return;
    }
    m_gatekeeper.registerName(m_user->name, request.password, this,
                              [this, id](const std::optional<Error> &error) {
                                  if (error) {
                                      fail(id, *error);
                                      return;
                                  }
                                  m_account = AccountInfo{true, QStringLiteral("user")};
                                  m_registry.setAccount(m_user->key, m_account);
                                  if (id)
                                      reply(codec::encodeAck(*id, {}));
                              });
}

void ClientConnection::handle(std::optional<qint64> id, const PasswordRequest &request)
{
    if (!checkJoined(id))
        return;
    if (!m_account.registered) {
        fail(id, Error{ErrorCode::AccountRequired,
                       QStringLiteral("This name is not registered: register it first.")});
        return;
    }
    m_gatekeeper.changePassword(m_user->name, m_limiter.addressKey(m_peer), request.oldPassword,
                                request.newPassword, this,
                                [this, id](const std::optional<Error> &error) {
                                    if (error)
                                        fail(id, *error);
                                    else if (id)
                                        reply(codec::encodeAck(*id, {}));
                                });
}

} // namespace chat::server
