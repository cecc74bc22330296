// MessageListModel: older pages above the lines shown, and where the unread ones begin.
#include "messagelistmodel.h"

#include "messagelines.h"

namespace chat::client {

using namespace messagelines;

void MessageListModel::addOlder(const QList<ChatMsg> &messages, const QString &ownKey,
                                const std::function<bool(const ChatMsg &)> &mentions)
{
    const qint64 oldest = oldestMessageId();
    QList<Entry> page;
    for (const ChatMsg &msg : messages) {
        if (oldest != 0 && msg.id >= oldest)
            continue;
        const bool own = msg.key == ownKey;
        Entry entry = chatEntry(msg, own, !own && mentions(msg));
        if (page.isEmpty() || localDay(page.last().ts) != localDay(entry.ts)) {
            Entry separator;
            separator.kind = Kind::DaySeparator;
            separator.ts = entry.ts;
            separator.serial = s_nextSerial++;
            page << separator;
        }
        entry.serial = s_nextSerial++;
        page << std::move(entry);
    }
    if (page.isEmpty())
        return;
    // The day that the page ends in may be the one the lines shown begin with: one separator.
    if (!m_entries.isEmpty() && m_entries.first().kind == Kind::DaySeparator &&
        localDay(m_entries.first().ts) == localDay(page.last().ts)) {
        beginRemoveRows({}, 0, 0);
        m_entries.removeFirst();
        endRemoveRows();
    }
    beginInsertRows({}, 0, int(page.size()) - 1);
    m_entries = page + m_entries;
    endInsertRows();
    touch(int(page.size())); // the first line that was shown may now continue the page's last
    m_maxRows = qMax(m_maxRows, int(m_entries.size()));
}

qint64 MessageListModel::newestMessageId() const
{
    qint64 newest = 0;
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it) {
        if (isMessage(it->kind) && it->messageId != 0) {
            newest = it->messageId; // lines are in id order: the last with an id is the newest
            break;
        }
    }
    for (const Entry &entry : m_queue) // not shown yet
        newest = qMax(newest, entry.messageId);
    return newest;
}

qint64 MessageListModel::oldestMessageId() const
{
    for (const Entry &entry : m_entries) {
        if (isMessage(entry.kind) && entry.messageId != 0)
            return entry.messageId;
    }
    return 0;
}

void MessageListModel::markLastUnread(int count)
{
    flushQueued(); // what arrived is all shown now
    quint64 serial = 0;
    for (int row = int(m_entries.size()) - 1; row >= 0 && count > 0; --row) {
        if (m_entries[row].kind == Kind::Chat) {
            serial = m_entries[row].serial;
            --count;
        }
    }
    setUnreadMarker(serial);
}

} // namespace chat::client
