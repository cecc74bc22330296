#include "messagetable.h"

#include "protocol.h"
#include "storeschema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace chat::server {

Read<std::optional<StoredMessage>> MessageTable::find(qint64 id)
{
    QSqlQuery query(m_db);
    // The author's role is the account's now, not when it wrote: a moderator may not delete
    // what an admin wrote as a user.
    query.prepare(QStringLiteral(
        "SELECT m.key, m.sender, m.room, m.recipient, m.author_account, m.recipient_account,"
        " a.role FROM messages m LEFT JOIN accounts a ON a.key = m.author_account"
        " WHERE m.id = ?"));
    query.addBindValue(id);
    Read<std::optional<StoredMessage>> read;
    if (!query.exec()) {
        m_error = query.lastError().text();
        return read;
    }
    read.ok = true;
    if (!query.next())
        return read;
    StoredMessage msg;
    msg.id = id;
    msg.authorKey = query.value(0).toString();
    msg.sender = query.value(1).toString();
    msg.roomKey = query.value(2).toString();
    msg.recipientKey = query.value(3).toString();
    msg.authorAccount = query.value(4).toString();
    msg.recipientAccount = query.value(5).toString();
    msg.authorRole = roleFromName(query.value(6).toString()).value_or(Role::User);
    read.value = msg;
    return read;
}

Change MessageTable::remove(qint64 id)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM messages WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec()) {
        m_error = query.lastError().text();
        return Change::Failed;
    }
    return query.numRowsAffected() > 0 ? Change::Done : Change::Missing;
}

Read<PrivatePage> MessageTable::privatePage(const QString &a, const QString &b,
                                            std::optional<qint64> before, int limit)
{
    QSqlQuery query(m_db);
    query.prepare(QString::fromLatin1(storeschema::privatePageQuery));
    const qint64 below = before.value_or(protocol::maxRequestId + 1);
    const int rows = limit + 1; // one more: does an older one exist?
    for (const QVariant &value :
         {QVariant(a), QVariant(b), QVariant(below), QVariant(rows), QVariant(b), QVariant(a),
          QVariant(below), QVariant(rows), QVariant(rows)})
        query.addBindValue(value);
    Read<PrivatePage> read;
    if (!query.exec()) {
        m_error = query.lastError().text();
        return read;
    }
    read.ok = true;
    while (query.next()) {
        if (read.value.messages.size() == limit) {
            read.value.more = true;
            break;
        }
        read.value.messages.prepend(PrivateMsg{
            query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
            query.value(3).toString(), query.value(4).toString(), query.value(5).toLongLong()});
    }
    return read;
}

} // namespace chat::server
