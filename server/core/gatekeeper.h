#pragma once

#include "accountstore.h"
#include "events.h"
#include "loginthrottle.h"
#include "passwordhasher.h"
#include "serverconfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QMutex>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>
#include <variant>

namespace chat::server {

class MessageStore;

// Feature "accounts": who may come in (protocol-v2.md, "Joining"), registration and password
// changes. Shared by the workers (thread safe); answers reach the caller's context object on its
// thread, and are dropped with it.
//
// Passwords go to the PasswordHasher (never hashed on an event loop) after the LoginThrottle
// said they may be tried, so a storm of wrong passwords costs no hashing. Without a database
// (--db :memory:) no account can exist: every name is a guest's, `register` is forbidden.
class Gatekeeper
{
public:
    explicit Gatekeeper(const ServerConfig &config);
    ~Gatekeeper();
    Gatekeeper(const Gatekeeper &) = delete;
    Gatekeeper &operator=(const Gatekeeper &) = delete;

    // The database that holds accounts and bans; none: guests only. Set before clients connect.
    void setStore(MessageStore *store);
    bool hasAccounts() const { return m_accounts != nullptr; }
    // The wall clock bans are checked by (ms since the epoch); tests move it. Set before
    // clients connect.
    void setWallClock(std::function<qint64()> clock) { m_wallClock = std::move(clock); }
    // The live settings: server password, guests, registration (a reload).
    void setSettings(const LiveSettings &settings);

    struct Candidate
    {
        QString name;       // normalized (Registry::normalizeName)
        QString addressKey; // the client's address as the caps count it; empty: exempt
        std::optional<QString> password;
        std::optional<QString> serverPassword;
    };
    using Verdict = std::variant<AccountInfo, Error>;
    // The checks of the contract, in its order: server password, bans, the name's password,
    // guests. Answered at once (returned) when nothing needs the database or a hash; else
    // nothing is returned and `answer` runs later on `context`'s thread.
    std::optional<Verdict> admit(Candidate candidate, QObject *context,
                                 std::function<void(const Verdict &)> answer);

    using Done = std::function<void(const std::optional<Error> &error)>;
    // `register` of the joined name (a guest's). Answers on `context`'s thread.
    void registerName(const QString &name, QString password, QObject *context, Done done);
    // `password` of a registered name.
    void changePassword(const QString &name, const QString &addressKey, QString oldPassword,
                        QString newPassword, QObject *context, Done done);

    const PasswordHasher &hasher() const { return *m_hasher; }
    const LoginThrottle &throttle() const { return m_throttle; }

private:
    struct Settings
    {
        QByteArray serverPasswordDigest; // SHA-256 of the join password; empty: none
        bool guests = true;
        bool registrationOpen = true;
    };
    Settings settings() const;
    void checkAccount(Candidate candidate, QObject *context,
                      std::function<void(const Verdict &)> answer);
    void verify(const Account &account, Candidate candidate, QObject *context,
                std::function<void(const Verdict &)> answer);
    std::optional<Error> throttled(const QString &nameKey, const QString &addressKey) const;
    void recordFailure(const QString &nameKey, const QString &addressKey);
    qint64 now() const { return m_clock.elapsed(); }

    std::unique_ptr<PasswordHasher> m_hasher;
    std::unique_ptr<AccountStore> m_accounts;
    LoginThrottle m_throttle;
    QElapsedTimer m_clock;
    std::function<qint64()> m_wallClock = [] {
        return QDateTime::currentMSecsSinceEpoch();
    };
    mutable QMutex m_mutex;
    Settings m_settings;
};

// The answer when the hasher's queue is full (PasswordHasher refuses): rate_limited, a code a
// client already retries after a while; docs/protocol.md says so.
Error hasherBusy();

} // namespace chat::server
