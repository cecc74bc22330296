#include "redisendpoint.h"

#include <QHostAddress>
#include <QUrl>

namespace chat::server::redis {

namespace {
std::optional<Endpoint> refuse(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return std::nullopt;
}
} // namespace

std::optional<Endpoint> Endpoint::parse(const QString &url, QString *error)
{
    // QUrl's own error strings quote the URL, password and all: ours never do.
    const QUrl parsed(url.trimmed(), QUrl::StrictMode);
    if (!parsed.isValid())
        return refuse(error, QStringLiteral("not a valid URL"));
    if (parsed.scheme() != QLatin1String("redis"))
        return refuse(error, QStringLiteral("the scheme must be redis:// (TLS is not supported)"));
    if (parsed.host().isEmpty())
        return refuse(error, QStringLiteral("no host"));
    if (parsed.hasQuery() || parsed.hasFragment())
        return refuse(error, QStringLiteral("a query or fragment is not understood"));
    Endpoint endpoint;
    endpoint.host = parsed.host();
    const int port = parsed.port(6379);
    if (port < 1 || port > 65535)
        return refuse(error, QStringLiteral("the port must be 1 to 65535"));
    endpoint.port = quint16(port);
    const QString path = parsed.path();
    if (!path.isEmpty() && path != QLatin1String("/")) {
        bool ok = false;
        const QString digits = path.mid(1);
        endpoint.db = digits.toInt(&ok);
        if (!ok || endpoint.db < 0 || digits.contains(QLatin1Char('+')))
            return refuse(error, QStringLiteral("the path must be a database number, as /0"));
    }
    endpoint.user = parsed.userName(QUrl::FullyDecoded);
    endpoint.password = parsed.password(QUrl::FullyDecoded);
    if (!endpoint.user.isEmpty() && endpoint.password.isEmpty())
        return refuse(error, QStringLiteral("a user needs a password (redis://USER:PASSWORD@)"));
    return endpoint;
}

QString Endpoint::redacted() const
{
    QString out = QStringLiteral("redis://");
    if (!password.isEmpty()) {
        out += QString::fromUtf8(QUrl::toPercentEncoding(user));
        out += QStringLiteral(":***@");
    }
    // An IPv6 literal goes in brackets, as in the URL it came from.
    const bool ipv6 = QHostAddress(host).protocol() == QAbstractSocket::IPv6Protocol;
    out += ipv6 ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    out += QLatin1Char(':') + QString::number(port) + QLatin1Char('/') + QString::number(db);
    return out;
}

} // namespace chat::server::redis
