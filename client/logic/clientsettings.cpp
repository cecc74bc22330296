#include "clientsettings.h"

#include "protocol.h"

namespace chat::client {

namespace {
const QString serverKey = QStringLiteral("connection/server");
const QString nameKey = QStringLiteral("connection/name");
const QString geometryKey = QStringLiteral("window/geometry");
const QString splitterKey = QStringLiteral("window/splitter");
const QString windowStateKey = QStringLiteral("window/state");
const QString themeKey = QStringLiteral("window/theme");

QString certificatesKey(const QUrl &server)
{
    // One entry per host and port; "/" would start a settings group.
    return QStringLiteral("trustedCertificates/%1_%2")
        .arg(server.host().toLower())
        .arg(server.port(server.scheme() == QLatin1String("wss") ? 443 : 80));
}

QString roomsKey(const QUrl &server, const QString &name)
{
    // Per server and name; the name percent-encoded, so that "/" or "\\" cannot make groups.
    return QStringLiteral("rooms/%1_%2_%3")
        .arg(server.host().toLower())
        .arg(server.port(server.scheme() == QLatin1String("wss") ? 443 : 80))
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(name.toCaseFolded())));
}
} // namespace

QStringList ClientSettings::rooms(const QUrl &server, const QString &name) const
{
    return m_settings.value(roomsKey(server, name)).toStringList();
}

void ClientSettings::setRooms(const QUrl &server, const QString &name, const QStringList &rooms)
{
    m_settings.setValue(roomsKey(server, name), rooms);
}

QByteArray ClientSettings::splitterState() const
{
    return m_settings.value(splitterKey).toByteArray();
}

void ClientSettings::setSplitterState(const QByteArray &state)
{
    m_settings.setValue(splitterKey, state);
}

QByteArray ClientSettings::windowState() const
{
    return m_settings.value(windowStateKey).toByteArray();
}

void ClientSettings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(windowStateKey, state);
}

QString ClientSettings::theme() const
{
    const QString theme = m_settings.value(themeKey, QStringLiteral("system")).toString();
    if (theme == QLatin1String("light") || theme == QLatin1String("dark"))
        return theme;
    return QStringLiteral("system");
}

void ClientSettings::setTheme(const QString &theme)
{
    m_settings.setValue(themeKey, theme);
}

QStringList ClientSettings::trustedCertificates(const QUrl &server) const
{
    return m_settings.value(certificatesKey(server)).toStringList();
}

void ClientSettings::addTrustedCertificate(const QUrl &server, const QString &fingerprint)
{
    QStringList list = trustedCertificates(server);
    if (!list.contains(fingerprint, Qt::CaseInsensitive))
        list << fingerprint.toUpper();
    m_settings.setValue(certificatesKey(server), list);
}

QUrl ClientSettings::serverUrl() const
{
    const QUrl fallback(QStringLiteral("ws://localhost:%1/").arg(protocol::defaultPort));
    return m_settings.value(serverKey, fallback).toUrl();
}

void ClientSettings::setServerUrl(const QUrl &url)
{
    m_settings.setValue(serverKey, url);
}

QString ClientSettings::name() const
{
    return m_settings.value(nameKey).toString();
}

void ClientSettings::setName(const QString &name)
{
    m_settings.setValue(nameKey, name);
}

QByteArray ClientSettings::windowGeometry() const
{
    return m_settings.value(geometryKey).toByteArray();
}

void ClientSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(geometryKey, geometry);
}

} // namespace chat::client
