#pragma once

#include <QString>

#include <optional>

namespace chat::server::redis {

// Where a Redis server is and how to log in:
// redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]. USER is for ACL users (Redis 6+); without it AUTH
// takes the password alone (the `default` user, or `requirepass`).
struct Endpoint
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 6379;
    int db = 0;
    QString user, password;

    // Nothing (and why in *error, which never holds the password) for a URL that is not of the
    // form above.
    static std::optional<Endpoint> parse(const QString &url, QString *error);
    // The URL for logs: the password replaced by "***".
    QString redacted() const;
};

} // namespace chat::server::redis
