#pragma once

#include "roomsclient.h"
#include "serverfixture.h"

// The opening the rooms tests share (tst_rooms, tst_roomscompat): a real server in this process
// for scripted clients, and clients that connect to it and join, as rooms clients or v1 ones.
// Inline, like serverfixture.h: a test that uses it links chat_server_core.
namespace rooms {

// No `message` rate and no request budget: a script sends faster than a person (the budgets
// are tst_hostile's subject).
inline chat::server::ServerConfig scriptedConfig()
{
    chat::server::ServerConfig config;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0};
    return config;
}

// Connects `client` to `server` and joins it as `name` with `features` (a rooms client by
// default), the members of `extra` added to the join data ({"rooms": [...]}, a token, ...).
// Returns the ack's data; {} when the connection or the join failed.
inline QJsonObject joinRooms(TestClient &client, const chat::server::ChatServer &server,
                             const QString &name, const QJsonObject &extra = {},
                             const QStringList &features = {"rooms"})
{
    if (!client.open(serverUrl(server)))
        return {};
    QJsonObject data = joinData(name, features);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        data.insert(it.key(), it.value());
    return requestData(client, "join", data, 1);
}

// Connects `client` and joins it as a v1 client (no features): the ack's data, {} on failure.
inline QJsonObject joinV1(TestClient &client, const chat::server::ChatServer &server,
                          const QString &name)
{
    if (!client.open(serverUrl(server)))
        return {};
    return client.join(name);
}

} // namespace rooms
