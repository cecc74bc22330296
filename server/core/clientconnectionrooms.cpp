// ClientConnection: the requests of the feature "rooms" (protocol-v2.md), and the answers the
// registry gives. The rooms requests reach these handlers only from a connection that listed
// the feature in its join (see onTextMessage): for the others they are unknown events.
#include "clientconnection.h"

#include "codec.h"
#include "registry.h"
#include "serverconfig.h"
#include "tokenbucket.h"
#include "wireframe.h"
#include "worker.h"

namespace chat::server {

bool ClientConnection::checkJoined(std::optional<qint64> id)
{
    if (m_user)
        return true;
    fail(id, Error{ErrorCode::NotJoined, protocol::defaultErrorMessage(ErrorCode::NotJoined)});
    return false;
}

bool ClientConnection::takeMessageToken(std::optional<qint64> id)
{
    if (m_messageRate.take(m_config.messageRate))
        return true;
    fail(id,
         Error{ErrorCode::RateLimited, QStringLiteral("Too many messages: at most %1 per second.")
                                           .arg(m_config.messageRate.perSecond)});
    return false;
}

std::function<void(const std::variant<QByteArray, Error> &)>
ClientConnection::answer(std::optional<qint64> id)
{
    // By id, through the worker: the connection may be gone by the time the answer comes.
    Worker *worker = &m_worker;
    const quint64 connectionId = m_id;
    return [worker, connectionId, id](const std::variant<QByteArray, Error> &result) {
        if (const auto *error = std::get_if<Error>(&result))
            worker->postReply(connectionId, wire::textFrame(codec::encodeFailure(id, *error)));
        else if (id)
            worker->postReply(connectionId, wire::textFrame(codec::encodeAckData(
                                                *id, std::get<QByteArray>(result))));
    };
}

void ClientConnection::handle(std::optional<qint64> id, const RoomsRequest &)
{
    if (!checkJoined(id))
        return;
    answer(id)(m_registry.rooms());
}

void ClientConnection::handle(std::optional<qint64> id, const EnterRequest &request)
{
    if (!checkJoined(id))
        return;
    m_registry.enter(m_id, *m_user, request.room, request.topic, answer(id));
}

void ClientConnection::handle(std::optional<qint64> id, const LeaveRequest &request)
{
    if (!checkJoined(id))
        return;
    if (const auto error = m_registry.leaveRoom(*m_user, request.room))
        return fail(id, *error);
    answer(id)(QByteArray("{}"));
}

void ClientConnection::handle(std::optional<qint64> id, const TopicRequest &request)
{
    if (!checkJoined(id))
        return;
    m_registry.setTopic(*m_user, request.room, request.topic, answer(id));
}

void ClientConnection::handle(std::optional<qint64> id, const PrivateRequest &request)
{
    // A private message counts against the same rate as a room's.
    if (!checkJoined(id) || !takeMessageToken(id))
        return;
    m_registry.sendPrivate(m_id, *m_user, request.to, request.text, answer(id));
}

void ClientConnection::handle(std::optional<qint64> id, const HistoryRequest &request)
{
    if (!checkJoined(id))
        return;
    if (request.with) // feature "accounts": the private messages with that name's account
        return m_registry.privateHistory(*m_user, *request.with, request.before, request.limit,
                                         answer(id));
    m_registry.history(*m_user, request.room, request.before, request.limit, answer(id));
}

} // namespace chat::server
