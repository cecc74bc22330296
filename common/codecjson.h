#pragma once

// Internal to chat_common: the JSON keys and helpers its codecs share (codec.cpp,
// codecrequests.cpp, roomscodec.cpp, roomsclientcodec.cpp). Not part of the library's API:
// other targets use codec.h, roomscodec.h and roomsclientcodec.h.
#ifndef CHAT_COMMON_INTERNAL
#error "codecjson.h is internal to chat_common; include codec.h instead"
#endif

#include "events.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace chat::codec::json {

// Member names of the protocol's objects (docs/protocol.md, protocol-v2.md).
namespace key {
inline const QString event = QStringLiteral("event");
inline const QString data = QStringLiteral("data");
inline const QString id = QStringLiteral("id");
inline const QString error = QStringLiteral("error");
inline const QString code = QStringLiteral("code");
inline const QString message = QStringLiteral("message");
inline const QString name = QStringLiteral("name");
inline const QString text = QStringLiteral("text");
inline const QString userKey = QStringLiteral("key"); // a User's key
inline const QString token = QStringLiteral("token");
inline const QString users = QStringLiteral("users");
inline const QString history = QStringLiteral("history");
inline const QString sender = QStringLiteral("sender");
inline const QString ts = QStringLiteral("ts");
inline const QString limits = QStringLiteral("limits");
inline const QString maxTextBytes = QStringLiteral("maxTextBytes");
inline const QString maxMessageBytes = QStringLiteral("maxMessageBytes");
inline const QString maxNameLength = QStringLiteral("maxNameLength");
inline const QString historySize = QStringLiteral("historySize");
inline const QString historyBytes = QStringLiteral("historyBytes");
inline const QString rateLimit = QStringLiteral("rateLimit");
inline const QString burst = QStringLiteral("burst");
inline const QString perSecond = QStringLiteral("perSecond");
inline const QString features = QStringLiteral("features");
inline const QString lastSeenId = QStringLiteral("lastSeenId");
inline const QString resumed = QStringLiteral("resumed");
inline const QString historyGap = QStringLiteral("historyGap");
// Feature "rooms".
inline const QString room = QStringLiteral("room");
inline const QString rooms = QStringLiteral("rooms");
inline const QString topic = QStringLiteral("topic");
inline const QString members = QStringLiteral("members");
inline const QString to = QStringLiteral("to");
inline const QString privateMessages = QStringLiteral("private");
inline const QString before = QStringLiteral("before");
inline const QString limit = QStringLiteral("limit");
inline const QString messages = QStringLiteral("messages");
inline const QString more = QStringLiteral("more");
inline const QString maxRooms = QStringLiteral("maxRooms");
inline const QString maxTopicLength = QStringLiteral("maxTopicLength");
// Feature "accounts".
inline const QString maxReasonLength = QStringLiteral("maxReasonLength");
} // namespace key

// Compact JSON, keys sorted (QJsonDocument's order): what every frame is.
QByteArray compact(const QJsonObject &object);
// {"event": event, "data": data}; without "data" when it is undefined.
QJsonObject envelope(const QString &event, const QJsonValue &data);
// An event around already encoded data: eventFrame(data, eventTail(event)) is the same bytes as
// compact(envelope(event, data)) without encoding `data` again. Keys are sorted, as
// QJsonDocument writes them: "data" comes before "event", whose tail a caller keeps.
QByteArray eventTail(const QString &event); // ,"event":"NAME"}
QByteArray eventFrame(QByteArrayView data, QByteArrayView tail);
// The frame's JSON object; nothing when it is not one.
std::optional<QJsonObject> parseObject(const QByteArray &frame);

// An integer-valued JSON number within [min, max]; nothing for anything else (1.5, "1", 1e300).
std::optional<qint64> integerFromJson(const QJsonValue &value, qint64 min, qint64 max);
// The string member of an object; nothing when `object` is not an object or the member is not
// a string.
std::optional<QString> stringMember(const QJsonValue &object, const QString &member);
// An array whose every element `fromJson` decodes; nothing when one does not.
template <typename T, typename F>
std::optional<QList<T>> listFromJson(const QJsonValue &value, F &&fromJson)
{
    if (!value.isArray())
        return std::nullopt;
    QList<T> result;
    const QJsonArray array = value.toArray();
    result.reserve(array.size());
    for (const QJsonValue &item : array) {
        auto decoded = fromJson(item);
        if (!decoded)
            return std::nullopt;
        result.append(std::move(*decoded));
    }
    return result;
}

RequestFailure badRequest(std::optional<qint64> id, const QString &why);

} // namespace chat::codec::json
