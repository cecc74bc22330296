#pragma once

#include <QObject>
#include <QUrl>

#include <functional>

namespace chat::client {

// Passwords the user asked to remember, in the system's keychain through QtKeychain (the Secret
// Service or KWallet on Linux, the Keychain on macOS, the Credential Manager on Windows), by
// server and name; a server's join password by server alone. Nowhere else: without a keychain
// nothing is remembered (QtKeychain's plain-text fallback into QSettings stays off). Every call
// answers asynchronously (a keychain may ask the user to unlock it first).
class PasswordVault : public QObject
{
    Q_OBJECT
public:
    enum class Availability
    {
        Unknown,     // not asked yet
        Available,   // a keychain answered
        Unavailable, // none on this system (or it refused): nothing can be remembered
    };
    Q_ENUM(Availability)

    // `service` names this application's entries in the keychain (default: the application's
    // name).
    explicit PasswordVault(QObject *parent = nullptr, const QString &service = {});

    // What the last answer of the keychain said about it.
    Availability availability() const { return m_availability; }
    // Asks the keychain whether it is there (availabilityChanged follows unless known).
    void probe();

    // The password remembered for `name` on `server`, or for the server's join password when
    // `name` is empty; `done` gets an empty string when there is none or no keychain.
    using ReadDone = std::function<void(const QString &password)>;
    void read(const QUrl &server, const QString &name, ReadDone done);
    using WriteDone = std::function<void(bool stored)>;
    void write(const QUrl &server, const QString &name, const QString &password,
               WriteDone done = {});
    void remove(const QUrl &server, const QString &name, WriteDone done = {});

    // The keychain entry's key: "NAME on URL", or "join password for URL" for a server's.
    static QString keyFor(const QUrl &server, const QString &name);

signals:
    void availabilityChanged(chat::client::PasswordVault::Availability availability);

private:
    void setAvailability(Availability availability);

    QString m_service;
    Availability m_availability = Availability::Unknown;
    bool m_probing = false;
};

} // namespace chat::client
