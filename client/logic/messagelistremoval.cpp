// MessageListModel: messages that leave the conversation (deleted on the server).
#include "messagelistmodel.h"

#include "messagelines.h"

#include <algorithm>

namespace chat::client {

using namespace messagelines;

bool MessageListModel::removeMessage(qint64 messageId)
{
    if (messageId <= 0)
        return false;
    const auto queued = std::find_if(m_queue.begin(), m_queue.end(), [messageId](const Entry &e) {
        return e.messageId == messageId;
    });
    if (queued != m_queue.end()) { // not shown yet: it never will be
        m_queue.erase(queued);
        return true;
    }
    int row = -1;
    for (int r = int(m_entries.size()) - 1; r >= 0; --r) {
        if (isMessage(m_entries[r].kind) && m_entries[r].messageId == messageId) {
            row = r;
            break;
        }
    }
    if (row < 0)
        return false;
    if (m_entries[row].serial == m_unreadMarker) {
        // The "new messages" line stays above the first unread message that is left.
        quint64 next = 0;
        for (int below = row + 1; below < m_entries.size() && next == 0; ++below) {
            if (m_entries[below].kind == Kind::Chat)
                next = m_entries[below].serial;
        }
        setUnreadMarker(next);
    }
    // Its day's separator goes with it when nothing else of that day is left under it.
    const bool lastOfDay = row + 1 == m_entries.size() ||
                           m_entries[row + 1].kind == Kind::DaySeparator ||
                           localDay(m_entries[row + 1].ts) != localDay(m_entries[row].ts);
    const int first =
        row > 0 && m_entries[row - 1].kind == Kind::DaySeparator && lastOfDay ? row - 1 : row;
    beginRemoveRows({}, first, row);
    m_entries.remove(first, row - first + 1);
    endRemoveRows();
    // A line of another day now right under the previous day's lines needs its separator.
    if (first < m_entries.size() && m_entries[first].kind != Kind::DaySeparator &&
        needsSeparator(first, localDay(m_entries[first].ts))) {
        Entry separator;
        separator.kind = Kind::DaySeparator;
        separator.ts = m_entries[first].ts;
        separator.serial = s_nextSerial++;
        beginInsertRows({}, first, first);
        m_entries.insert(first, separator);
        endInsertRows();
        return true;
    }
    touch(first); // the line below may now be grouped with the one above, or no longer
    return true;
}

} // namespace chat::client
