#include "roomscodec.h"

#include "codec.h"
#include "codecjson.h"

#include <QJsonArray>

#include <algorithm>

namespace chat::codec::rooms {

using namespace json;

namespace {
const QString withKey = QStringLiteral("with");

std::variant<ClientRequest, RequestFailure>
decodeHistory(std::optional<qint64> id, const QJsonObject &data, bool withAccounts)
{
    const auto room = stringMember(data, key::room);
    HistoryRequest request{room.value_or(QString()), std::nullopt, protocol::defaultHistoryPage};
    if (withAccounts) {
        // A room's history or the private messages with a name: one of the two.
        const auto with = stringMember(data, withKey);
        if (room.has_value() == with.has_value() || data.contains(key::room) != room.has_value() ||
            data.contains(withKey) != with.has_value())
            return badRequest(id, QStringLiteral("\"history\" needs data {\"room\": string} or "
                                                 "{\"with\": name}, not both."));
        request.with = with;
    } else if (!room) {
        return badRequest(id, QStringLiteral("\"history\" needs data {\"room\": string}."));
    }
    if (data.contains(key::before)) {
        request.before = integerFromJson(data.value(key::before), 1, protocol::maxRequestId);
        if (!request.before)
            return badRequest(id, QStringLiteral("\"before\" must be an integer from 1 to "
                                                 "2^53-1."));
    }
    if (data.contains(key::limit)) {
        const auto limit = integerFromJson(data.value(key::limit), 1, protocol::maxHistoryPage);
        if (!limit)
            return badRequest(id, QStringLiteral("\"limit\" must be an integer from 1 to %1.")
                                      .arg(protocol::maxHistoryPage));
        request.limit = int(*limit);
    }
    return ClientRequest{id, request};
}
} // namespace

bool isRoomsEvent(const QString &event)
{
    namespace events = protocol::events;
    return event == events::rooms || event == events::enter || event == events::leave ||
           event == events::topic || event == events::privateMessage || event == events::history;
}

std::optional<std::variant<ClientRequest, RequestFailure>> decodeRequest(std::optional<qint64> id,
                                                                         const QString &event,
                                                                         const QJsonValue &value,
                                                                         bool withAccounts)
{
    namespace events = protocol::events;
    if (!isRoomsEvent(event))
        return std::nullopt;
    if (event == events::rooms)
        return ClientRequest{id, RoomsRequest{}};
    const QJsonObject data = value.toObject();
    if (!value.isObject())
        return badRequest(id, QStringLiteral("\"%1\" needs an object as data.").arg(event));
    if (event == events::history)
        return decodeHistory(id, data, withAccounts);
    if (event == events::privateMessage) {
        const auto to = stringMember(data, key::to);
        const auto text = stringMember(data, key::text);
        if (!to || !text)
            return badRequest(id, QStringLiteral("\"private\" needs data {\"to\": key, "
                                                 "\"text\": string}."));
        return ClientRequest{id, PrivateRequest{*to, *text}};
    }
    const auto room = stringMember(data, key::room);
    if (!room)
        return badRequest(id, QStringLiteral("\"%1\" needs data {\"room\": string}.").arg(event));
    if (event == events::leave)
        return ClientRequest{id, LeaveRequest{*room}};
    const auto topic = stringMember(data, key::topic);
    if (data.contains(key::topic) && !topic)
        return badRequest(id, QStringLiteral("\"topic\" must be a string."));
    if (event == events::enter)
        return ClientRequest{id, EnterRequest{*room, topic}};
    if (!topic)
        return badRequest(id, QStringLiteral("\"topic\" needs data {\"room\": string, "
                                             "\"topic\": string}."));
    return ClientRequest{id, TopicRequest{*room, *topic}};
}

QJsonObject envelope(const RoomsRequest &)
{
    return json::envelope(protocol::events::rooms, QJsonValue::Undefined);
}

QJsonObject envelope(const EnterRequest &request)
{
    QJsonObject data{{key::room, request.room}};
    if (request.topic)
        data.insert(key::topic, *request.topic);
    return json::envelope(protocol::events::enter, data);
}

QJsonObject envelope(const LeaveRequest &request)
{
    return json::envelope(protocol::events::leave, QJsonObject{{key::room, request.room}});
}

QJsonObject envelope(const TopicRequest &request)
{
    return json::envelope(protocol::events::topic,
                          QJsonObject{{key::room, request.room}, {key::topic, request.topic}});
}

QJsonObject envelope(const PrivateRequest &request)
{
    return json::envelope(protocol::events::privateMessage,
                          QJsonObject{{key::to, request.to}, {key::text, request.text}});
}

QJsonObject envelope(const HistoryRequest &request)
{
    QJsonObject data{{key::limit, request.limit}};
    if (request.with)
        data.insert(withKey, *request.with);
    else
        data.insert(key::room, request.room);
    if (request.before)
        data.insert(key::before, double(*request.before));
    return json::envelope(protocol::events::history, data);
}

QByteArray chatMsgElement(const ChatMsg &msg, const QString &room)
{
    QJsonObject object = toJson(msg);
    object.insert(key::room, room);
    return compact(object);
}

QByteArray roomMember(const QString &room)
{
    const QByteArray object = compact(QJsonObject{{key::room, room}});
    return object.mid(1, object.size() - 2); // without the braces
}

QByteArray chatMsgElement(QByteArrayView v1Element, QByteArrayView encodedRoomMember)
{
    // Keys are sorted: "room" goes right before "sender". Inside a JSON string every quote is
    // escaped, so the unescaped `,"sender":` can only be the key.
    static const QByteArray sender = ",\"sender\":";
    const qsizetype at =
        QByteArray::fromRawData(v1Element.data(), v1Element.size()).indexOf(sender);
    QByteArray element;
    element.reserve(v1Element.size() + encodedRoomMember.size() + 1);
    element += v1Element.first(at);
    element += ',';
    element += encodedRoomMember;
    element += v1Element.sliced(at);
    return element;
}

QByteArray privateMsgElement(const PrivateMsg &msg)
{
    return compact(QJsonObject{{key::id, double(msg.id)},
                               {key::userKey, msg.key},
                               {key::sender, msg.sender},
                               {key::to, msg.to},
                               {key::message, msg.message},
                               {key::ts, double(msg.ts)}});
}

QByteArray roomElement(const QString &name, const QString &topic, int members)
{
    return compact(QJsonObject{{key::name, name}, {key::topic, topic}, {key::members, members}});
}

QByteArray roomStateElement(const QString &name, const QString &topic, QByteArrayView usersArray,
                            QByteArrayView historyArray, bool historyGap)
{
    const QByteArray json = compact(QJsonObject{{key::name, name},
                                                {key::topic, topic},
                                                {key::users, QJsonArray()},
                                                {key::history, QJsonArray()},
                                                {key::historyGap, historyGap}});
    return spliceArrays(
        json, {{"users", usersArray.toByteArray()}, {"history", historyArray.toByteArray()}});
}

QByteArray joinArray(const std::vector<QByteArray> &elements)
{
    qsizetype bytes = 2;
    for (const QByteArray &element : elements)
        bytes += element.size() + 1;
    QByteArray array;
    array.reserve(bytes);
    array += '[';
    for (const QByteArray &element : elements) {
        if (array.size() > 1)
            array += ',';
        array += element;
    }
    array += ']';
    return array;
}

namespace {
QByteArray roomUserEvent(const QString &event, const QString &room, const User &user)
{
    return compact(json::envelope(
        event, QJsonObject{{key::room, room}, {key::userKey, user.key}, {key::name, user.name}}));
}
} // namespace

QByteArray userEntered(const QString &room, const User &user)
{
    return roomUserEvent(protocol::events::userEntered, room, user);
}

QByteArray userLeft(const QString &room, const User &user)
{
    return roomUserEvent(protocol::events::userLeft, room, user);
}

QByteArray topicChanged(const QString &room, const QString &topic, const User &by)
{
    return compact(json::envelope(
        protocol::events::topicChanged,
        QJsonObject{
            {key::room, room}, {key::topic, topic}, {key::userKey, by.key}, {key::name, by.name}}));
}

QByteArray privateMsgEvent(QByteArrayView element)
{
    static const QByteArray tail = eventTail(protocol::events::privateMsg);
    return eventFrame(element, tail);
}

QByteArray encodeJoinAck(qint64 id, const JoinAck &ack, QByteArrayView usersArray,
                         QByteArrayView roomsArray, QByteArrayView privateArray)
{
    QJsonObject data = toJson(JoinAck{ack.key,
                                      ack.token,
                                      {},
                                      {},
                                      ack.limits,
                                      ack.resumed,
                                      ack.historyGap,
                                      ack.features,
                                      ack.account});
    data.insert(key::rooms, QJsonArray());
    data.insert(key::privateMessages, QJsonArray());
    return spliceArrays(encodeAck(id, data), {{"users", usersArray.toByteArray()},
                                              {"rooms", roomsArray.toByteArray()},
                                              {"private", privateArray.toByteArray()}});
}

QByteArray spliceArrays(QByteArray json, std::vector<std::pair<QByteArray, QByteArray>> arrays)
{
    // Last placeholder first: the offsets of the earlier ones stay valid.
    std::vector<std::pair<qsizetype, QByteArray>> at;
    for (auto &[name, array] : arrays) {
        const QByteArray placeholder = '"' + name + "\":[]";
        const qsizetype index = json.lastIndexOf(placeholder);
        if (index >= 0)
            at.emplace_back(index + placeholder.size() - 2, std::move(array));
    }
    std::sort(at.begin(), at.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (const auto &[index, array] : at)
        json.replace(index, 2, array);
    return json;
}

} // namespace chat::codec::rooms
