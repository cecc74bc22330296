#include "codec.h"

#include "roomscodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace chat::codec {

namespace {
namespace key {
const QString event = QStringLiteral("event");
const QString data = QStringLiteral("data");
const QString id = QStringLiteral("id");
const QString error = QStringLiteral("error");
const QString code = QStringLiteral("code");
const QString message = QStringLiteral("message");
const QString name = QStringLiteral("name");
const QString text = QStringLiteral("text");
const QString userKey = QStringLiteral("key");
const QString token = QStringLiteral("token");
const QString users = QStringLiteral("users");
const QString history = QStringLiteral("history");
const QString sender = QStringLiteral("sender");
const QString ts = QStringLiteral("ts");
const QString limits = QStringLiteral("limits");
const QString maxTextBytes = QStringLiteral("maxTextBytes");
const QString maxMessageBytes = QStringLiteral("maxMessageBytes");
const QString maxNameLength = QStringLiteral("maxNameLength");
const QString historySize = QStringLiteral("historySize");
const QString historyBytes = QStringLiteral("historyBytes");
const QString rateLimit = QStringLiteral("rateLimit");
const QString burst = QStringLiteral("burst");
const QString perSecond = QStringLiteral("perSecond");
const QString features = QStringLiteral("features");
const QString lastSeenId = QStringLiteral("lastSeenId");
const QString resumed = QStringLiteral("resumed");
const QString historyGap = QStringLiteral("historyGap");
const QString room = QStringLiteral("room");
const QString rooms = QStringLiteral("rooms");
const QString maxRooms = QStringLiteral("maxRooms");
const QString maxTopicLength = QStringLiteral("maxTopicLength");
} // namespace key

QByteArray toFrame(const QJsonObject &object)
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

// An integer-valued JSON number within [min, max].
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

std::optional<QJsonObject> parseObject(const QByteArray &frame)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

RequestFailure badRequest(std::optional<qint64> id, const QString &why)
{
    return {id, Error{ErrorCode::BadRequest, why}};
}

std::optional<QString> stringMember(const QJsonValue &data, const QString &member)
{
    if (!data.isObject())
        return std::nullopt;
    const QJsonValue value = data.toObject().value(member);
    if (!value.isString())
        return std::nullopt;
    return value.toString();
}

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
// The optional members a resuming, feature-aware client adds to `join`.
std::variant<ClientRequest, RequestFailure>
decodeJoinExtensions(std::optional<qint64> id, const QJsonObject &data, JoinRequest request)
{
    if (data.contains(key::features)) {
        const QJsonValue features = data.value(key::features);
        if (!features.isArray())
            return badRequest(id, QStringLiteral("\"features\" must be an array of strings."));
        const QJsonArray array = features.toArray();
        for (const QJsonValue &feature : array) {
            if (!feature.isString())
                return badRequest(id, QStringLiteral("\"features\" must be an array of strings."));
            request.features.append(feature.toString());
        }
    }
    if (data.contains(key::token)) {
        const QJsonValue token = data.value(key::token);
        if (!token.isString() || token.toString().size() > protocol::maxTokenLength)
            return badRequest(id, QStringLiteral("\"token\" must be a string of at most %1 "
                                                 "characters.")
                                      .arg(protocol::maxTokenLength));
        request.token = token.toString();
    }
    if (data.contains(key::lastSeenId)) {
        request.lastSeenId =
            integerFromJson(data.value(key::lastSeenId), 0, protocol::maxRequestId);
        if (!request.lastSeenId)
            return badRequest(id, QStringLiteral("\"lastSeenId\" must be an integer from 0 to "
                                                 "2^53-1."));
    }
    // Feature "rooms": for a client that did not list it, "rooms" is an unknown member.
    if (data.contains(key::rooms) && request.features.contains(protocol::features::rooms)) {
        const QJsonValue rooms = data.value(key::rooms);
        const QString why = QStringLiteral("\"rooms\" must be an array of strings.");
        if (!rooms.isArray())
            return badRequest(id, why);
        QStringList names;
        for (const QJsonValue &room : rooms.toArray()) {
            if (!room.isString())
                return badRequest(id, why);
            names.append(room.toString());
        }
        request.rooms = names;
    }
    return ClientRequest{id, std::move(request)};
}

QJsonArray stringArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}
} // namespace

std::optional<qint64> requestIdFromJson(const QJsonValue &value)
{
    return integerFromJson(value, 1, protocol::maxRequestId);
}

// ---- client -> server ----------------------------------------------------------------------

QByteArray encode(const ClientRequest &request)
{
    QJsonObject object = std::visit(
        [](const auto &event) -> QJsonObject {
            using T = std::decay_t<decltype(event)>;
            if constexpr (std::is_same_v<T, JoinRequest>) {
                QJsonObject data{{key::name, event.name}};
                if (!event.features.isEmpty())
                    data.insert(key::features, QJsonArray::fromStringList(event.features));
                if (!event.token.isEmpty())
                    data.insert(key::token, event.token);
                if (event.lastSeenId)
                    data.insert(key::lastSeenId, double(*event.lastSeenId));
                if (event.rooms)
                    data.insert(key::rooms, QJsonArray::fromStringList(*event.rooms));
                return envelope(protocol::events::join, data);
            } else if constexpr (std::is_same_v<T, MessageRequest>) {
                QJsonObject data{{key::text, event.text}};
                if (!event.room.isEmpty())
                    data.insert(key::room, event.room);
                return envelope(protocol::events::message, data);
            } else if constexpr (std::is_same_v<T, TypingRequest>) {
                return envelope(protocol::events::typing, QJsonValue::Undefined);
            } else {
                return rooms::envelope(event);
            }
        },
        request.event);
    if (request.id)
        object.insert(key::id, double(*request.id));
    return toFrame(object);
}

std::variant<ClientRequest, RequestFailure> decodeClientRequest(const QByteArray &frame,
                                                                bool withRooms)
{
    const auto object = parseObject(frame);
    if (!object)
        return badRequest(std::nullopt, QStringLiteral("A frame must hold one JSON object."));

    std::optional<qint64> id;
    if (object->contains(key::id)) {
        id = requestIdFromJson(object->value(key::id));
        if (!id)
            return badRequest(std::nullopt,
                              QStringLiteral("\"id\" must be an integer from 1 to 2^53-1."));
    }

    const QJsonValue eventValue = object->value(key::event);
    if (!eventValue.isString() || eventValue.toString().isEmpty())
        return badRequest(id, QStringLiteral("\"event\" must be a non-empty string."));
    const QString event = eventValue.toString();
    const QJsonValue data = object->value(key::data);

    if (event == protocol::events::join) {
        const auto name = stringMember(data, key::name);
        if (!name)
            return badRequest(id, QStringLiteral("\"join\" needs data {\"name\": string}."));
        return decodeJoinExtensions(id, data.toObject(), JoinRequest{*name, {}, {}, {}, {}});
    }
    if (event == protocol::events::typing)
        return ClientRequest{id, TypingRequest{}};
    if (event == protocol::events::message) {
        const auto text = stringMember(data, key::text);
        if (!text)
            return badRequest(id, QStringLiteral("\"message\" needs data {\"text\": string}."));
        MessageRequest request{*text, {}};
        if (withRooms && data.toObject().contains(key::room)) {
            const auto room = stringMember(data, key::room);
            if (!room)
                return badRequest(id, QStringLiteral("\"room\" must be a string."));
            request.room = *room;
        }
        return ClientRequest{id, request};
    }
    // A client without the feature sees protocol v1, where these events do not exist.
    if (withRooms) {
        if (auto decoded = rooms::decodeRequest(id, event, data))
            return std::move(*decoded);
    }
    return RequestFailure{
        id, Error{ErrorCode::UnknownEvent, QStringLiteral("Unknown event \"%1\".").arg(event)}};
}

// ---- payloads ------------------------------------------------------------------------------

QJsonObject toJson(const User &user)
{
    return {{key::userKey, user.key}, {key::name, user.name}};
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
    return User{*userKey, *name};
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
    const QJsonObject rate = object.value(key::rateLimit).toObject();
    limits.rateBurst = rate.value(key::burst).toDouble();
    limits.ratePerSecond = rate.value(key::perSecond).toDouble();
    return limits;
}

namespace {
void insertJoinAckExtensions(QJsonObject &data, const JoinAck &ack)
{
    if (!ack.features.isEmpty()) {
        data.insert(key::features, stringArray(ack.features));
        data.insert(key::resumed, ack.resumed);
        data.insert(key::historyGap, ack.historyGap);
    }
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
                {}};
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
    return toFrame(toJson(user));
}

QByteArray encodeElement(const ChatMsg &msg)
{
    return toFrame(toJson(msg));
}

QByteArray encodeNewChatMsg(QByteArrayView element)
{
    // Compact JSON with sorted keys, as QJsonDocument writes it: "data" comes before "event".
    static const QByteArray tail = ",\"event\":\"" + protocol::events::newChatMsg.toUtf8() + "\"}";
    QByteArray frame;
    frame.reserve(8 + element.size() + tail.size());
    frame += "{\"data\":";
    frame += element;
    frame += tail;
    return frame;
}

QByteArray encodeJoinAck(qint64 id, const JoinAck &ack, QByteArrayView usersArray,
                         QByteArrayView historyArray)
{
    // Encode the envelope with placeholders, then splice the arrays in. The placeholders can
    // only match as keys: inside JSON strings every quote is escaped.
    QJsonObject data = toJson(
        JoinAck{ack.key, ack.token, {}, {}, ack.limits, ack.resumed, ack.historyGap, ack.features});
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
    return toFrame(std::visit(
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
