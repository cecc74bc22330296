#include "clientsettings.h"

#include "protocol.h"

namespace chat::client {

namespace {
const QString serverKey = QStringLiteral("connection/server");
const QString nameKey = QStringLiteral("connection/name");
const QString geometryKey = QStringLiteral("window/geometry");
} // namespace

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
