#pragma once

#include "roomsfixture.h"

#include <QElapsedTimer>
#include <QJsonArray>

#include <algorithm>

// The opening the location tests share (tst_location, tst_locationleave): scripted clients that
// join with the feature "location", share positions, and read the `location update`s they get.
namespace location {

// scriptedConfig() (no rate limits) with one user's updates relayed at most every `intervalMs`.
inline chat::server::ServerConfig config(int intervalMs)
{
    chat::server::ServerConfig config = rooms::scriptedConfig();
    config.locationIntervalMs = intervalMs;
    config.badRequestRate = {0, 0}; // the bad_request cases are many
    return config;
}

// Joins as a client that listed "location" (and `more` features): the ack's data.
inline QJsonObject join(TestClient &client, const chat::server::ChatServer &server,
                        const QString &name, const QStringList &more = {},
                        const QJsonObject &extra = {})
{
    return rooms::joinRooms(client, server, name, extra, QStringList{"location"} + more);
}

inline QJsonObject position(double lat, double lng)
{
    return {{"lat", lat}, {"lng", lng}};
}

// `send location`: its error code, "" when acknowledged with {}.
inline QString share(TestClient &client, const QJsonValue &data, qint64 id)
{
    const QJsonObject ack = rooms::request(client, "send location", data, id);
    if (ack.isEmpty())
        return QStringLiteral("no answer");
    if (ack.contains("error"))
        return ack.value("error").toObject().value("code").toString();
    return ack.value("data").toObject().isEmpty() ? QString() : QStringLiteral("not {}");
}

// The `location update`s `client` has received so far (their data), in order; the frames stay.
inline QList<QJsonObject> updates(const TestClient &client)
{
    QList<QJsonObject> found;
    for (const QJsonObject &frame : client.received) {
        if (frame.value("event") == "location update")
            found << frame.value("data").toObject();
    }
    return found;
}

inline bool hasUpdateFrom(const TestClient &client, const QString &key, const QJsonValue &lat)
{
    const QList<QJsonObject> got = updates(client);
    return std::any_of(got.begin(), got.end(), [&](const QJsonObject &update) {
        return update.value("key") == key && update.value("lat") == lat;
    });
}

// `request locations`: the ack's "locations", by key.
inline QMap<QString, QJsonObject> locations(TestClient &client, qint64 id)
{
    QMap<QString, QJsonObject> byKey;
    const QJsonObject data = rooms::requestData(client, "request locations", QJsonValue(), id);
    for (const QJsonValue &entry : data.value("locations").toArray())
        byKey.insert(entry.toObject().value("key").toString(), entry.toObject());
    return byKey;
}

// A barrier: someone new joins, and every client in `watchers` has been told (`user connected`
// reaches every kind of client). Whatever the server sent them before is in their `received`.
inline bool everyoneSawJoin(const chat::server::ChatServer &server, TestClient &newcomer,
                            const QString &name, const QList<TestClient *> &watchers)
{
    if (rooms::joinV1(newcomer, server, name).isEmpty())
        return false;
    return QTest::qWaitFor(
        [&] {
            return std::all_of(watchers.begin(), watchers.end(), [&](const TestClient *watcher) {
                return std::any_of(watcher->received.begin(), watcher->received.end(),
                                   [&](const QJsonObject &frame) {
                                       return frame.value("event") == "user connected" &&
                                              frame.value("data").toObject().value("name") == name;
                                   });
            });
        },
        5000);
}

} // namespace location
