// ClientConnection: the requests of the feature "location" (docs/protocol.md, "Locations").
// They reach these handlers only from a connection that listed the feature in its join.
#include "clientconnection.h"

namespace chat::server {

void ClientConnection::handle(std::optional<qint64> id, const SendLocationRequest &)
{
    // The feature is not offered yet (the join ack does not list it): decoding never yields
    // this request, and an unknown event is what such a client is told.
    fail(id, Error{ErrorCode::UnknownEvent, QStringLiteral("Unknown event \"send location\".")});
}

void ClientConnection::handle(std::optional<qint64> id, const RequestLocationsRequest &)
{
    fail(id,
         Error{ErrorCode::UnknownEvent, QStringLiteral("Unknown event \"request locations\".")});
}

} // namespace chat::server
