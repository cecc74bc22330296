#include "locationcodec.h"

#include "codecjson.h"

#include <QJsonArray>

#include <cmath>

namespace chat::codec::location {

using namespace json;

namespace {
const QString latKey = QStringLiteral("lat");
const QString lngKey = QStringLiteral("lng");
const QString locationsKey = QStringLiteral("locations");

// A JSON number (not a string, not null); QJsonValue holds NaN and infinities as doubles too,
// which no JSON text can carry but a caller's QJsonObject might.
std::optional<double> numberFromJson(const QJsonValue &value)
{
    if (!value.isDouble() || !std::isfinite(value.toDouble()))
        return std::nullopt;
    return value.toDouble();
}

std::optional<GeoPosition> positionFromJson(const QJsonObject &object)
{
    const auto lat = numberFromJson(object.value(latKey));
    const auto lng = numberFromJson(object.value(lngKey));
    if (!lat || !lng)
        return std::nullopt;
    const GeoPosition position{*lat, *lng};
    return isValid(position) ? std::optional(position) : std::nullopt;
}
} // namespace

bool isValid(const GeoPosition &position)
{
    return std::isfinite(position.lat) && std::isfinite(position.lng) && position.lat >= -90 &&
           position.lat <= 90 && position.lng >= -180 && position.lng <= 180;
}

std::optional<std::variant<ClientRequest, RequestFailure>>
decodeRequest(std::optional<qint64> id, const QString &event, const QJsonValue &data)
{
    if (event == protocol::events::requestLocations)
        return ClientRequest{id, RequestLocationsRequest{}};
    if (event != protocol::events::sendLocation)
        return std::nullopt;
    if (data.isNull())
        return ClientRequest{id, SendLocationRequest{std::nullopt}};
    const auto position = data.isObject() ? positionFromJson(data.toObject()) : std::nullopt;
    if (!position)
        return badRequest(id, QStringLiteral("\"send location\" needs data {\"lat\": number, "
                                             "\"lng\": number} (lat from -90 to 90, lng from "
                                             "-180 to 180) or null to stop sharing."));
    return ClientRequest{id, SendLocationRequest{position}};
}

QJsonObject envelope(const SendLocationRequest &request)
{
    if (!request.position)
        return json::envelope(protocol::events::sendLocation, QJsonValue::Null);
    return json::envelope(
        protocol::events::sendLocation,
        QJsonObject{{latKey, request.position->lat}, {lngKey, request.position->lng}});
}

QJsonObject envelope(const RequestLocationsRequest &)
{
    return json::envelope(protocol::events::requestLocations, QJsonValue::Undefined);
}

QJsonObject toJson(const LocationUpdate &update)
{
    return QJsonObject{
        {key::userKey, update.key},
        {key::name, update.name},
        {latKey, update.position ? QJsonValue(update.position->lat) : QJsonValue::Null},
        {lngKey, update.position ? QJsonValue(update.position->lng) : QJsonValue::Null},
        {key::ts, double(update.ts)},
    };
}

QByteArray locationUpdateEvent(const LocationUpdate &update)
{
    return compact(json::envelope(protocol::events::locationUpdate, toJson(update)));
}

std::optional<LocationUpdate> locationUpdateFromJson(const QJsonValue &data)
{
    const QJsonObject object = data.toObject();
    const auto key = stringMember(data, key::userKey);
    const auto name = stringMember(data, key::name);
    const auto ts = integerFromJson(object.value(key::ts), 0, protocol::maxRequestId);
    if (!key || !name || !ts)
        return std::nullopt;
    LocationUpdate update{*key, *name, std::nullopt, *ts};
    if (object.value(latKey).isNull() && object.value(lngKey).isNull())
        return update;
    update.position = positionFromJson(object);
    if (!update.position)
        return std::nullopt;
    return update;
}

std::optional<LocationUpdate> decodeLocationUpdate(const QByteArray &frame)
{
    const auto object = parseObject(frame);
    if (!object || object->value(key::event).toString() != protocol::events::locationUpdate)
        return std::nullopt;
    return locationUpdateFromJson(object->value(key::data));
}

QJsonObject locationsAckData(const QList<LocationUpdate> &locations)
{
    QJsonArray array;
    for (const LocationUpdate &update : locations)
        array.append(toJson(update));
    return QJsonObject{{locationsKey, array}};
}

std::optional<QList<LocationUpdate>> locationsFromAckData(const QJsonObject &data)
{
    return listFromJson<LocationUpdate>(data.value(locationsKey), locationUpdateFromJson);
}

} // namespace chat::codec::location
