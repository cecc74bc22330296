// ClientConnection: the requests of the feature "rooms" (protocol-v2.md). They reach these
// handlers only from a connection that listed the feature in its join (see onTextMessage): for
// the others they are unknown events.
#include "clientconnection.h"

#include "registry.h"
#include "tokenbucket.h"

namespace chat::server {

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
    m_registry.history(*m_user, request.room, request.before, request.limit, answer(id));
}

} // namespace chat::server
