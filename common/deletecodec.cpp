#include "deletecodec.h"

#include "codecjson.h"

namespace chat::codec::deletion {

using namespace json;

namespace {
const QString reasonKey = QStringLiteral("reason");
const QString byKey = QStringLiteral("by");
} // namespace

std::optional<std::variant<ClientRequest, RequestFailure>>
decodeRequest(std::optional<qint64> id, const QString &event, const QJsonValue &data)
{
    if (event != protocol::events::deleteMessage)
        return std::nullopt;
    const QJsonObject object = data.toObject();
    const auto messageId = integerFromJson(object.value(key::id), 1, protocol::maxRequestId);
    if (!data.isObject() || !messageId)
        return badRequest(id, QStringLiteral("\"delete\" needs data {\"id\": integer, "
                                             "\"reason\": string?}, the id from 1 to 2^53-1."));
    DeleteRequest request{*messageId};
    if (object.contains(reasonKey)) {
        const QJsonValue reason = object.value(reasonKey);
        if (!reason.isString())
            return badRequest(id, QStringLiteral("\"reason\" must be a string."));
        request.reason = reason.toString();
    }
    return ClientRequest{id, request};
}

QJsonObject envelope(const DeleteRequest &request)
{
    QJsonObject data{{key::id, double(request.id)}};
    if (request.reason)
        data.insert(reasonKey, *request.reason);
    return json::envelope(protocol::events::deleteMessage, data);
}

QJsonObject toJson(const MessageDeleted &deleted)
{
    QJsonObject data{{key::id, double(deleted.id)}, {byKey, deleted.by}};
    if (deleted.room)
        data.insert(key::room, *deleted.room);
    return data;
}

QByteArray messageDeletedEvent(const MessageDeleted &deleted)
{
    return compact(json::envelope(protocol::events::messageDeleted, toJson(deleted)));
}

std::optional<MessageDeleted> messageDeletedFromJson(const QJsonValue &data)
{
    const QJsonObject object = data.toObject();
    const auto messageId = integerFromJson(object.value(key::id), 1, protocol::maxRequestId);
    const QJsonValue by = object.value(byKey);
    const QJsonValue room = object.value(key::room);
    if (!data.isObject() || !messageId || !by.isString() ||
        !(room.isUndefined() || room.isString()))
        return std::nullopt;
    MessageDeleted deleted{*messageId, std::nullopt, by.toString()};
    if (room.isString())
        deleted.room = room.toString();
    return deleted;
}

} // namespace chat::codec::deletion
