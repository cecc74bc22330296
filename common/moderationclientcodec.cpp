#include "moderationclientcodec.h"

#include "codecjson.h"

namespace chat::codec::moderationclient {

using namespace json;

namespace {
const QString deleteEvent = QStringLiteral("delete");
const QString messageDeletedEvent = QStringLiteral("message deleted");
const QString reasonKey = QStringLiteral("reason");
const QString byKey = QStringLiteral("by");
} // namespace

QJsonObject deleteRequest(qint64 id, const QString &reason)
{
    QJsonObject data{{key::id, id}};
    if (!reason.trimmed().isEmpty())
        data.insert(reasonKey, reason.trimmed());
    return envelope(deleteEvent, data);
}

QByteArray encodeRequest(QJsonObject envelope, qint64 id)
{
    envelope.insert(key::id, id);
    return compact(envelope);
}

std::optional<MessageDeletedEvent> decodeMessageDeleted(const QByteArray &frame)
{
    const auto object = parseObject(frame);
    if (!object || object->value(key::event).toString() != messageDeletedEvent)
        return std::nullopt;
    const QJsonObject data = object->value(key::data).toObject();
    const auto id = integerFromJson(data.value(key::id), 1, protocol::maxRequestId);
    const auto by = stringMember(data, byKey);
    if (!id || !by)
        return std::nullopt;
    return MessageDeletedEvent{*id, data.value(key::room).toString(), *by};
}

} // namespace chat::codec::moderationclient
