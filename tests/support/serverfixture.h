#pragma once

#include "chatserver.h"

#include <QUrl>

#include <memory>

// A real chat server on 127.0.0.1 and a free port, in the test process (its workers on their
// own threads, as in production).
inline std::unique_ptr<chat::server::ChatServer> startServer(chat::server::ServerConfig config = {})
{
    config.host = QHostAddress::LocalHost;
    config.port = 0;
    auto server = std::make_unique<chat::server::ChatServer>(config);
    if (!server->listen())
        return nullptr;
    return server;
}

inline QUrl serverUrl(const chat::server::ChatServer &server)
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.port()));
}
