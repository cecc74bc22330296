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
    QByteArray splitterState() const;
    void setSplitterState(const QByteArray &state);
    // The main window's docks (QMainWindow::saveState): the map's place and whether it is open.
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    // "system" (the platform's palette), "light" or "dark".
    QString theme() const;
    void setTheme(const QString &theme);

    // SHA-256 fingerprints of certificates the user chose to trust, per server (host:port).
    QStringList trustedCertificates(const QUrl &server) const;
    void addTrustedCertificate(const QUrl &server, const QString &fingerprint);

    // The rooms the user was last in on a server under a name (entered again at the next start).
    QStringList rooms(const QUrl &server, const QString &name) const;
    void setRooms(const QUrl &server, const QString &name, const QStringList &rooms);

private:
    QSettings m_settings;
};

} // namespace chat::client
