#include "codecjson.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace chat::codec::json {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject envelope(const QString &event, const QJsonValue &data)
{
    QJsonObject object{{key::event, event}};
    if (!data.isUndefined())
        object.insert(key::data, data);
    return object;
}

QByteArray eventTail(const QString &event)
{
    return ",\"event\":\"" + event.toUtf8() + "\"}";
}

QByteArray eventFrame(QByteArrayView data, QByteArrayView tail)
{
    QByteArray frame;
    frame.reserve(8 + data.size() + tail.size());
    frame += "{\"data\":";
    frame += data;
    frame += tail;
    return frame;
}

std::optional<QJsonObject> parseObject(const QByteArray &frame)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

std::optional<qint64> integerFromJson(const QJsonValue &value, qint64 min, qint64 max)
{
    if (!value.isDouble())
        return std::nullopt;
    const double asDouble = value.toDouble();
    if (!std::isfinite(asDouble) || asDouble != std::trunc(asDouble))
        return std::nullopt;
    const qint64 asInteger = value.toInteger(min - 1);
    if (asInteger < min || asInteger > max)
        return std::nullopt;
    return asInteger;
}

std::optional<QString> stringMember(const QJsonValue &object, const QString &member)
{
    if (!object.isObject())
        return std::nullopt;
    const QJsonValue value = object.toObject().value(member);
    if (!value.isString())
        return std::nullopt;
    return value.toString();
}

RequestFailure badRequest(std::optional<qint64> id, const QString &why)
{
    return {id, Error{ErrorCode::BadRequest, why}};
}

} // namespace chat::codec::json
