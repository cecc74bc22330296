#include "moderationclientcodec.h"

#include "codecjson.h"

namespace chat::codec::moderationclient {

using namespace json;

namespace {
const QString kickEvent = QStringLiteral("kick");
const QString banEvent = QStringLiteral("ban");
const QString unbanEvent = QStringLiteral("unban");
const QString bansEvent = QStringLiteral("bans");
const QString deleteEvent = QStringLiteral("delete");
const QString kickedEvent = QStringLiteral("kicked");
const QString messageDeletedEvent = QStringLiteral("message deleted");
const QString reasonKey = QStringLiteral("reason");
const QString minutesKey = QStringLiteral("minutes");
const QString untilKey = QStringLiteral("until");
const QString byKey = QStringLiteral("by");
const QString bansKey = QStringLiteral("bans");

void insertReason(QJsonObject &data, const QString &reason)
{
    if (!reason.trimmed().isEmpty())
        data.insert(reasonKey, reason.trimmed());
}

// `until`: ms since the epoch, or null / absent for "no end".
std::optional<std::optional<qint64>> untilFromJson(const QJsonObject &object)
{
    const QJsonValue until = object.value(untilKey);
    if (until.isUndefined() || until.isNull())
        return std::optional<qint64>();
    const auto ms = integerFromJson(until, 0, protocol::maxRequestId);
    if (!ms)
        return std::nullopt;
    return std::optional<qint64>(*ms);
}
} // namespace

QJsonObject kickRequest(const QString &key, const QString &reason)
{
    QJsonObject data{{key::userKey, key}};
    insertReason(data, reason);
    return envelope(kickEvent, data);
}

QJsonObject banRequest(const QString &name, int minutes, const QString &reason)
{
    QJsonObject data{{key::name, name}};
    if (minutes > 0)
        data.insert(minutesKey, minutes);
    insertReason(data, reason);
    return envelope(banEvent, data);
}

QJsonObject unbanRequest(const QString &name)
{
    return envelope(unbanEvent, QJsonObject{{key::name, name}});
}

QJsonObject bansRequest()
{
    return envelope(bansEvent, QJsonValue::Undefined);
}

QJsonObject deleteRequest(qint64 id, const QString &reason)
{
    QJsonObject data{{key::id, id}};
    insertReason(data, reason);
    return envelope(deleteEvent, data);
}

QByteArray encodeRequest(QJsonObject envelope, qint64 id)
{
    envelope.insert(key::id, id);
    return compact(envelope);
}

std::optional<ModerationEvent> decodeModerationEvent(const QByteArray &frame)
{
    const auto object = parseObject(frame);
    if (!object)
        return std::nullopt;
    const QString event = object->value(key::event).toString();
    const QJsonObject data = object->value(key::data).toObject();
    if (event == kickedEvent) {
        const auto by = stringMember(data, byKey);
        const auto until = untilFromJson(data);
        if (!by || !until)
            return std::nullopt;
        return Kicked{*by, data.value(reasonKey).toString(), data.contains(untilKey), *until};
    }
    if (event == messageDeletedEvent) {
        const auto id = integerFromJson(data.value(key::id), 1, protocol::maxRequestId);
        const auto by = stringMember(data, byKey);
        if (!id || !by)
            return std::nullopt;
        return MessageDeleted{*id, data.value(key::room).toString(), *by};
    }
    return std::nullopt;
}

std::optional<QList<BanEntry>> bansFromJson(const QJsonObject &data)
{
    return listFromJson<BanEntry>(
        data.value(bansKey), [](const QJsonValue &value) -> std::optional<BanEntry> {
            const QJsonObject object = value.toObject();
            const auto name = stringMember(object, key::name);
            const auto until = untilFromJson(object);
            if (!name || !until)
                return std::nullopt;
            return BanEntry{*name, *until, object.value(reasonKey).toString(),
                            object.value(byKey).toString()};
        });
}

} // namespace chat::codec::moderationclient
