#pragma once

#include "events.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

// The client's side of deleting messages (feature "accounts", protocol-v2.md): the `delete`
// request as an envelope and the `message deleted` event. Kick, ban, unban and bans are
// accountscodec.h's.
namespace chat::codec::moderationclient {

// {"event": "delete", "data": {"id"[, "reason"]}}; an empty reason is left out. The caller adds
// its request id (encodeRequest).
QJsonObject deleteRequest(qint64 id, const QString &reason);
QByteArray encodeRequest(QJsonObject envelope, qint64 id);

// `message deleted`: `room` empty for a private message.
struct MessageDeletedEvent
{
    qint64 id = 0;
    QString room;
    QString by;
};
// The event, or nothing (any other event, or a malformed one).
std::optional<MessageDeletedEvent> decodeMessageDeleted(const QByteArray &frame);

} // namespace chat::codec::moderationclient
