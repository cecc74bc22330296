#include "roomsclientcodec.h"

#include "codec.h"
#include "codecjson.h"

namespace chat::codec::rooms {

using namespace json;

namespace {
// {"room", "key", "name"}: who entered or left which room.
std::optional<std::pair<QString, User>> roomUser(const QJsonObject &data)
{
    const auto room = stringMember(data, key::room);
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
    const auto author = stringMember(object, key::userKey);
    const auto sender = stringMember(object, key::sender);
    const auto to = stringMember(object, key::to);
    const auto message = stringMember(object, key::message);
    const auto id = integerFromJson(object.value(key::id), 1, protocol::maxRequestId);
    const auto ts = integerFromJson(object.value(key::ts), 0, protocol::maxRequestId);
    if (!author || !sender || !to || !message || !id || !ts)
        return std::nullopt;
    return PrivateMsg{*id, *author, *sender, *to, *message, *ts};
}

std::optional<RoomState> roomStateFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    const auto name = stringMember(object, key::name);
    const auto topic = stringMember(object, key::topic);
    const auto users = listFromJson<User>(object.value(key::users), userFromJson);
    const auto history = listFromJson<ChatMsg>(object.value(key::history), chatMsgFromJson);
    if (!name || !topic || !users || !history)
        return std::nullopt;
    return RoomState{*name, *topic, *users, *history, object.value(key::historyGap).toBool(false)};
}

std::optional<RoomsEvent> decodeRoomsEvent(const QByteArray &frame)
{
    const auto envelope = parseObject(frame);
    if (!envelope)
        return std::nullopt;
    const QString event = envelope->value(key::event).toString();
    const QJsonValue data = envelope->value(key::data);
    if (!data.isObject())
        return std::nullopt;
    const QJsonObject object = data.toObject();
    if (event == protocol::events::newChatMsg) {
        const auto msg = chatMsgFromJson(object);
        const auto room = stringMember(object, key::room);
        if (!msg || !room)
            return std::nullopt; // a v1 "new chat msg" has no room
        return RoomChatMsg{*msg, *room};
    }
    if (event == protocol::events::userEntered || event == protocol::events::userLeft) {
        const auto who = roomUser(object);
        if (!who)
            return std::nullopt;
        if (event == protocol::events::userEntered)
            return UserEntered{who->first, who->second};
        return UserLeft{who->first, who->second};
    }
    if (event == protocol::events::topicChanged) {
        const auto who = roomUser(object);
        const auto topic = stringMember(object, key::topic);
        if (!who || !topic)
            return std::nullopt;
        return TopicChanged{who->first, *topic, who->second};
    }
    if (event == protocol::events::privateMsg) {
        const auto msg = privateMsgFromJson(object);
        if (!msg)
            return std::nullopt;
        return PrivateMsgReceived{*msg};
    }
    return std::nullopt;
}

std::optional<RoomsJoinAck> roomsJoinAckFromJson(const QJsonObject &data)
{
    const auto rooms = listFromJson<RoomState>(data.value(key::rooms), roomStateFromJson);
    const auto privates =
        listFromJson<PrivateMsg>(data.value(key::privateMessages), privateMsgFromJson);
    if (!rooms || !privates)
        return std::nullopt;
    return RoomsJoinAck{*rooms, *privates};
}

std::optional<QList<RoomInfo>> roomListFromJson(const QJsonObject &data)
{
    return listFromJson<RoomInfo>(
        data.value(key::rooms), [](const QJsonValue &value) -> std::optional<RoomInfo> {
            if (!value.isObject())
                return std::nullopt;
            const QJsonObject object = value.toObject();
            const auto name = stringMember(object, key::name);
            const auto topic = stringMember(object, key::topic);
            const auto members =
                integerFromJson(object.value(key::members), 0, protocol::maxRequestId);
            if (!name || !topic || !members)
                return std::nullopt;
            return RoomInfo{*name, *topic, int(*members)};
        });
}

std::optional<HistoryPage> historyPageFromJson(const QJsonObject &data)
{
    const auto messages = listFromJson<ChatMsg>(data.value(key::messages), chatMsgFromJson);
    const QJsonValue more = data.value(key::more);
    if (!messages || !more.isBool())
        return std::nullopt;
    return HistoryPage{*messages, more.toBool()};
}

} // namespace chat::codec::rooms
