#pragma once

#include "redis/redisconnection.h"
#include "redisserver.h"

#include <QtTest>

#include <memory>
#include <optional>

// Waits for the reply to one command (nothing if none comes within `ms`).
inline std::optional<chat::server::redis::Reply> call(chat::server::redis::Connection &connection,
                                                      const QList<QByteArray> &args, int ms = 5000)
{
    auto reply = std::make_shared<std::optional<chat::server::redis::Reply>>();
    connection.command(args, [reply](const chat::server::redis::Reply &r) { *reply = r; });
    if (!QTest::qWaitFor([&] { return reply->has_value(); }, ms))
        return std::nullopt;
    return *reply;
}

inline chat::server::redis::Endpoint localEndpoint(const RedisServer &server)
{
    chat::server::redis::Endpoint endpoint;
    endpoint.port = server.port();
    return endpoint;
}

// A connection that is open and logged in (null if it does not get there within 10 s).
inline std::unique_ptr<chat::server::redis::Connection>
openConnection(const chat::server::redis::Endpoint &endpoint)
{
    auto connection = std::make_unique<chat::server::redis::Connection>(endpoint);
    connection->open();
    if (!QTest::qWaitFor([&] { return connection->isConnected(); }, 10000))
        return nullptr;
    return connection;
}
