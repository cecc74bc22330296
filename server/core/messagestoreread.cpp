// The store's reads on its thread, after the commit of the writes queued before them: a room's
// page, every message since an id, and what runs after a commit that erased a message.
#include "messagestore.h"

#include "logging.h"
#include "sqldialect.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace chat::server {

void MessageStore::read(const Pending &pending)
{
    QSqlQuery &page = *m_page;
    page.bindValue(0, pending.room);
    page.bindValue(1, pending.number);
    page.bindValue(2, pending.limit + 1); // one more: does an older one exist?
    QList<ChatMsg> messages;
    if (!page.exec()) {
        qCCritical(lcServer) << "cannot read history:" << page.lastError().text();
        pending.read(false, messages, false);
        return;
    }
    bool more = false;
    while (page.next()) {
        if (messages.size() == pending.limit) {
            more = true;
            break;
        }
        messages.prepend(ChatMsg{page.value(0).toLongLong(), page.value(1).toString(),
                                 page.value(2).toString(), page.value(3).toString(),
                                 page.value(4).toLongLong()});
    }
    page.finish();
    pending.read(true, messages, more);
}

void MessageStore::readSince(const Pending &pending)
{
    QSqlQuery &since = *m_since;
    since.bindValue(0, pending.number);
    since.bindValue(1, qMax(0, pending.limit));
    QList<SinceMessage> messages;
    if (!since.exec()) {
        qCCritical(lcServer) << "cannot read messages since" << pending.number << ":"
                             << since.lastError().text();
        pending.since(false, messages);
        return;
    }
    while (since.next()) {
        messages.append(SinceMessage{
            since.value(0).toLongLong(), since.value(1).toString(), since.value(2).toString(),
            since.value(3).toString(), since.value(4).toLongLong(), since.value(5).toString(),
            since.value(6).toString(), since.value(7).toString(), since.value(8).toString()});
    }
    since.finish();
    pending.since(true, messages);
}

void MessageStore::eraseAfterCommit()
{
    // SQLite: a checkpoint that finds another connection reading leaves the rest to the next.
    const QString statement = SqlDialect(m_target.engine).afterErasure();
    if (statement.isEmpty())
        return;
    QSqlQuery erase(*m_db);
    if (!erase.exec(statement))
        qCWarning(lcServer) << "cannot clean up after a delete:" << erase.lastError().text();
}

} // namespace chat::server
