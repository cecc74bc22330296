#pragma once

#include "events.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>

#include <optional>
#include <variant>

// Encoding and decoding of the feature "location" (docs/protocol.md, "Locations"): the original
// chat's next step, people sharing where they are on a map. Both sides: the requests `send
// location` and `request locations`, the event `location update` and the ack of `request
// locations`. The callers ask here only for clients that listed "location".
namespace chat::codec::location {

// `send location` {"lat", "lng"} (finite numbers, lat in [-90, 90], lng in [-180, 180]) or null
// (stop sharing); `request locations` (no data). nullopt for any other event.
std::optional<std::variant<ClientRequest, RequestFailure>>
decodeRequest(std::optional<qint64> id, const QString &event, const QJsonValue &data);
QJsonObject envelope(const SendLocationRequest &request);
QJsonObject envelope(const RequestLocationsRequest &request);

// Whether a position is one the protocol accepts (finite, in range).
bool isValid(const GeoPosition &position);

// {"key", "name", "lat", "lng", "ts"}; lat and lng null when the user stopped sharing or left.
QJsonObject toJson(const LocationUpdate &update);
// The `location update` frame (the same bytes as compact(envelope(...))).
QByteArray locationUpdateEvent(const LocationUpdate &update);
std::optional<LocationUpdate> locationUpdateFromJson(const QJsonValue &data);
// A `location update` frame's event; nothing for any other frame or a malformed one.
std::optional<LocationUpdate> decodeLocationUpdate(const QByteArray &frame);

// The data of `request locations`' ack: {"locations": [LocationUpdate…]}, every shared position.
QJsonObject locationsAckData(const QList<LocationUpdate> &locations);
std::optional<QList<LocationUpdate>> locationsFromAckData(const QJsonObject &data);

} // namespace chat::codec::location
