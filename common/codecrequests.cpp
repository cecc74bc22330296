// Client -> server: the requests of protocol v1 and its extensions (join's features, resume
// and rooms members); the feature "rooms"'s own requests are in roomscodec.cpp.
#include "codec.h"

#include "accountscodec.h"
#include "codecjson.h"
#include "deletecodec.h"
#include "locationcodec.h"
#include "roomscodec.h"

#include <QJsonArray>

namespace chat::codec {

using namespace json;

namespace {
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
    // Feature "accounts": likewise, "password" and "serverPassword" only for its clients.
    if (request.features.contains(protocol::features::accounts)) {
        if (auto failure = accounts::decodeJoinMembers(id, data, request))
            return std::move(*failure);
    }
    return ClientRequest{id, std::move(request)};
}
} // namespace

std::optional<qint64> requestIdFromJson(const QJsonValue &value)
{
    return integerFromJson(value, 1, protocol::maxRequestId);
}

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
                accounts::insertJoinMembers(data, event);
                return envelope(protocol::events::join, data);
            } else if constexpr (std::is_same_v<T, MessageRequest>) {
                QJsonObject data{{key::text, event.text}};
                if (!event.room.isEmpty())
                    data.insert(key::room, event.room);
                return envelope(protocol::events::message, data);
            } else if constexpr (std::is_same_v<T, TypingRequest>) {
                return envelope(protocol::events::typing, QJsonValue::Undefined);
            } else if constexpr (accounts::isAccountsRequest<T>) {
                return accounts::envelope(event);
            } else if constexpr (std::is_same_v<T, DeleteRequest>) {
                return deletion::envelope(event);
            } else if constexpr (std::is_same_v<T, SendLocationRequest> ||
                                 std::is_same_v<T, RequestLocationsRequest>) {
                return location::envelope(event);
            } else {
                return rooms::envelope(event);
            }
        },
        request.event);
    if (request.id)
        object.insert(key::id, double(*request.id));
    return compact(object);
}

std::variant<ClientRequest, RequestFailure>
decodeClientRequest(const QByteArray &frame, bool withRooms, bool withAccounts, bool withLocation)
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
        if (auto decoded = rooms::decodeRequest(id, event, data, withAccounts))
            return std::move(*decoded);
    }
    if (withAccounts) {
        if (auto decoded = accounts::decodeRequest(id, event, data))
            return std::move(*decoded);
        if (auto decoded = deletion::decodeRequest(id, event, data))
            return std::move(*decoded);
    }
    if (withLocation) {
        if (auto decoded = location::decodeRequest(id, event, data))
            return std::move(*decoded);
    }
    return RequestFailure{
        id, Error{ErrorCode::UnknownEvent, QStringLiteral("Unknown event \"%1\".").arg(event)}};
}

} // namespace chat::codec
