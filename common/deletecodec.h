#pragma once

#include "events.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>

#include <optional>
#include <variant>

// Encoding and decoding of `delete` and `message deleted` (feature "accounts",
// protocol-v2.md). Apart from accountscodec.h so that the moderation requests and deletion
// grow in files of their own. The callers ask here only for clients that listed "accounts".
namespace chat::codec::deletion {

// `delete` {"id": integer, "reason": string?}; nullopt for any other event.
std::optional<std::variant<ClientRequest, RequestFailure>>
decodeRequest(std::optional<qint64> id, const QString &event, const QJsonValue &data);
QJsonObject envelope(const DeleteRequest &request);

// The JSON of a `message deleted` frame: {"event": "message deleted", "data": {"id", "room"?,
// "by"}}.
QByteArray messageDeletedEvent(const MessageDeleted &deleted);
QJsonObject toJson(const MessageDeleted &deleted);
// A `message deleted` event's data; nothing when it does not have the contract's shape.
std::optional<MessageDeleted> messageDeletedFromJson(const QJsonValue &data);

} // namespace chat::codec::deletion
