#include "roomsclientcodec.h"

#include "codec.h"
#include "protocol.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace chat::codec::rooms {

namespace {
std::optional<QString> stringOf(const QJsonObject &object, const QString &member)
{
    const QJsonValue value = object.value(member);
    return value.isString() ? std::optional<QString>(value.toString()) : std::nullopt;
}

std::optional<qint64> idOf(const QJsonValue &value, qint64 min)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (number != double(qint64(number)) || number < double(min) ||
        number > double(protocol::maxRequestId))
        return std::nullopt;
    return qint64(number);
}

template <typename T, typename F>
std::optional<QList<T>> listOf(const QJsonValue &value, F &&fromJson)
{
    if (!value.isArray())
        return std::nullopt;
    QList<T> result;
    for (const QJsonValue &item : value.toArray()) {
        auto decoded = fromJson(item);
        if (!decoded)
            return std::nullopt;
        result.append(std::move(*decoded));
    }
    return result;
}

// {"room", "key", "name"}: who entered or left which room.
std::optional<std::pair<QString, User>> roomUser(const QJsonObject &data)
{
    const auto room = stringOf(data, QStringLiteral("room"));
    const auto user = userFromJson(data);
    if (!room || !user)
        return std::nullopt;
    return std::make_pair(*room, *user);
}
} // namespace

std::optional<PrivateMsg> privateMsgFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    const auto key = stringOf(object, QStringLiteral("key"));
    const auto sender = stringOf(object, QStringLiteral("sender"));
    const auto to = stringOf(object, QStringLiteral("to"));
    const auto message = stringOf(object, QStringLiteral("message"));
    const auto id = idOf(object.value(QStringLiteral("id")), 1);
    const auto ts = idOf(object.value(QStringLiteral("ts")), 0);
    if (!key || !sender || !to || !message || !id || !ts)
        return std::nullopt;
    return PrivateMsg{*id, *key, *sender, *to, *message, *ts};
}

std::optional<RoomState> roomStateFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    const auto name = stringOf(object, QStringLiteral("name"));
    const auto topic = stringOf(object, QStringLiteral("topic"));
    const auto users = listOf<User>(object.value(QStringLiteral("users")), userFromJson);
    const auto history = listOf<ChatMsg>(object.value(QStringLiteral("history")), chatMsgFromJson);
    if (!name || !topic || !users || !history)
        return std::nullopt;
    return RoomState{*name, *topic, *users, *history,
                     object.value(QStringLiteral("historyGap")).toBool(false)};
}

std::optional<RoomsEvent> decodeRoomsEvent(const QByteArray &frame)
{
    const QJsonDocument document = QJsonDocument::fromJson(frame);
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject envelope = document.object();
    const QString event = envelope.value(QStringLiteral("event")).toString();
    const QJsonValue data = envelope.value(QStringLiteral("data"));
    if (!data.isObject())
        return std::nullopt;
    const QJsonObject object = data.toObject();
    if (event == QLatin1String("new chat msg")) {
        const auto msg = chatMsgFromJson(object);
        const auto room = stringOf(object, QStringLiteral("room"));
        if (!msg || !room)
            return std::nullopt; // a v1 "new chat msg" has no room
        return RoomChatMsg{*msg, *room};
    }
    if (event == QLatin1String("user entered") || event == QLatin1String("user left")) {
        const auto who = roomUser(object);
        if (!who)
            return std::nullopt;
        if (event == QLatin1String("user entered"))
            return UserEntered{who->first, who->second};
        return UserLeft{who->first, who->second};
    }
    if (event == QLatin1String("topic changed")) {
        const auto who = roomUser(object);
        const auto topic = stringOf(object, QStringLiteral("topic"));
        if (!who || !topic)
            return std::nullopt;
        return TopicChanged{who->first, *topic, who->second};
    }
    if (event == QLatin1String("private msg")) {
        const auto msg = privateMsgFromJson(object);
        if (!msg)
            return std::nullopt;
        return PrivateMsgReceived{*msg};
    }
    return std::nullopt;
}

std::optional<RoomsJoinAck> roomsJoinAckFromJson(const QJsonObject &data)
{
    const auto rooms = listOf<RoomState>(data.value(QStringLiteral("rooms")), roomStateFromJson);
    const auto privates =
        listOf<PrivateMsg>(data.value(QStringLiteral("private")), privateMsgFromJson);
    if (!rooms || !privates)
        return std::nullopt;
    return RoomsJoinAck{*rooms, *privates};
}

std::optional<QList<RoomInfo>> roomListFromJson(const QJsonObject &data)
{
    return listOf<RoomInfo>(data.value(QStringLiteral("rooms")),
                            [](const QJsonValue &value) -> std::optional<RoomInfo> {
                                if (!value.isObject())
                                    return std::nullopt;
                                const QJsonObject object = value.toObject();
                                const auto name = stringOf(object, QStringLiteral("name"));
                                const auto topic = stringOf(object, QStringLiteral("topic"));
                                const auto members =
                                    idOf(object.value(QStringLiteral("members")), 0);
                                if (!name || !topic || !members)
                                    return std::nullopt;
                                return RoomInfo{*name, *topic, int(*members)};
                            });
}

std::optional<HistoryPage> historyPageFromJson(const QJsonObject &data)
{
    const auto messages = listOf<ChatMsg>(data.value(QStringLiteral("messages")), chatMsgFromJson);
    const QJsonValue more = data.value(QStringLiteral("more"));
    if (!messages || !more.isBool())
        return std::nullopt;
    return HistoryPage{*messages, more.toBool()};
}

} // namespace chat::codec::rooms
