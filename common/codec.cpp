// Server -> client: the payloads (users, messages, limits, acks) and the events of protocol v1
// and its extensions; the requests are in codecrequests.cpp.
#include "codec.h"

#include "accountscodec.h"

#include "codecjson.h"

#include <QJsonArray>

namespace chat::codec {

using namespace json;

namespace {
QJsonObject toJson(const Error &error)
{
    return {{key::code, protocol::errorCodeName(error.code)}, {key::message, error.message}};
}

std::optional<Error> errorFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    const auto code = protocol::errorCodeFromName(object.value(key::code).toString());
    if (!code)
        return std::nullopt;
    return Error{*code, object.value(key::message).toString()};
}

} // namespace

// ---- payloads ------------------------------------------------------------------------------

QJsonObject toJson(const User &user)
{
    QJsonObject object{{key::userKey, user.key}, {key::name, user.name}};
    if (user.account) { // feature "accounts": for its clients only
        const QJsonObject account = accounts::toJson(*user.account);
        for (auto it = account.begin(); it != account.end(); ++it)
            object.insert(it.key(), it.value());
    }
    return object;
}

QJsonObject toJson(const ChatMsg &msg)
{
    return {{key::id, double(msg.id)},
            {key::userKey, msg.key},
            {key::sender, msg.sender},
            {key::message, msg.message},
            {key::ts, double(msg.ts)}};
}

std::optional<User> userFromJson(const QJsonValue &value)
{
    const auto userKey = stringMember(value, key::userKey);
    const auto name = stringMember(value, key::name);
    if (!userKey || !name)
        return std::nullopt;
    return User{*userKey, *name, accounts::accountFromJson(value.toObject())};
}

std::optional<ChatMsg> chatMsgFromJson(const QJsonValue &value)
{
    const auto userKey = stringMember(value, key::userKey);
    const auto sender = stringMember(value, key::sender);
    const auto message = stringMember(value, key::message);
    if (!userKey || !sender || !message)
        return std::nullopt;
    const QJsonObject object = value.toObject();
    const auto id = integerFromJson(object.value(key::id), 1, protocol::maxRequestId);
    const auto ts = integerFromJson(object.value(key::ts), 0, protocol::maxRequestId);
    if (!id || !ts)
        return std::nullopt;
    return ChatMsg{*id, *userKey, *sender, *message, *ts};
}

QJsonObject toJson(const Limits &limits)
{
    QJsonObject object{{key::maxTextBytes, limits.maxTextBytes},
                       {key::maxMessageBytes, double(limits.maxMessageBytes)},
                       {key::maxNameLength, limits.maxNameLength},
                       {key::historySize, limits.historySize}};
    if (limits.historyBytes > 0)
        object.insert(key::historyBytes, double(limits.historyBytes));
    if (limits.maxRooms > 0)
        object.insert(key::maxRooms, limits.maxRooms);
    if (limits.maxTopicLength > 0)
        object.insert(key::maxTopicLength, limits.maxTopicLength);
    if (limits.maxReasonLength > 0)
        object.insert(key::maxReasonLength, limits.maxReasonLength);
    object.insert(key::rateLimit,
                  limits.ratePerSecond > 0
                      ? QJsonValue(QJsonObject{{key::burst, limits.rateBurst},
                                               {key::perSecond, limits.ratePerSecond}})
                      : QJsonValue(QJsonValue::Null));
    return object;
}

std::optional<Limits> limitsFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    Limits limits;
    limits.maxTextBytes = object.value(key::maxTextBytes).toInt(limits.maxTextBytes);
    limits.maxMessageBytes = object.value(key::maxMessageBytes).toInteger(limits.maxMessageBytes);
    limits.maxNameLength = object.value(key::maxNameLength).toInt(limits.maxNameLength);
    limits.historySize = object.value(key::historySize).toInt(limits.historySize);
    limits.historyBytes = object.value(key::historyBytes).toInteger(0);
    limits.maxRooms = object.value(key::maxRooms).toInt(0);
    limits.maxTopicLength = object.value(key::maxTopicLength).toInt(0);
    limits.maxReasonLength = object.value(key::maxReasonLength).toInt(0);
    const QJsonObject rate = object.value(key::rateLimit).toObject();
    limits.rateBurst = rate.value(key::burst).toDouble();
    limits.ratePerSecond = rate.value(key::perSecond).toDouble();
    return limits;
}

namespace {
void insertJoinAckExtensions(QJsonObject &data, const JoinAck &ack)
{
    if (!ack.features.isEmpty()) {
        data.insert(key::features, QJsonArray::fromStringList(ack.features));
        data.insert(key::resumed, ack.resumed);
        data.insert(key::historyGap, ack.historyGap);
    }
    if (ack.account)
        data.insert(QStringLiteral("account"), accounts::toJson(*ack.account));
}
} // namespace

QJsonObject toJson(const JoinAck &ack)
{
    QJsonArray users;
    for (const User &user : ack.users)
        users.append(toJson(user));
    QJsonArray history;
    for (const ChatMsg &msg : ack.history)
        history.append(toJson(msg));
    QJsonObject object{{key::userKey, ack.key},
                       {key::token, ack.token},
                       {key::users, users},
                       {key::history, history}};
    if (ack.limits)
        object.insert(key::limits, toJson(*ack.limits));
    insertJoinAckExtensions(object, ack);
    return object;
}

QJsonObject toJson(const MessageAck &ack)
{
    return {{key::id, double(ack.id)}, {key::ts, double(ack.ts)}};
}

std::optional<JoinAck> joinAckFromJson(const QJsonObject &data)
{
    const auto userKey = stringMember(data, key::userKey);
    const auto token = stringMember(data, key::token);
    auto users = listFromJson<User>(data.value(key::users), userFromJson);
    auto history = listFromJson<ChatMsg>(data.value(key::history), chatMsgFromJson);
    if (!userKey || !token || !users || !history)
        return std::nullopt;
    JoinAck ack{*userKey,
                *token,
                std::move(*users),
                std::move(*history),
                limitsFromJson(data.value(key::limits)),
                data.value(key::resumed).toBool(),
                data.value(key::historyGap).toBool(),
                {},
                accounts::accountFromJson(data.value(QStringLiteral("account")).toObject())};
    for (const QJsonValue &feature : data.value(key::features).toArray())
        if (feature.isString())
            ack.features.append(feature.toString());
    return ack;
}

std::optional<MessageAck> messageAckFromJson(const QJsonObject &data)
{
    const auto id = integerFromJson(data.value(key::id), 1, protocol::maxRequestId);
    const auto ts = integerFromJson(data.value(key::ts), 0, protocol::maxRequestId);
    if (!id || !ts)
        return std::nullopt;
    return MessageAck{*id, *ts};
}

QByteArray encodeElement(const User &user)
{
    return compact(toJson(user));
}

QByteArray encodeElement(const ChatMsg &msg)
{
    return compact(toJson(msg));
}

QByteArray encodeNewChatMsg(QByteArrayView element)
{
    static const QByteArray tail = eventTail(protocol::events::newChatMsg);
    return eventFrame(element, tail);
}

QByteArray encodeJoinAck(qint64 id, const JoinAck &ack, QByteArrayView usersArray,
                         QByteArrayView historyArray)
{
    // Encode the envelope with placeholders, then splice the arrays in. The placeholders can
    // only match as keys: inside JSON strings every quote is escaped.
    QJsonObject data = toJson(JoinAck{ack.key,
                                      ack.token,
                                      {},
                                      {},
                                      ack.limits,
                                      ack.resumed,
                                      ack.historyGap,
                                      ack.features,
                                      ack.account});
    QByteArray frame = encodeAck(id, data);
    const QByteArray usersKey = "\"users\":[]";
    const QByteArray historyKey = "\"history\":[]";
    const auto usersAt = frame.lastIndexOf(usersKey);
    frame.replace(usersAt + usersKey.size() - 2, 2, usersArray);
    const auto historyAt = frame.lastIndexOf(historyKey, usersAt);
    frame.replace(historyAt + historyKey.size() - 2, 2, historyArray);
    return frame;
}

// ---- server -> client ----------------------------------------------------------------------

QByteArray encode(const ServerEvent &event)
{
    return compact(std::visit(
        [](const auto &e) -> QJsonObject {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, Ack>) {
                QJsonObject object{{key::event, protocol::events::ack}, {key::id, double(e.id)}};
                if (e.error)
                    object.insert(key::error, toJson(*e.error));
                else
                    object.insert(key::data, e.data);
                return object;
            } else if constexpr (std::is_same_v<T, ErrorEvent>) {
                return envelope(protocol::events::error, toJson(e.error));
            } else if constexpr (std::is_same_v<T, UserConnected>) {
                return envelope(protocol::events::userConnected, toJson(e.user));
            } else if constexpr (std::is_same_v<T, UserDisconnected>) {
                return envelope(protocol::events::userDisconnected, toJson(e.user));
            } else if constexpr (std::is_same_v<T, Typing>) {
                return envelope(protocol::events::typing, toJson(e.user));
            } else {
                return envelope(protocol::events::newChatMsg, toJson(e.msg));
            }
        },
        event));
}

QByteArray encodeAckData(qint64 id, QByteArrayView data)
{
    // {"data":{},"event":"ack","id":N}: keys sorted, "data" first.
    QByteArray frame = encodeAck(id, {});
    const QByteArray placeholder = "{\"data\":{}";
    Q_ASSERT(frame.startsWith(placeholder));
    frame.replace(placeholder.size() - 2, 2, data.toByteArray());
    return frame;
}

QByteArray encodeFailure(std::optional<qint64> id, const Error &error)
{
    if (id)
        return encode(ServerEvent{Ack{*id, error, {}}});
    return encode(ServerEvent{ErrorEvent{error}});
}

std::optional<ServerEvent> decodeServerEvent(const QByteArray &frame)
{
    const auto object = parseObject(frame);
    if (!object)
        return std::nullopt;
    const QString event = object->value(key::event).toString();
    const QJsonValue data = object->value(key::data);

    if (event == protocol::events::ack) {
        const auto id = requestIdFromJson(object->value(key::id));
        if (!id)
            return std::nullopt;
        if (object->contains(key::error)) {
            const auto error = errorFromJson(object->value(key::error));
            if (!error)
                return std::nullopt;
            return Ack{*id, *error, {}};
        }
        return Ack{*id, std::nullopt, data.toObject()};
    }
    if (event == protocol::events::error) {
        const auto error = errorFromJson(data);
        if (!error)
            return std::nullopt;
        return ErrorEvent{*error};
    }
    if (event == protocol::events::userConnected || event == protocol::events::userDisconnected ||
        event == protocol::events::typing) {
        const auto user = userFromJson(data);
        if (!user)
            return std::nullopt;
        if (event == protocol::events::userConnected)
            return UserConnected{*user};
        if (event == protocol::events::typing)
            return Typing{*user};
        return UserDisconnected{*user};
    }
    if (event == protocol::events::newChatMsg) {
        const auto msg = chatMsgFromJson(data);
        if (!msg)
            return std::nullopt;
        return NewChatMsg{*msg};
    }
    return std::nullopt;
}

} // namespace chat::codec
