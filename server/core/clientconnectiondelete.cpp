// ClientConnection: the feature "accounts"'s `delete`. It reaches this handler only from a
// connection that listed the feature in its join (codec::decodeClientRequest): for the others
// it is an unknown event. The private `history` ({"with": name}) is answered with the room
// history's handler (clientconnectionrooms.cpp).
#include "clientconnection.h"

#include "registry.h"

namespace chat::server {

void ClientConnection::handle(std::optional<qint64> id, const DeleteRequest &request)
{
    if (!checkJoined(id))
        return;
    // Answered once the deletion is committed, from the store's thread (or at once without a
    // database).
    m_registry.deleteMessage(m_id, *m_user, request.id, request.reason, answer(id));
}

} // namespace chat::server
