// Registry: the feature "accounts"'s `delete` (a message out of memory and the database, and
// who is told) and the private history between two accounts (protocol-v2.md).
#include "registry.h"

#include "accounttable.h"
#include "audittext.h"
#include "deletecodec.h"
#include "logging.h"
#include "messagestore.h"
#include "messagetable.h"
#include "roomscodec.h"
#include "validation.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>

#include <memory>

namespace chat::server {

namespace {
// Who asks for a deletion, as the decision needs it.
struct Deleter
{
    QString userKey;
    QString name;
    QString accountKey; // empty: a guest
    Role role = Role::User;
};

enum class Permission
{
    Own,        // the author: the same session, or the same registered account
    Moderation, // someone else's, as a moderator or an admin
    Forbidden,
};

Permission permission(const Deleter &deleter, const StoredMessage &msg)
{
    if (msg.authorKey == deleter.userKey ||
        (!msg.authorAccount.isEmpty() && msg.authorAccount == deleter.accountKey))
        return Permission::Own;
    if (deleter.role == Role::Admin ||
        (deleter.role == Role::Moderator && msg.authorRole != Role::Admin))
        return Permission::Moderation;
    return Permission::Forbidden;
}

// One line per deletion: moderation at info, one's own at debug. Names and the reason are
// users' text: quoted and escaped (audittext.h).
void logDeletion(const Deleter &deleter, const StoredMessage &msg, Permission permission,
                 const std::optional<QString> &reason)
{
    const QString where = msg.isPrivate()
                              ? QStringLiteral("private")
                              : QStringLiteral("room %1").arg(audit::quoted(msg.roomKey));
    const QString why = reason ? audit::quoted(*reason) : QStringLiteral("none given");
    if (permission == Permission::Own) {
        qCDebug(lcAudit).noquote() << QStringLiteral("delete: %1 deleted its own message %2 (%3)")
                                          .arg(audit::quoted(deleter.name))
                                          .arg(msg.id)
                                          .arg(where);
        return;
    }
    const QString whose =
        msg.authorAccount.isEmpty()
            ? QStringLiteral("%1 (a guest)").arg(audit::quoted(msg.sender))
            : QStringLiteral("%1 (account %2, %3)")
                  .arg(audit::quoted(msg.sender), audit::quoted(msg.authorAccount),
                       roleName(msg.authorRole));
    qCInfo(lcAudit).noquote() << QStringLiteral(
                                     "delete: %1 (%2) deleted message %3 (%4) of %5; reason %6")
                                     .arg(audit::quoted(deleter.name), roleName(deleter.role))
                                     .arg(msg.id)
                                     .arg(where, whose, why);
}

Error noSuchMessage()
{
    return Error{ErrorCode::NoSuchMessage,
                 QStringLiteral("There is no such message (it may have been deleted).")};
}

Error forbidden(const Deleter &deleter)
{
    if (deleter.role == Role::Moderator)
        return Error{ErrorCode::Forbidden,
                     QStringLiteral("A moderator may not delete an admin's message.")};
    return Error{ErrorCode::Forbidden, QStringLiteral("You may delete only your own messages.")};
}
} // namespace

QString Registry::accountKeyLocked(const QString &userKey) const
{
    const auto index = m_indexByKey.constFind(userKey);
    return index == m_indexByKey.cend() ? QString() : m_members[index.value()].accountKey;
}

void Registry::deleteMessage(quint64 connectionId, const User &user, qint64 id,
                             const std::optional<QString> &reason, Done done)
{
    QMutexLocker lock(&m_mutex);
    const auto index = m_indexByKey.constFind(user.key);
    if (index == m_indexByKey.cend()) {
        lock.unlock();
        return done(Error::fromCode(ErrorCode::NotJoined));
    }
    const Member &member = m_members[index.value()];
    // A role counts only for a registered account (a guest's is "user" anyway).
    const Deleter deleter{user.key, user.name, member.accountKey,
                          member.accountKey.isEmpty()
                              ? Role::User
                              : roleFromName(member.account.role).value_or(Role::User)};
    if (!m_store) {
        // Without a database everything is in memory, and everyone is a guest.
        auto msg = findInMemoryLocked(id);
        if (!msg) {
            lock.unlock();
            return done(noSuchMessage());
        }
        const Permission allowed = permission(deleter, *msg);
        if (allowed == Permission::Forbidden) {
            lock.unlock();
            return done(forbidden(deleter));
        }
        if (m_cluster) { // gone everywhere once applied; answered then
            clusterForgetDeletedLocked(*msg, user, std::move(done));
            lock.unlock();
            return logDeletion(deleter, *msg, allowed, reason);
        }
        forgetDeletedLocked(*msg, connectionId, user);
        lock.unlock();
        logDeletion(deleter, *msg, allowed, reason);
        return done(QByteArray("{}"));
    }
    lock.unlock();
    // The decision and the delete in one write of the store's group commit, behind the
    // message's own insert; memory and the others follow once it is on disk, then the ack.
    struct Outcome
    {
        std::optional<StoredMessage> msg;
        Permission permission = Permission::Forbidden;
    };
    auto outcome = std::make_shared<Outcome>(); // the store's thread only
    m_store->queueErasure(
        [id, deleter, outcome](QSqlDatabase &db) {
            MessageTable table(db);
            const auto found = table.find(id);
            if (!found.ok) {
                qCCritical(lcServer) << "cannot read message" << id << ":" << table.errorString();
                return false;
            }
            outcome->msg = found.value;
            if (!found.value)
                return true;
            outcome->permission = permission(deleter, *found.value);
            if (outcome->permission == Permission::Forbidden)
                return true;
            if (table.remove(id) != Change::Done) {
                qCCritical(lcServer) << "cannot delete message" << id << ":" << table.errorString();
                return false;
            }
            return true;
        },
        [this, connectionId, deleter, reason, outcome, done = std::move(done)](bool committed) {
            if (!committed)
                return done(Error{ErrorCode::ServerError,
                                  QStringLiteral("The message could not be deleted.")});
            if (!outcome->msg)
                return done(noSuchMessage());
            if (outcome->permission == Permission::Forbidden)
                return done(forbidden(deleter));
            {
                QMutexLocker relock(&m_mutex);
                const User user{deleter.userKey, deleter.name, std::nullopt};
                if (m_cluster) // deleted from the database here, once; from memory everywhere
                    clusterForgetDeletedLocked(*outcome->msg, user, done);
                else
                    forgetDeletedLocked(*outcome->msg, connectionId, user);
            }
            logDeletion(deleter, *outcome->msg, outcome->permission, reason);
            if (!m_cluster) // in cluster mode: once applied
                done(QByteArray("{}"));
        });
}

std::optional<StoredMessage> Registry::findInMemoryLocked(qint64 id) const
{
    StoredMessage msg;
    msg.id = id;
    for (const auto &[key, room] : m_rooms) {
        if (const auto author = room.authorOf(id)) {
            msg.authorKey = *author;
            msg.roomKey = key;
            return msg;
        }
    }
    for (const Member &member : m_members) {
        for (const PrivateEntry &entry : member.inbox) {
            if (entry.id == id) {
                msg.authorKey = entry.authorKey;
                msg.recipientKey = member.user.key;
                return msg;
            }
        }
    }
    return std::nullopt;
}

std::vector<size_t> Registry::privateEndsLocked(const StoredMessage &msg) const
{
    // The sessions of both ends: the very ones that wrote and received it, and any later session
    // of their accounts.
    std::vector<size_t> ends;
    const auto add = [&](const QString &userKey) {
        const auto index = m_indexByKey.constFind(userKey);
        if (index != m_indexByKey.cend() &&
            std::find(ends.begin(), ends.end(), index.value()) == ends.end())
            ends.push_back(index.value());
    };
    for (const QString *key : {&msg.authorKey, &msg.recipientKey})
        add(*key);
    for (const QString *account : {&msg.authorAccount, &msg.recipientAccount}) {
        if (account->isEmpty())
            continue;
        // Names are unique by their key, and an account's key is its name's.
        const QString userKey = m_keysByFoldedName.value(*account);
        const auto index = m_indexByKey.constFind(userKey);
        if (index != m_indexByKey.cend() && m_members[index.value()].accountKey == *account)
            add(userKey);
    }
    return ends;
}

void Registry::forgetDeletedLocked(const StoredMessage &msg, quint64 origin, const User &deleter)
{
    // Kept for the sessions that resume (DeletionLog): placed after every message numbered so
    // far, with the event as it goes out now.
    DeletionLog::Entry kept;
    kept.id = msg.id;
    kept.newestId = m_lastMessageId;
    kept.at = QDeadlineTimer::current().deadline();
    kept.deleterKey = deleter.key;
    kept.roomKey = msg.roomKey;
    if (!msg.isPrivate()) {
        ChatRoom *room = findRoom(msg.roomKey);
        if (!room)
            return;
        room->erase(msg.id);
        // Its members that listed "rooms", and in general the accounts clients without "rooms"
        // (they are there and nowhere else). v1 clients learn nothing.
        QList<quint64> recipients = room->roomsRecipients();
        // Found through their set when they are few; when they are many a scan of the members
        // is cheaper (about 3 ns a member against 28 for a lookup: docs/performance.md).
        if (room->isGeneral() && m_accountsOnly.size() * 8 < qsizetype(m_members.size())) {
            for (const QString &key : std::as_const(m_accountsOnly)) {
                const quint64 connectionId = m_members[m_indexByKey.value(key)].connectionId;
                if (connectionId) // another instance's user has no connection here
                    recipients.append(connectionId);
            }
        } else if (room->isGeneral()) {
            for (const Member &member : m_members) {
                if (!member.roomsClient && member.accountsClient && member.connectionId)
                    recipients.append(member.connectionId);
            }
        }
        kept.event = codec::deletion::messageDeletedEvent({msg.id, room->name(), deleter.name});
        publishLocked(origin, kept.event, Audience::Listed, recipients);
        m_deletions.record(std::move(kept));
        return;
    }
    QList<quint64> recipients;
    for (const size_t index : privateEndsLocked(msg)) {
        Member &end = m_members[index];
        end.inbox.removeIf([&](const PrivateEntry &entry) { return entry.id == msg.id; });
        if (end.roomsClient || end.accountsClient)
            recipients.append(end.connectionId);
    }
    kept.event = codec::deletion::messageDeletedEvent({msg.id, std::nullopt, deleter.name});
    publishLocked(origin, kept.event, Audience::Listed, recipients);
    // Its ends, as sessions and as accounts, are who a resume tells.
    kept.authorKey = msg.authorKey;
    kept.recipientKey = msg.recipientKey;
    kept.authorAccount = msg.authorAccount;
    kept.recipientAccount = msg.recipientAccount;
    m_deletions.record(std::move(kept));
}

std::vector<QByteArray> Registry::missedDeletionsLocked(const Member &member,
                                                        std::optional<qint64> lastSeenId) const
{
    // The audience of the live event (forgetDeletedLocked) as the session is now: the rooms it
    // is in, general for an accounts client without "rooms", a private message's ends (the very
    // sessions, or the account's); never the deleter, never a client of neither feature.
    std::vector<QByteArray> missed;
    if (!member.roomsClient && !member.accountsClient)
        return missed;
    const auto isEnd = [&member](const QString &key, const QString &account) {
        return key == member.user.key || (!account.isEmpty() && account == member.accountKey);
    };
    m_deletions.forEachSince(lastSeenId.value_or(0), [&](const DeletionLog::Entry &entry) {
        if (entry.deleterKey == member.user.key)
            return;
        const bool told = entry.roomKey.isEmpty()
                              ? isEnd(entry.authorKey, entry.authorAccount) ||
                                    isEnd(entry.recipientKey, entry.recipientAccount)
                              : (member.roomsClient ? member.rooms.contains(entry.roomKey)
                                                    : entry.roomKey == protocol::generalRoom);
        if (told)
            missed.push_back(entry.event);
    });
    return missed;
}

int Registry::keptDeletionCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_deletions.size();
}

void Registry::privateHistory(const User &user, const QString &with, std::optional<qint64> before,
                              int limit, Done done)
{
    QString accountKey;
    {
        QMutexLocker lock(&m_mutex);
        accountKey = accountKeyLocked(user.key);
    }
    if (!m_store)
        return done(Error{ErrorCode::AccountRequired,
                          QStringLiteral("This server keeps no database (its history is in "
                                         "memory): it has no accounts, nor a private history.")});
    if (accountKey.isEmpty())
        return done(Error{ErrorCode::AccountRequired,
                          QStringLiteral("Private messages are kept for registered accounts: "
                                         "log in to one (or register your name) first.")});
    QString other = with;
    if (validation::normalizeName(other, m_maxNameCodePoints))
        return done(Error{ErrorCode::BadRequest, QStringLiteral("\"with\" is not a valid name.")});
    const QString otherKey = validation::nameUniquenessKey(other);
    // Read on the store's thread, behind every message relayed before this request.
    m_store->queueRead([accountKey, otherKey, before, limit,
                        done = std::move(done)](QSqlDatabase &db) {
        MessageTable table(db);
        const auto page = table.privatePage(accountKey, otherKey, before, limit);
        if (!page.ok) {
            qCCritical(lcServer) << "cannot read private history:" << table.errorString();
            done(Error{ErrorCode::ServerError, QStringLiteral("The history could not be read.")});
            return false;
        }
        std::vector<QByteArray> elements;
        elements.reserve(size_t(page.value.messages.size()));
        for (const PrivateMsg &msg : page.value.messages)
            elements.push_back(codec::rooms::privateMsgElement(msg));
        const QByteArray json =
            QJsonDocument(QJsonObject{{QStringLiteral("messages"), QJsonArray()},
                                      {QStringLiteral("more"), page.value.more}})
                .toJson(QJsonDocument::Compact);
        done(codec::rooms::spliceArrays(json, {{"messages", codec::rooms::joinArray(elements)}}));
        return true;
    });
}

} // namespace chat::server
