#include "gatekeeper.h"

#include "mailbox.h"
#include "validation.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QMutexLocker>

#include <sodium.h>

namespace chat::server {

namespace {
// A password held between the steps of a request (a lambda's capture): wiped when the last step
// lets go of it, whether it ran or its context went away first.
struct HeldSecret
{
    explicit HeldSecret(const QString &text) : bytes(text.toUtf8()) {}
    ~HeldSecret() { passwords::wipe(bytes); }
    HeldSecret(const HeldSecret &) = delete;
    HeldSecret &operator=(const HeldSecret &) = delete;
    QByteArray bytes;
};

QByteArray digest(const QByteArray &secret)
{
    return QCryptographicHash::hash(secret, QCryptographicHash::Sha256);
}

// Compares digests of equal length (SHA-256), so neither the time nor the length of the
// comparison depends on the password.
bool sameDigest(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() &&
           sodium_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

Error bannedError(const Ban &ban, const QString &nameKey)
{
    const QString what = !ban.nameKey.isEmpty() && ban.nameKey == nameKey
                             ? QStringLiteral("This name is banned")
                             : QStringLiteral("Connections from this address are banned");
    const QString until = ban.until
                              ? QStringLiteral("until %1")
                                    .arg(QDateTime::fromMSecsSinceEpoch(*ban.until, Qt::UTC)
                                             .toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")))
                              : QStringLiteral("until a moderator lifts the ban");
    const QString why = ban.reason.isEmpty() ? QStringLiteral("no reason given") : ban.reason;
    return Error{ErrorCode::Banned,
                 QStringLiteral("%1 %2 (by %3): %4.").arg(what, until, ban.by, why)};
}

Error guestsRefused(bool hasAccounts)
{
    return hasAccounts ? Error::fromCode(ErrorCode::AccountRequired)
                       : Error{ErrorCode::AccountRequired,
                               QStringLiteral("This server admits registered names only, and it "
                                              "keeps no accounts (no database).")};
}

const AccountInfo guest{false, QStringLiteral("user")};
} // namespace

Error hasherBusy()
{
    return Error{ErrorCode::RateLimited,
                 QStringLiteral("The server is busy checking other passwords; try again in a few "
                                "seconds.")};
}

Gatekeeper::Gatekeeper(const ServerConfig &config)
    : m_hasher(std::make_unique<PasswordHasher>(PasswordHasher::Settings{
          config.hashConcurrency, config.hashQueueLimit, PasswordCost::standard()}))
{
    m_clock.start();
    setSettings(config);
}

Gatekeeper::~Gatekeeper() = default;

void Gatekeeper::setStore(MessageStore *store)
{
    m_accounts = store ? std::make_unique<AccountStore>(*store) : nullptr;
}

void Gatekeeper::setSettings(const LiveSettings &settings)
{
    QMutexLocker lock(&m_mutex);
    m_settings.serverPasswordDigest =
        settings.serverPassword.isEmpty() ? QByteArray() : digest(settings.serverPassword);
    m_settings.guests = settings.guests;
    m_settings.registrationOpen = settings.registrationOpen;
}

Gatekeeper::Settings Gatekeeper::settings() const
{
    QMutexLocker lock(&m_mutex);
    return m_settings;
}

std::optional<Error> Gatekeeper::throttled(const QString &nameKey, const QString &addressKey) const
{
    const qint64 wait = m_throttle.blockedFor(nameKey, addressKey, now());
    if (wait == 0)
        return std::nullopt;
    return Error{ErrorCode::RateLimited,
                 QStringLiteral("Too many wrong passwords for this name or from this address; "
                                "try again in %1 minutes.")
                     .arg((wait + 59'999) / 60'000)};
}

void Gatekeeper::recordFailure(const QString &nameKey, const QString &addressKey)
{
    m_throttle.recordFailure(nameKey, addressKey, now());
}

std::optional<Gatekeeper::Verdict> Gatekeeper::admit(Candidate candidate, QObject *context,
                                                     std::function<void(const Verdict &)> answer)
{
    const Settings current = settings();
    // 1. The server's join password.
    if (!current.serverPasswordDigest.isEmpty()) {
        const HeldSecret given(candidate.serverPassword.value_or(QString()));
        if (!candidate.serverPassword ||
            !sameDigest(digest(given.bytes), current.serverPasswordDigest))
            return Error::fromCode(ErrorCode::BadServerPassword);
    }
    candidate.serverPassword.reset();
    // Without a database there are neither bans nor accounts: every name is a guest's.
    if (!m_accounts) {
        if (!current.guests)
            return guestsRefused(false);
        return guest;
    }
    // 2. Bans, 3. the name's password, 4. guests: the database answers on its thread.
    // Taken before `candidate` is moved into the callback: arguments have no order.
    const QString nameKey = validation::nameUniquenessKey(candidate.name);
    const QString addressKey = candidate.addressKey;
    auto box = Mailbox::to(context);
    m_accounts->findBan(nameKey, addressKey, m_wallClock(),
                        [this, box, nameKey, candidate = std::move(candidate), context,
                         answer = std::move(answer)](const Read<std::optional<Ban>> &read) mutable {
                            box->post([this, read, nameKey, candidate = std::move(candidate),
                                       context, answer = std::move(answer)]() mutable {
                                if (!read.ok)
                                    answer(Error::fromCode(ErrorCode::ServerError));
                                else if (read.value)
                                    answer(bannedError(*read.value, nameKey));
                                else
                                    checkAccount(std::move(candidate), context, std::move(answer));
                            });
                        });
    return std::nullopt;
}

void Gatekeeper::checkAccount(Candidate candidate, QObject *context,
                              std::function<void(const Verdict &)> answer)
{
    auto box = Mailbox::to(context);
    const QString key = validation::nameUniquenessKey(candidate.name); // before the move
    m_accounts->find(
        key, [this, box, candidate = std::move(candidate), context,
              answer = std::move(answer)](const Read<std::optional<Account>> &read) mutable {
            box->post([this, read, candidate = std::move(candidate), context,
                       answer = std::move(answer)]() mutable {
                if (!read.ok)
                    answer(Error::fromCode(ErrorCode::ServerError));
                else if (read.value)
                    verify(*read.value, std::move(candidate), context, std::move(answer));
                else if (!settings().guests)
                    answer(guestsRefused(true));
                else
                    answer(guest);
            });
        });
}

void Gatekeeper::verify(const Account &account, Candidate candidate, QObject *context,
                        std::function<void(const Verdict &)> answer)
{
    if (!candidate.password) {
        answer(Error::fromCode(ErrorCode::PasswordRequired));
        return;
    }
    // Before any hashing: a throttled name or address costs a lookup, not an Argon2id run.
    if (auto error = throttled(account.key, candidate.addressKey)) {
        answer(*error);
        return;
    }
    QByteArray password = candidate.password->toUtf8();
    candidate.password.reset();
    if (!validation::isAcceptablePassword(password)) {
        passwords::wipe(password); // no stored password is one: wrong, without hashing
        recordFailure(account.key, candidate.addressKey);
        answer(Error::fromCode(ErrorCode::AuthFailed));
        return;
    }
    const AccountInfo registered{true, roleName(account.role)};
    const bool accepted =
        m_hasher->verify(std::move(password), account.hash, context,
                         [this, key = account.key, addressKey = candidate.addressKey, registered,
                          answer](const PasswordVerdict &verdict) {
                             if (!verdict.matches) {
                                 recordFailure(key, addressKey);
                                 answer(Error::fromCode(ErrorCode::AuthFailed));
                                 return;
                             }
                             // Made at an older cost: the new hash replaces it (nobody waits for
                             // that).
                             if (verdict.rehashed)
                                 m_accounts->setHash(key, *verdict.rehashed, [](Change) {});
                             answer(registered);
                         });
    if (!accepted)
        answer(hasherBusy()); // the password was moved in and is wiped by the hasher
}

void Gatekeeper::registerName(const QString &name, QString password, QObject *context, Done done)
{
    auto secret = std::make_shared<HeldSecret>(password);
    password.clear();
    if (!m_accounts) {
        done(Error{ErrorCode::Forbidden,
                   QStringLiteral("This server keeps no database (its history is in memory): "
                                  "names cannot be registered.")});
        return;
    }
    if (!settings().registrationOpen) {
        done(Error{ErrorCode::Forbidden,
                   QStringLiteral("Registration is closed on this server: its operator registers "
                                  "names.")});
        return;
    }
    if (!validation::isAcceptablePassword(secret->bytes)) {
        done(Error::fromCode(ErrorCode::InvalidPassword));
        return;
    }
    Account account{validation::nameUniquenessKey(name),
                    name,
                    {},
                    Role::User,
                    QDateTime::currentMSecsSinceEpoch()};
    const bool accepted = m_hasher->hash(
        std::move(secret->bytes), context,
        [this, account, context, done](const std::optional<QByteArray> &hash) mutable {
            if (!hash) {
                done(Error::fromCode(ErrorCode::ServerError));
                return;
            }
            account.hash = *hash;
            auto box = Mailbox::to(context);
            m_accounts->add(account, [box, done](Change change) {
                box->post([change, done] {
                    if (change == Change::Done)
                        done(std::nullopt);
                    else if (change == Change::Exists)
                        done(Error::fromCode(ErrorCode::AlreadyRegistered));
                    else
                        done(Error::fromCode(ErrorCode::ServerError));
                });
            });
        });
    if (!accepted)
        done(hasherBusy());
}

void Gatekeeper::changePassword(const QString &name, const QString &addressKey, QString oldPassword,
                                QString newPassword, QObject *context, Done done)
{
    auto oldSecret = std::make_shared<HeldSecret>(oldPassword);
    auto newSecret = std::make_shared<HeldSecret>(newPassword);
    oldPassword.clear();
    newPassword.clear();
    const QString key = validation::nameUniquenessKey(name);
    if (!m_accounts) {
        done(Error::fromCode(ErrorCode::AccountRequired));
        return;
    }
    if (auto error = throttled(key, addressKey)) {
        done(*error);
        return;
    }
    if (!validation::isAcceptablePassword(newSecret->bytes)) {
        done(Error::fromCode(ErrorCode::InvalidPassword));
        return;
    }
    auto box = Mailbox::to(context);
    m_accounts->find(key, [this, box, key, addressKey, oldSecret, newSecret, context,
                           done](const Read<std::optional<Account>> &read) {
        box->post([this, read, key, addressKey, oldSecret, newSecret, context, done] {
            if (!read.ok) {
                done(Error::fromCode(ErrorCode::ServerError));
                return;
            }
            if (!read.value) { // the operator removed it since the login
                done(Error::fromCode(ErrorCode::AccountRequired));
                return;
            }
            const auto hashNew = [this, key, newSecret, context, done] {
                const bool accepted = m_hasher->hash(
                    std::move(newSecret->bytes), context,
                    [this, key, context, done](const std::optional<QByteArray> &hash) {
                        if (!hash) {
                            done(Error::fromCode(ErrorCode::ServerError));
                            return;
                        }
                        auto box = Mailbox::to(context);
                        m_accounts->setHash(key, *hash, [box, done](Change change) {
                            box->post([change, done] {
                                done(change == Change::Done ? std::nullopt
                                                            : std::optional<Error>(Error::fromCode(
                                                                  change == Change::Missing
                                                                      ? ErrorCode::AccountRequired
                                                                      : ErrorCode::ServerError)));
                            });
                        });
                    });
                if (!accepted)
                    done(hasherBusy());
            };
            const bool accepted = m_hasher->verify(
                std::move(oldSecret->bytes), read.value->hash, context,
                [this, key, addressKey, done, hashNew](const PasswordVerdict &verdict) {
                    if (!verdict.matches) {
                        recordFailure(key, addressKey);
                        done(Error::fromCode(ErrorCode::AuthFailed));
                        return;
                    }
                    hashNew();
                });
            if (!accepted)
                done(hasherBusy());
        });
    });
}

} // namespace chat::server
