#pragma once

#include "accounttable.h"
#include "events.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

// The stored messages as `delete` and the private `history` read them (feature "accounts";
// schema: storeschema.h). Synchronous, on one connection: the server runs it on the store's
// thread (MessageStore::queueWrite / queueRead), in the store's group commit.
namespace chat::server {

// A message as deletion needs it: who wrote it, where, and the author's account.
struct StoredMessage
{
    qint64 id = 0;
    QString authorKey; // the author's user key (a session's)
    QString sender;    // the author's name
    QString roomKey;   // the room's case-folded name; empty for a private message
    QString recipientKey;
    QString authorAccount; // empty: a guest wrote it
    QString recipientAccount;
    Role authorRole =
        Role::User; // the author account's role now (a guest, a removed account: User)
    bool isPrivate() const { return roomKey.isEmpty(); }
};

// A page of the private messages between two accounts, oldest first; `more`: older ones exist.
struct PrivatePage
{
    QList<PrivateMsg> messages;
    bool more = false;
};

class MessageTable
{
public:
    explicit MessageTable(const QSqlDatabase &db) : m_db(db) {}

    Read<std::optional<StoredMessage>> find(qint64 id);
    Change remove(qint64 id); // Missing: no such message
    // The newest `limit` below `before` (absent: all) between the accounts `a` and `b`.
    Read<PrivatePage> privatePage(const QString &a, const QString &b, std::optional<qint64> before,
                                  int limit);

    QString errorString() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace chat::server
