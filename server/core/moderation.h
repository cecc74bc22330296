#pragma once

#include "accountstore.h"
#include "events.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

namespace chat::server {

class MessageStore;

// Feature "accounts", moderation: the bans moderators make, lift and list, in the `bans` table
// (through the store's thread, as AccountStore does; answers reach the caller's context object
// on its thread, and are dropped with it). Thread safe: the workers share it. Who may act on
// whom is decided here too (mayActOn); the Registry removes the users, the Gatekeeper refuses
// the banned at join.
//
// Time is the wall clock (a ban's `until` is ms since the epoch); tests replace it
// (ChatServer::setWallClock) to see bans expire without waiting.
class Moderation
{
public:
    Moderation();
    ~Moderation();
    Moderation(const Moderation &) = delete;
    Moderation &operator=(const Moderation &) = delete;

    // The database that holds accounts and bans; none (:memory:): nobody can ban. Set before
    // clients connect.
    void setStore(MessageStore *store);
    void setWallClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }

    struct BanOrder
    {
        QString byName; // the moderator
        QString byRole;
        QString name; // normalized (Registry::normalizeName)
        QString nameKey;
        QString addressKey; // the name's connection's, while it is online and not exempt
        qint64 minutes = 0; // 0: until lifted
        QString reason;
    };
    struct BanMade
    {
        Ban ban;
        QString targetRole; // the name's account's role ("user" when it has none)
    };
    // Writes the ban once the name's account (if any) is known not to be beyond the moderator
    // (forbidden: a moderator banning an admin). Answered once committed.
    void ban(BanOrder order, QObject *context,
             std::function<void(const std::variant<BanMade, Error> &)> done);
    // Lifts the name's bans in force (and so the addresses they hold); no_such_ban.
    void unban(const QString &nameKey, QObject *context,
               std::function<void(const std::optional<Error> &)> done);
    // The bans in force, oldest first (the expired ones are purged on the way).
    void list(QObject *context,
              std::function<void(const std::variant<std::vector<Ban>, Error> &)> done);

private:
    std::unique_ptr<AccountStore> m_accounts;
    std::function<qint64()> m_clock;
};

// Roles: moderators and admins moderate; a moderator does not act on an admin.
bool isModerator(const QString &role);
bool mayActOn(const QString &actorRole, const QString &targetRole);

} // namespace chat::server
