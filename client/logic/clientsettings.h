#pragma once

#include <QSettings>
#include <QUrl>

namespace chat::client {

// The client's remembered settings (QSettings under the application's organisation and name).
class ClientSettings
{
public:
    QUrl serverUrl() const;
    void setServerUrl(const QUrl &url);
    QString name() const;
    void setName(const QString &name);
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);

private:
    QSettings m_settings;
};

} // namespace chat::client
