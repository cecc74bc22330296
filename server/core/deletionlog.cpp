#include "deletionlog.h"

#include <algorithm>

namespace chat::server {

void DeletionLog::setLimits(qint64 keepMs, int maxEntries)
{
    m_keepMs = keepMs;
    m_maxEntries = qMax(0, maxEntries);
    while (int(m_entries.size()) > m_maxEntries)
        m_entries.pop_front();
}

void DeletionLog::record(Entry entry)
{
    if (m_maxEntries == 0)
        return;
    if (int(m_entries.size()) >= m_maxEntries)
        m_entries.pop_front();
    m_entries.push_back(std::move(entry));
}

void DeletionLog::prune(qint64 now)
{
    if (m_keepMs <= 0)
        return;
    while (!m_entries.empty() && m_entries.front().at + m_keepMs < now)
        m_entries.pop_front();
}

std::deque<DeletionLog::Entry>::const_iterator DeletionLog::firstSince(qint64 lastSeenId) const
{
    return std::lower_bound(m_entries.cbegin(), m_entries.cend(), lastSeenId,
                            [](const Entry &entry, qint64 seen) { return entry.newestId < seen; });
}

} // namespace chat::server
