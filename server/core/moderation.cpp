#include "moderation.h"

#include "accounttable.h"
#include "mailbox.h"

#include <QDateTime>

namespace chat::server {

namespace {
constexpr qint64 msPerMinute = 60'000;

Error noDatabase()
{
    return Error{ErrorCode::Forbidden,
                 QStringLiteral("This server keeps no database: it has no moderators and no "
                                "bans.")};
}

Error storeFailed()
{
    return Error{ErrorCode::ServerError, QStringLiteral("The bans could not be read or stored.")};
}
} // namespace

Moderation::Moderation() : m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {}

Moderation::~Moderation() = default;

void Moderation::setStore(MessageStore *store)
{
    m_accounts = store ? std::make_unique<AccountStore>(*store) : nullptr;
}

void Moderation::ban(BanOrder order, QObject *context,
                     std::function<void(const std::variant<BanMade, Error> &)> done)
{
    if (!m_accounts)
        return done(noDatabase());
    auto box = Mailbox::to(context);
    const QString nameKey = order.nameKey; // before the move
    // The account's role now, from the database: the name may be offline, and an operator may
    // have changed it since it logged in.
    m_accounts->find(nameKey, [this, box, context, order = std::move(order),
                               done = std::move(done)](const Read<std::optional<Account>> &read) {
        box->post([this, read, context, order, done] {
            if (!read.ok)
                return done(storeFailed());
            const QString targetRole = roleName(read.value ? read.value->role : Role::User);
            if (!mayActOn(order.byRole, targetRole))
                return done(Error{ErrorCode::Forbidden,
                                  QStringLiteral("A moderator cannot ban an admin.")});
            Ban ban;
            ban.nameKey = order.nameKey;
            ban.name = order.name;
            ban.address = order.addressKey;
            ban.created = now();
            if (order.minutes > 0)
                ban.until = ban.created + order.minutes * msPerMinute;
            ban.reason = order.reason;
            ban.by = order.byName;
            // Here the context is alive (the mailbox delivered): a new mailbox for the write.
            auto box = Mailbox::to(context);
            m_accounts->ban(ban, [box, ban, targetRole, done](const Read<qint64> &added) {
                box->post([added, ban, targetRole, done]() mutable {
                    if (!added.ok)
                        return done(storeFailed());
                    ban.id = added.value;
                    done(BanMade{ban, targetRole});
                });
            });
        });
    });
}

void Moderation::unban(const QString &nameKey, QObject *context,
                       std::function<void(const std::optional<Error> &)> done)
{
    if (!m_accounts)
        return done(noDatabase());
    auto box = Mailbox::to(context);
    // Expired bans are not "in force": purged first, they leave nothing to lift.
    m_accounts->removeExpiredBans(now(), [](const Read<int> &) {});
    m_accounts->lift(nameKey, [box, done](Change change) {
        box->post([change, done] {
            if (change == Change::Done)
                done(std::nullopt);
            else if (change == Change::Missing)
                done(Error{ErrorCode::NoSuchBan, QStringLiteral("This name is not banned.")});
            else
                done(storeFailed());
        });
    });
}

void Moderation::list(QObject *context,
                      std::function<void(const std::variant<std::vector<Ban>, Error> &)> done)
{
    if (!m_accounts)
        return done(noDatabase());
    auto box = Mailbox::to(context);
    const qint64 at = now();
    m_accounts->removeExpiredBans(at, [](const Read<int> &) {});
    m_accounts->activeBans(at, [box, done](const Read<std::vector<Ban>> &read) {
        box->post([read, done] {
            if (!read.ok)
                return done(storeFailed());
            done(read.value);
        });
    });
}

bool isModerator(const QString &role)
{
    return role == roleName(Role::Moderator) || role == roleName(Role::Admin);
}

bool mayActOn(const QString &actorRole, const QString &targetRole)
{
    if (!isModerator(actorRole))
        return false;
    return actorRole == roleName(Role::Admin) || targetRole != roleName(Role::Admin);
}

} // namespace chat::server
